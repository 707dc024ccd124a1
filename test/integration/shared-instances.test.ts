import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createDatabaseCounters } from '../../src/platform/web/rate-limit-counters';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server';
import { usingPostgres } from '../support/database';
import { signedInUser } from '../support/flows';
import { HttpClient } from '../support/http';
import { certifiedCompany, reviewerPair } from '../support/review';
import { freePort, startTestServer, type TestServer } from '../support/server';

const rateLimits = {
  signIn: { windowMs: 60_000, limit: 12 },
  api: { windowMs: 60_000, limit: 6 },
} satisfies ServerOptions['rateLimits'];

describe('rate limit counters in the database', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('count a burst of hits exactly, each told its own place, in one window', async () => {
    let now = 1_000_000;
    const counters = createDatabaseCounters(server.running.services.database.db, () => now);
    const hits = await Promise.all(Array.from({ length: 50 }, () => counters.hit('burst', 60_000)));
    expect(hits.map((hit) => hit.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, index) => index + 1),
    );
    expect(new Set(hits.map((hit) => hit.resetAt))).toEqual(new Set([1_060_000]));
    now = 1_060_000;
    expect(await counters.hit('burst', 60_000)).toEqual({ hits: 1, resetAt: 1_120_000, admitted: true });
  });

  it('given the limit, reserve places ahead per instance without two instances ever sharing a place', async () => {
    const db = server.running.services.database.db;
    const [first, second] = [createDatabaseCounters(db), createDatabaseCounters(db)];
    const limit = 160;
    const places: number[] = [];
    for (let round = 0; round < 100; round++) {
      for (const counters of [first, second]) {
        places.push((await counters.hit('reads', 60_000, { limit })).hits);
      }
    }
    // Each hit has its own place in the one count, whichever instance took it.
    expect(new Set(places).size).toBe(places.length);
    const admitted = places.filter((place) => place <= limit).length;
    expect(admitted).toBeLessThanOrEqual(limit);
    // Places one instance reserved and did not use cost the other at most a sixteenth of what was left.
    expect(admitted).toBeGreaterThanOrEqual(limit - limit / 16);
    const row = await db
      .selectFrom('rate_limit_counter')
      .select('hits')
      .where('key', '=', 'reads')
      .executeTakeFirst();
    expect(Number(row?.hits)).toBeGreaterThanOrEqual(Math.max(...places));
  });

  it('admit exactly the cap of parallel capped hits, forgive one, and forget ended windows', async () => {
    let now = 2_000_000;
    const counters = createDatabaseCounters(server.running.services.database.db, () => now);
    const admitted = await Promise.all(
      Array.from({ length: 12 }, () => counters.hit('capped', 60_000, { cap: 5 })),
    );
    expect(admitted.filter((hit) => hit.admitted)).toHaveLength(5);
    await counters.forgive('capped');
    expect((await counters.hit('capped', 60_000, { cap: 5 })).admitted).toBe(true);
    expect((await counters.hit('capped', 60_000, { cap: 5 })).admitted).toBe(false);
    now = 3_000_000;
    expect(await counters.forgetExpired()).toBeGreaterThanOrEqual(2);
    const left = await server.running.services.database.db
      .selectFrom('rate_limit_counter')
      .select('key')
      .where('key', 'in', ['burst', 'capped'])
      .execute();
    expect(left).toEqual([]);
  });
});

/**
 * Two instances of the app on one PostgreSQL database, as behind the reference topology's nginx: the
 * limits are counted together, a change on one reaches the other's caches through NOTIFY, and the sweep
 * does its work once. Only in the PostgreSQL pass (several instances share a PostgreSQL database).
 */
