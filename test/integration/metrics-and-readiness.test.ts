import { renameSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltServer } from '../support/built-server';
import { sleep, untilReady } from '../support/crash';
import { createTestDatabase, temporaryDirectory, usingPostgres } from '../support/database';
import { freePort, startTestServer, type TestServer } from '../support/server';

const token = 'metrics-token-for-the-test-0123456789abcdef';
const allowed = '198.51.100.20';

describe('/metrics', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      seed: true,
      // One proxy: the address is the entry it appended to X-Forwarded-For (the test plays the proxy).
      environment: { METRICS_TOKEN: token, METRICS_ALLOW: allowed, TRUST_PROXY: '1' },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  const scrape = (headers: Record<string, string> = {}) => fetch(`${server.url}/metrics`, { headers });

  it('is not found for anyone without the token or an allowed address, a forged X-Forwarded-For included', async () => {
    expect((await scrape()).status).toBe(404);
    expect((await scrape({ authorization: 'Bearer wrong' })).status).toBe(404);
    expect((await scrape({ authorization: `Bearer ${token}x` })).status).toBe(404);
    expect((await scrape({ authorization: token })).status).toBe(404);
    // The client wrote the allowed address; the proxy appended the one it really came from.
    expect((await scrape({ 'x-forwarded-for': `${allowed}, 203.0.113.9` })).status).toBe(404);
    const refused = await scrape({ 'x-forwarded-for': '203.0.113.9' });
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain('trustmark_');
  });

  it('answers the allowed address and the token with every listed series, by route pattern', async () => {
    await fetch(`${server.url}/en/products/no-such-product-123`);
    await fetch(`${server.url}/no/such/address/${Date.now()}`);
    // The first from the app, the next two from the fast path in front of it (api-fast-path.ts).
    for (let index = 0; index < 3; index++) await fetch(`${server.url}/api/v1/products?q=demo`);
    const [demo] = (await server.running.services.registry.search({ page: 1, pageSize: 1 })).items;
    const badges: Response[] = [];
    for (let index = 0; index < 3; index++) badges.push(await fetch(`${server.url}/badge/${demo!.id}.svg`));
    const etag = badges[0]!.headers.get('etag')!;
    const notModified = await fetch(`${server.url}/badge/${demo!.id}.svg`, {
      headers: { 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);
    expect((await scrape({ 'x-forwarded-for': allowed })).status).toBe(200);
    const answer = await scrape({ authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain');
    const text = await answer.text();
    for (const series of [
      'trustmark_http_requests_total{method="GET",route="/:locale/products/:certificationId",status="404"} 1',
      'trustmark_http_requests_total{method="GET",route="(unmatched)",status="404"}',
      'trustmark_http_requests_total{method="GET",route="/badge/:file",status="200"}',
      'trustmark_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/products"}',
      'trustmark_jobs{status="pending"}',
      'trustmark_jobs{status="failed"}',
      'trustmark_jobs_oldest_due_seconds',
      'trustmark_job_attempts_failed_total',
      'trustmark_review_queue_applications{status="submitted"}',
      'trustmark_review_queue_oldest_seconds',
      'trustmark_certifications{status="active"} 1',
      'trustmark_log_entries',
      'trustmark_log_checkpoint_size',
      'trustmark_log_checkpoint_age_seconds',
      'process_resident_memory_bytes',
      '# TYPE trustmark_http_requests_total counter',
      '# TYPE trustmark_http_request_duration_seconds histogram',
      'trustmark_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/badge/:file"} 4',
      'trustmark_http_request_duration_seconds_count{method="GET",route="/badge/:file"} 4',
    ]) {
      expect(text).toContain(series);
    }
    // Three badges: the first from the app, the next two from the cache in front of it, counted alike;
    // and a 304 from the cache (the one-second cache keeps the badge through these requests).
    expect(text).toMatch(
      /trustmark_http_requests_total\{method="GET",route="\/badge\/:file",status="200"\} 3/,
    );
    expect(text).toContain('trustmark_http_requests_total{method="GET",route="/badge/:file",status="304"} 1');
    expect(text).toContain(
      'trustmark_http_requests_total{method="GET",route="/api/v1/products",status="200"} 3',
    );
    expect(text).toContain(
      'trustmark_http_request_duration_seconds_count{method="GET",route="/api/v1/products"} 3',
    );
    expect(text).not.toContain('no-such-product-123');
    expect(text).not.toContain('/no/such/address');
    if (usingPostgres) expect(text).toContain('trustmark_db_pool_connections{state="total"}');
    else expect(text).not.toContain('trustmark_db_pool_connections');
  });
});

describe('/readyz', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const readiness = async () => {
    const answer = await fetch(`${server.url}/readyz`);
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };

  it('is not ready while a signing key cannot be read, or the job worker stopped, and recovers', async () => {
    expect((await readiness()).status).toBe(200);
    const key = join(server.environment['DATA_DIR'] ?? '', 'keys', 'transparency-log.key');
    renameSync(key, `${key}.away`);
    try {
      expect(await readiness()).toEqual({
        status: 503,
        body: expect.objectContaining({
          status: 'unavailable',
          signingKeys: 'unreadable',
          reason: 'the signing key file transparency-log.key cannot be read',
        }) as unknown,
      });
    } finally {
      renameSync(`${key}.away`, key);
    }
    expect((await readiness()).status).toBe(200);

    await server.running.jobs.stop();
    expect((await readiness()).body).toMatchObject({
      status: 'unavailable',
      jobWorker: 'stopped',
      reason: 'the job worker has stopped',
    });
    server.running.jobs.start();
    expect((await readiness()).status).toBe(200);
  });

  it.runIf(usingPostgres)('is not ready while the database refuses connections, and recovers', async () => {
    const name = new URL(server.environment['DATABASE_URL'] ?? '').pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await admin.connect();
    try {
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      expect((await readiness()).body).toMatchObject({
        status: 'unavailable',
        database: 'unreachable',
        reason: 'the database is unreachable',
      });
      await admin.query(`alter database ${name} allow_connections true`);
      let recovered = 0;
      for (let attempt = 0; attempt < 50 && recovered !== 200; attempt++) {
        recovered = (await readiness()).status;
        if (recovered !== 200) await sleep(100);
      }
      expect(recovered).toBe(200);
    } finally {
      await admin.query(`alter database ${name} allow_connections true`);
      await admin.end();
    }
  });
});

describe('graceful shutdown', () => {
  it('lets a slow request in flight finish after SIGTERM, refuses new connections and exits 0', async () => {
    const directory = temporaryDirectory();
    const database = await createTestDatabase(directory.path);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const built = runBuiltServer({
      PORT: String(port),
      BASE_URL: url,
      DATA_DIR: directory.path,
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      ...database.environment,
    });
    try {
      await untilReady(url, built);
      // A form whose body arrives slowly: the request is in flight while the signal comes.
      const body = `name=Slow&email=slow%40example.test&message=${'a'.repeat(2000)}`;
      const answered = new Promise<number>((resolve, reject) => {
        const slow = request(`${url}/en/contact`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': String(body.length),
            origin: url,
          },
        });
        slow.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        slow.on('error', reject);
        slow.write(body.slice(0, 100));
        setTimeout(() => {
          built.child.kill('SIGTERM');
          setTimeout(() => slow.end(body.slice(100)), 700);
        }, 200);
      });
      await sleep(500);
      // Stopped accepting: a new connection is refused while the slow request is still running.
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      const status = await answered;
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(500);
      const result = await built.finished;
      expect(result.code).toBe(0);
      // Drained, not cut off at the allowance.
      expect(result.stdout).not.toContain('requests still open');
      expect(result.stdout).toContain('"msg":"stopped"');
    } finally {
      built.child.kill('SIGKILL');
      await database.drop();
      directory.remove();
    }
  });
});
