import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/platform/db/database';
import { createProduct, startApplication } from '../support/applications';
import { runBuiltServer } from '../support/built-server';
import { createTestDatabase, temporaryDirectory, usingPostgres } from '../support/database';
import { EditorCrowd, type EditorTarget } from '../support/editors';
import { companyWithOwner } from '../support/flows';
import { startTestServer, type TestServer } from '../support/server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits, polling, until the condition holds (the test's own timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(20);
}

describe('configuration', () => {
  it('stops with a message naming each bad variable, and no stack trace', async () => {
    const { finished } = runBuiltServer({ PORT: 'eighty', BASE_URL: 'localhost', LOG_LEVEL: 'loud' });
    const result = await finished;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT must be a number (got "eighty")');
    expect(result.stderr).toContain('BASE_URL must be an absolute URL');
    expect(result.stderr).toContain('LOG_LEVEL must be one of');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('requires a secret and a public address in production', async () => {
    const result = await runBuiltServer({ NODE_ENV: 'production' }).finished;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AUTH_SECRET is required in production');
    expect(result.stderr).toContain('BASE_URL is required in production');
    expect(result.stderr).toContain('SMTP_URL is required in production');
  });
});

describe('criteria files', () => {
  it('refuse to start on a bad criteria file, naming the file, criterion and field', async () => {
    const directory = temporaryDirectory();
    try {
      cpSync(join(process.cwd(), 'criteria'), directory.path, { recursive: true });
      const file = join(directory.path, 'v1', 'criteria.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('naAllowed: false', 'naAllowed: sometimes'));
      const result = await runBuiltServer({ CRITERIA_DIR: directory.path, DATA_DIR: directory.path })
        .finished;
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('The criteria files are invalid');
      expect(result.stderr).toMatch(/v1\/criteria\.yaml: criterion PRI-01, field naAllowed: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      directory.remove();
    }
  });
});

describe('process life cycle', () => {
  it('starts on Node 24 with demo data, prints the demo accounts once, and shuts down cleanly on SIGTERM', async () => {
    const directory = temporaryDirectory();
    const database = await createTestDatabase(directory.path);
    try {
      const environment = {
        PORT: '0',
        DATA_DIR: directory.path,
        LOG_LEVEL: 'info',
        ...database.environment,
      };
      const first = runBuiltServer(environment, (output) => output.includes('Demo accounts'));
      await first.ready;
      first.child.kill('SIGTERM');
      const result = await first.finished;
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('"node":"v24.');
      expect(result.stdout).toMatch(/admin\s+admin@demo\.trustmark\.test\s+demo-/);
      expect(result.stdout).toContain('shutting down: finishing open requests');
      expect(result.stdout).toContain('"msg":"stopped"');

      // A second start on the same database seeds nothing and prints no credentials.
      const second = runBuiltServer(environment, (output) => output.includes('Trustmark is running'));
      await second.ready;
      second.child.kill('SIGINT');
      const again = await second.finished;
      expect(again.code).toBe(0);
      expect(again.stdout).not.toContain('Demo accounts');
    } finally {
      await database.drop();
      directory.remove();
    }
  });
});

describe('health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reports liveness and readiness as JSON that is never cached', async () => {
    const health = await server.client().get('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ status: 'ok' });
    const ready = await server.client().get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({
      status: 'ready',
      database: 'reachable',
      jobWorker: 'running',
      signingKeys: 'readable',
    });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });
});

/**
 * PostgreSQL runs as its own server and can go away; the embedded SQLite database cannot, so this
 * runs in the PostgreSQL pass of CI. A TCP relay between the app and PostgreSQL plays the outage.
 */
describe.runIf(usingPostgres)('database outage (PostgreSQL)', () => {
  let relay: Server;
  let relayPort = 0;
  const sockets = new Set<Socket>();
  let server: TestServer;

  beforeAll(async () => {
    const target = new URL(process.env['TEST_DATABASE_URL'] ?? '');
    relay = createServer((incoming) => {
      const outgoing = connect(Number(target.port || 5432), target.hostname);
      for (const socket of [incoming, outgoing]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      incoming.pipe(outgoing).pipe(incoming);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const address = relay.address();
    relayPort = typeof address === 'object' && address ? address.port : 0;
    const directory = temporaryDirectory();
    const database = await createTestDatabase(directory.path);
    const url = new URL(database.environment['DATABASE_URL'] ?? '');
    url.host = `127.0.0.1:${relayPort}`;
    server = await startTestServer({ environment: { DATABASE_URL: url.toString() } });
  });

  afterAll(async () => {
    await server?.close().catch(() => {});
    relay?.close();
  });

  it('answers 503 with a plain message under load while the database is unreachable, recovers by itself and keeps every acknowledged write', async () => {
    expect((await server.client().get('/readyz')).status).toBe(200);
    const criteria = (await server.running.services.criteriaPublications.current()).criteria.slice(0, 25);
    const targets: EditorTarget[] = [];
    for (const index of [0, 1, 2, 3]) {
      const slug = `outage-${index}`;
      const { owner } = await companyWithOwner(server, slug);
      const applicationId = await startApplication(owner, slug, await createProduct(owner, slug));
      for (const criterion of criteria)
        targets.push({ client: owner, applicationId, criterionId: criterion.id });
    }
    const crowd = new EditorCrowd(targets);
    crowd.start();
    await until(() => crowd.counts.acknowledged >= 200);

    relay.close();
    for (const socket of sockets) socket.destroy();
    const acknowledgedBeforeOutage = crowd.counts.acknowledged;
    const notReady = await server.client().get('/readyz');
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.text)).toMatchObject({
      status: 'unavailable',
      database: 'unreachable',
      reason: 'the database is unreachable',
    });
    const page = await server.client().get('/en/news');
    expect(page.status).toBe(503);
    expect(page.text).toContain('The service is briefly unavailable.');
    // Two seconds without the database: every editor's save meets it at least once.
    await sleep(2000);
    expect(crowd.counts.unavailable).toBeGreaterThanOrEqual(targets.length);

    relay.listen(relayPort, '127.0.0.1');
    await new Promise((resolve) => relay.once('listening', resolve));
    await until(() => crowd.counts.acknowledged >= acknowledgedBeforeOutage + 200);
    await crowd.stop();
    expect((await server.client().get('/readyz')).status).toBe(200);
    expect((await server.client().get('/en/news')).status).toBe(200);

    const direct = openDatabase(loadConfig(server.environment).database);
    try {
      const result = await crowd.check(direct.db);
      process.stdout.write(
        `database outage under load: ${crowd.counts.attempts} saves sent by ${targets.length} editors, ` +
          `${result.acknowledged} acknowledged and ${result.found} found, ${crowd.counts.unavailable} answered 503 ` +
          `during the outage, ${crowd.counts.unanswered} unanswered, ${result.committedWithoutAnswer} committed ` +
          `without an acknowledgement` +
          '\n',
      );
      expect(result.lost).toEqual([]);
      expect(result.corrupt).toEqual([]);
      expect(result.found).toBe(result.acknowledged);
      expect(crowd.counts.unexpected).toEqual({});
    } finally {
      await direct.close();
    }
  }, 120_000);
});
