import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { makeCertificates, type RunCertificates } from './pki';
import { createRunDatabase, type RunDatabase } from './postgres';
import { parseEnvironmentFile, parseUnit, renderFile, deployFolder } from './render';

/**
 * The reference topology of README.md's "Running in production", started on this machine from the files in
 * deploy/: nginx from Debian terminating TLS (a throw-away CA's certificate) in front of two app instances
 * (the systemd unit's command and environment) on one PostgreSQL 15 database. Used by `npm run topology`
 * and by test/topology/.
 */
export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

export interface AppInstance {
  port: number;
  /** The instance itself, past nginx (for readiness and for what only one instance answers). */
  url: string;
  start(): Promise<void>;
  /** Sends SIGTERM and waits for the process to end; resolves with its exit code. */
  stop(): Promise<number | null>;
  output(): string;
}

export interface Topology {
  folder: string;
  /** https://localhost:<port>: nginx over TLS, the BASE_URL of the instances. */
  baseUrl: string;
  /** http://localhost:<port>: nginx's redirect to HTTPS. */
  httpUrl: string;
  certificates: RunCertificates;
  database: RunDatabase;
  /** The rendered deploy/trustmark.env (what every instance and the CLI tools read). */
  environment: Record<string, string>;
  instances: AppInstance[];
  demoAccounts: DemoAccount[];
  /** nginx's access log (what nginx saw of each request). */
  accessLog: string;
  mailsDelivered(): number;
  close(): Promise<void>;
}

const appFolder = join(deployFolder, '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

async function untilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (child.exitCode !== null) throw new Error(`the instance at ${url} exited:\n${output()}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await sleep(100);
  }
  throw new Error(`the instance at ${url} did not become ready:\n${output()}`);
}

/** One instance as systemd would run trustmark@<port>.service from the rendered unit. */
function appInstance(unitText: string, port: number, extra: () => Record<string, string>): AppInstance {
  const unit = parseUnit(unitText, String(port));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';
  return {
    port,
    url,
    async start() {
      const environment = {
        PATH: process.env['PATH'] ?? '',
        ...parseEnvironmentFile(readFileSync(unit.environmentFile, 'utf8')),
        ...unit.environment,
        ...extra(),
      };
      const [command = 'node', ...args] = unit.command;
      const started = spawn(command, args, { cwd: unit.workingDirectory, env: environment, stdio: 'pipe' });
      child = started;
      started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await untilReady(url, started, () => output);
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return running?.exitCode ?? null;
      const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
      running.kill('SIGTERM');
      return exited;
    },
    output: () => output,
  };
}

/** nginx's own main file for the run (Debian's /etc/nginx/nginx.conf in production), including the site. */
function nginxMainConfig(folder: string, site: string): string {
  const temp = join(folder, 'nginx-temp');
  mkdirSync(temp, { recursive: true });
  return [
    'daemon off;',
    'worker_processes 1;',
    `pid ${join(folder, 'nginx.pid')};`,
    `error_log ${join(folder, 'nginx-error.log')} warn;`,
    // Run as root (CI), nginx's workers would switch to "nobody", who cannot enter this private folder.
    process.getuid?.() === 0 ? 'user root;' : '',
    'events { worker_connections 1024; }',
    'http {',
    `  access_log ${join(folder, 'nginx-access.log')} combined;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (kind) => `  ${kind}_temp_path ${join(temp, kind)};`,
    ),
    `  include ${site};`,
    '}',
    '',
  ].join('\n');
}

async function startNginx(folder: string, site: string): Promise<ChildProcess> {
  const config = join(folder, 'nginx.conf');
  writeFileSync(config, nginxMainConfig(folder, site));
  const args = ['-p', folder, '-c', config, '-e', join(folder, 'nginx-error.log')];
  execFileSync('nginx', [...args, '-t', '-q'], { stdio: 'pipe' });
  const nginx = spawn('nginx', args, { stdio: 'ignore' });
  await sleep(300);
  if (nginx.exitCode !== null) throw new Error(readFileSync(join(folder, 'nginx-error.log'), 'utf8'));
  return nginx;
}

async function startMailSink(): Promise<{
  port: number;
  delivered: () => number;
  stop: () => Promise<void>;
}> {
  let delivered = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        delivered += 1;
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    delivered: () => delivered,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The demo accounts as the first start prints them, once. */
function demoAccountsIn(output: string): DemoAccount[] {
  return [...output.matchAll(/^ {2}(applicant|reviewer|admin)\s+(\S+@\S+)\s+(\S+)$/gm)].map((match) => ({
    role: match[1] ?? '',
    email: match[2] ?? '',
    password: match[3] ?? '',
  }));
}

export async function startTopology(): Promise<Topology> {
  const folder = mkdtempSync(join(tmpdir(), 'trustmark-topology-'));
  const [httpPort, httpsPort, ...appPorts] = await Promise.all([1, 2, 3, 4].map(() => freePort()));
  const baseUrl = `https://localhost:${httpsPort}`;
  const certificates = makeCertificates(folder, ['localhost', '127.0.0.1']);
  const database = await createRunDatabase();
  const mail = await startMailSink();
  const values: Record<string, string> = {
    SERVER_NAME: 'localhost',
    BASE_URL: baseUrl,
    HTTP_PORT: String(httpPort),
    HTTPS_PORT: String(httpsPort),
    APP_PORT_1: String(appPorts[0]),
    APP_PORT_2: String(appPorts[1]),
    TLS_CERTIFICATE: certificates.certificate,
    TLS_CERTIFICATE_KEY: certificates.key,
    APP_DIR: appFolder,
    CONFIG_DIR: join(folder, 'etc'),
    DATA_DIR: join(folder, 'data'),
    DATABASE_URL: database.url,
    AUTH_SECRET: randomBytes(48).toString('base64'),
    SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    CONTACT_TO: 'program@trustmark.example',
    METRICS_TOKEN: randomBytes(24).toString('base64url'),
    ACCESS_LOG: join(folder, 'nginx-access.log'),
  };
  mkdirSync(values['CONFIG_DIR'] ?? '', { recursive: true });
  const environment = parseEnvironmentFile(
    renderFile('trustmark.env', join(folder, 'etc', 'trustmark.env'), values),
  );
  const unit = renderFile('systemd/trustmark@.service', join(folder, 'trustmark@.service'), values);
  const site = join(folder, 'trustmark-site.conf');
  renderFile('nginx/trustmark.conf', site, values);

  // The first start, once, seeds the demo data (which production refuses) so there is something to test.
  let seeding = true;
  const seedOverrides = (): Record<string, string> =>
    seeding ? { NODE_ENV: 'development', SEED_DEMO_DATA: 'true' } : {};
  const instances = appPorts.slice(0, 2).map((port) => appInstance(unit, port, seedOverrides));
  const [first, second] = instances as [AppInstance, AppInstance];
  await first.start();
  const demoAccounts = demoAccountsIn(first.output());
  await first.stop();
  seeding = false;
  await Promise.all([first.start(), second.start()]);
  const nginx = await startNginx(folder, site);

  return {
    folder,
    baseUrl,
    httpUrl: `http://localhost:${httpPort}`,
    certificates,
    database,
    environment,
    instances,
    demoAccounts,
    accessLog: join(folder, 'nginx-access.log'),
    mailsDelivered: mail.delivered,
    async close() {
      nginx.kill('SIGQUIT');
      await Promise.all(instances.map((instance) => instance.stop()));
      await mail.stop();
      await database.drop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
