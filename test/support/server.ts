import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/platform/db/database';
import type { Database } from '../../src/platform/db/schema';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server';
import { createTestDatabase, temporaryDirectory } from './database';
import { HttpClient } from './http';
import { TestSmtpServer } from './smtp';

export interface TestServer {
  url: string;
  smtp: TestSmtpServer;
  /** The environment the app was configured from, to start the built server on the same data. */
  environment: Record<string, string>;
  running: RunningServer;
  /** A new cookie-keeping client, like a separate browser. */
  client(): HttpClient;
  /** Stops the app and starts it again on the same database, data directory and port. */
  restart(): Promise<void>;
  /** Like restart, changing the database in between as someone with direct access could. */
  restartWith(edit: (db: Kysely<Database>) => Promise<void>): Promise<void>;
  /** Stops the app only, keeping its database, data directory, port and mail server. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  seed?: boolean;
  rateLimits?: ServerOptions['rateLimits'];
  formMinimumAgeMs?: number;
  environment?: Record<string, string>;
  jobs?: ServerOptions['jobs'];
  /** Where the app logs (silent unless given: tests that read the log pass their own). */
  logger?: ServerOptions['logger'];
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * Starts the real application, exactly as main.ts does, on a free port with a fresh database
 * (SQLite, or PostgreSQL when TEST_DATABASE_URL is set) and an in-process SMTP server.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const directory = temporaryDirectory();
  const database = await createTestDatabase(directory.path);
  const smtp = await new TestSmtpServer().start();
  const port = await freePort();
  const environment: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    BASE_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: directory.path,
    SMTP_URL: smtp.url,
    CONTACT_TO: 'program@trustmark.test',
    SEED_DEMO_DATA: options.seed ? 'true' : 'false',
    ...database.environment,
    ...options.environment,
  };
  const config = loadConfig(environment);
  const serverOptions: ServerOptions = {
    logger: options.logger ?? pino({ level: 'silent' }),
    assetDirectories: [join(process.cwd(), 'dist', 'public'), join(process.cwd(), 'public')],
    rateLimits: options.rateLimits,
    formMinimumAgeMs: options.formMinimumAgeMs ?? 0,
    jobs: options.jobs,
  };
  let running: RunningServer | undefined = await startServer(config, serverOptions);
  const url = running.url;
  const restartWith = async (edit: (db: Kysely<Database>) => Promise<void>) => {
    await running?.close();
    running = undefined;
    const direct = openDatabase(config.database, () => {});
    try {
      await edit(direct.db);
    } finally {
      await direct.close();
    }
    running = await startServer(config, serverOptions);
  };
  return {
    url,
    smtp,
    environment,
    get running(): RunningServer {
      if (!running) throw new Error('the server is stopped');
      return running;
    },
    client: () => new HttpClient(url),
    restart: () => restartWith(async () => {}),
    restartWith,
    async stop() {
      await running?.close();
      running = undefined;
    },
    async close() {
      await running?.close();
      await smtp.stop();
      await database.drop();
      directory.remove();
    },
  };
}