describe.runIf(usingPostgres)('two instances on one PostgreSQL database', () => {
  let a: TestServer;
  let b: RunningServer;
  let bUrl: string;
  let reviewers: HttpClient[];

  beforeAll(async () => {
    // Each test counts as a client of its own, named by the X-Forwarded-For entry a proxy would add.
    a = await startTestServer({ rateLimits, environment: { TRUST_PROXY: '1' } });
    const port = await freePort();
    // The same public address (BASE_URL) and database; its own port, as an instance behind a proxy.
    const options: ServerOptions = {
      logger: pino({ level: 'silent' }),
      assetDirectories: [join(process.cwd(), 'dist', 'public'), join(process.cwd(), 'public')],
      rateLimits,
      formMinimumAgeMs: 0,
    };
    b = await startServer(loadConfig({ ...a.environment, PORT: String(port) }), options);
    bUrl = b.url;
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('enforce one sign-in limit together', async () => {
    const clients = [a.client(), new HttpClient(bUrl)];
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 16; attempt++) {
      // Another account each time, so that only the limit per address can refuse.
      const form = { email: `nobody-${attempt}@example.test`, password: 'not the password', next: '/en' };
      const client = clients[attempt % 2]!;
      const headers = { 'x-forwarded-for': '198.51.100.7' };
      statuses.push((await client.post('/en/sign-in', form, { origin: a.url, headers })).status);
    }
    expect(statuses).toEqual([...Array<number>(12).fill(401), 429, 429, 429, 429]);
  });

  it('enforce one open data API limit together, the fast path in front of each app included', async () => {
    const statuses: number[] = [];
    for (let request = 0; request < 10; request++) {
      const base = request % 2 === 0 ? a.url : bUrl;
      const headers = { 'x-forwarded-for': '198.51.100.8' };
      statuses.push((await fetch(`${base}/api/v1/products?q=lamp`, { headers })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
  });

  it("show a revocation on the other instance's badge at once, and sweep once between them", async () => {
    reviewers = await reviewerPair(a);
    const admin = (await signedInUser(a, 'admin')).client;
    const { certificationId } = await certifiedCompany(a, reviewers, 'twin');
    const badge = async () => (await fetch(`${bUrl}/badge/${certificationId}.svg`)).text();
    // B has just read the badge: without word from A it would keep it for a second.
    expect(await badge()).not.toContain('revoked');
    const revoked = await admin.post(`/en/admin/certifications/${certificationId}/status`, {
      action: 'revoke',
      reason: 'Shown everywhere at once.',
    });
    expect(revoked.status).toBe(303);
    const started = Date.now();
    while (!(await badge()).includes('revoked')) {
      if (Date.now() - started > 1000) throw new Error('B did not show the revocation within a second');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const tookMs = Date.now() - started;
    expect(b.services.database.dialect).toBe('postgres');
    process.stdout.write(`revocation on A shown by B's badge after ${tookMs} ms\n`);
    expect(tookMs).toBeLessThan(300);

    // Expiry: two instances sweeping at once expire the certification once.
    const second = await certifiedCompany(a, reviewers, 'twin-two');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await a.running.services.database.db
      .updateTable('certification')
      .set({ valid_until: yesterday })
      .where('id', '=', second.certificationId)
      .execute();
    const sweeps = await Promise.all([a.running.services.lifecycle.sweep(), b.services.lifecycle.sweep()]);
    expect(sweeps.reduce((sum, result) => sum + result.expired, 0)).toBe(1);
  }, 120_000);

  it('remind once before expiry, whichever instances sweep', async () => {
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await certifiedCompany(a, reviewers, 'remind', { name: 'Twin Reminder', supportEndDate: soon });
    await a.running.jobs.drain();
    const sweeps = await Promise.all([
      a.running.services.lifecycle.sweep(),
      b.services.lifecycle.sweep(),
      b.services.lifecycle.sweep(),
    ]);
    expect(sweeps.reduce((sum, result) => sum + result.reminded, 0)).toBe(1);
    await Promise.all([a.running.jobs.drain(), b.jobs.drain()]);
    const reminders = a.smtp.received.filter((mail) =>
      /Twin Reminder: the mark expires in 30 days or less/.test(mail.subject ?? ''),
    );
    expect(reminders).toHaveLength(1);
  }, 120_000);
});
