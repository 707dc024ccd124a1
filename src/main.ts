import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { CriteriaError } from './features/criteria/loader';
import { startServer } from './server';
import { describeDemoCredentials } from './seed/demo';

const requiredNodeMajor = 24;

async function main(): Promise<void> {
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor < requiredNodeMajor) {
    process.stderr.write(
      `Trustmark needs Node ${requiredNodeMajor} or newer; this is ${process.version}. ` +
        'Start it with "npm start", which uses the Node version installed with the project.\n',
    );
    process.exit(1);
  }

  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }

  const logger = pino({ level: config.logLevel });
  let server;
  try {
    server = await startServer(config, { logger });
  } catch (error) {
    if (error instanceof CriteriaError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing open requests');
    const forceExit = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    forceExit.unref();
    await server.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  logger.info(
    {
      url: server.url,
      node: process.version,
      database: config.database.kind,
      environment: config.environment,
    },
    `Trustmark is running at ${server.url} on Node ${process.version}`,
  );
  if (server.demoCredentials)
    process.stdout.write(describeDemoCredentials(server.demoCredentials, config.baseUrl));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Trustmark could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
