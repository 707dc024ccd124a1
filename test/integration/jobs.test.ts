import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  claimDueJobs,
  completeJob,
  countJobs,
  enqueueJob,
  failJob,
  retryFailedJob,
} from '../../src/platform/jobs/store';
import { signedInUser } from '../support/flows';
import { startTestServer, type TestServer } from '../support/server';
import { createJobWorker } from '../../src/platform/jobs/worker';
import pino from 'pino';
import { createAuditLog } from '../../src/platform/audit/store';

/** The job queue's promises, on whichever database this pass runs against. */
describe('the job queue on the real database', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    // This file drives the queue by hand; the server's own worker must not take the jobs.
    await server.running.jobs.stop();
  });
  afterAll(async () => {
    await server?.close();
  });

  const database = () => server.running.services.database;
  const clearJobs = () => sql`delete from job`.execute(database().db);
  const lease = (workerId: string, now = new Date()) => ({
    workerId,
    now,
    leaseUntil: new Date(now.getTime() + 60_000),
    limit: 100,
  });

  it('writes neither a job nor an audit entry outside the transaction of the change they follow', async () => {
    const db = database().db;
    const audited = () =>
      sql<{ n: number }>`select count(*) as n from audit_event where action = 'outside'`.execute(db);
    await expect(enqueueJob(db, { kind: 'test', payload: null }, new Date())).rejects.toThrow(/transaction/);
    await expect(createAuditLog(db).append({ actorId: null, action: 'outside' }, new Date())).rejects.toThrow(
      /must be written in its change's transaction/,
    );
    expect(Number((await audited()).rows[0]!.n)).toBe(0);
    await db
      .transaction()
      .execute((trx) => createAuditLog(trx).append({ actorId: null, action: 'outside' }, new Date()));
    expect(Number((await audited()).rows[0]!.n)).toBe(1);
  });

  it('keeps no job of a transaction that rolled back, and every job of one that committed', async () => {
    await clearJobs();
    const { db } = database();
    await db
      .transaction()
      .execute(async (trx) => {
        await enqueueJob(trx, { kind: 'test', payload: { n: 1 } }, new Date());
        throw new Error('the change failed');
      })
      .catch(() => {});
    expect((await countJobs(db)).pending).toBe(0);
    await db.transaction().execute((trx) => enqueueJob(trx, { kind: 'test', payload: { n: 2 } }, new Date()));
    expect((await countJobs(db)).pending).toBe(1);
  });

  it('enqueues a job with a dedupe key once, however often it is asked, inside a usable transaction', async () => {
    await clearJobs();
    const { db } = database();
    await db.transaction().execute(async (trx) => {
      await enqueueJob(trx, { kind: 'test', payload: 1, dedupeKey: 'decision-mail:a1' }, new Date());
      await enqueueJob(trx, { kind: 'test', payload: 2, dedupeKey: 'decision-mail:a1' }, new Date());
      // The transaction still works after the ignored duplicate (PostgreSQL aborts one on a failed insert).
      await enqueueJob(trx, { kind: 'test', payload: 3 }, new Date());
    });
    await db
      .transaction()
      .execute((trx) =>
        enqueueJob(trx, { kind: 'test', payload: 4, dedupeKey: 'decision-mail:a1' }, new Date()),
      );
    expect((await countJobs(db)).pending).toBe(2);
  });

  it('gives each job to one of several workers claiming at the same moment', async () => {
    await clearJobs();
    const { db, dialect } = database();
    await db.transaction().execute(async (trx) => {
      for (let n = 0; n < 60; n++) await enqueueJob(trx, { kind: 'test', payload: n }, new Date());
    });
    const claims = await Promise.all(
      ['a', 'b', 'c', 'd'].map((worker) => claimDueJobs(db, dialect, { ...lease(worker), limit: 20 })),
    );
    const ids = claims.flat().map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    const again = await claimDueJobs(db, dialect, lease('e'));
    expect(ids.length + again.length).toBe(60);
  });

  it('does not hand out a job before its time, and retries a failed one after a growing delay', async () => {
    await clearJobs();
    const { db, dialect } = database();
    const start = new Date('2030-01-01T00:00:00.000Z');
    await db
      .transaction()
      .execute((trx) => enqueueJob(trx, { kind: 'test', payload: null, maxAttempts: 2 }, start));
    const [job] = await claimDueJobs(db, dialect, lease('a', start));
    expect(job?.attempts).toBe(1);
    await failJob(db, job!, new Error('SMTP refused'), start, { firstDelayMs: 5000, maxDelayMs: 60_000 });
    expect(await claimDueJobs(db, dialect, lease('a', new Date(start.getTime() + 4000)))).toEqual([]);
    const [retried] = await claimDueJobs(db, dialect, lease('a', new Date(start.getTime() + 5000)));
    expect(retried?.attempts).toBe(2);
    await failJob(db, retried!, new Error('SMTP refused again'), start);
    const counts = await countJobs(db);
    expect(counts.failed).toBe(1);
    const failed = await db.selectFrom('job').selectAll().executeTakeFirstOrThrow();
    expect(failed.last_error).toBe('Error: SMTP refused again');
    expect(await retryFailedJob(db, failed.id, start)).toBe(true);
    expect(await retryFailedJob(db, failed.id, start)).toBe(false);
    expect((await claimDueJobs(db, dialect, lease('a', start))).map((row) => row.attempts)).toEqual([1]);
  });

  it('lets another worker take over a job whose worker died, and ignores the dead worker afterwards', async () => {
    await clearJobs();
    const { db, dialect } = database();
    const start = new Date('2030-01-01T00:00:00.000Z');
    await db.transaction().execute((trx) => enqueueJob(trx, { kind: 'test', payload: null }, start));
    const [dead] = await claimDueJobs(db, dialect, lease('dead', start));
    expect(await claimDueJobs(db, dialect, lease('other', new Date(start.getTime() + 59_000)))).toEqual([]);
    const [takenOver] = await claimDueJobs(db, dialect, lease('other', new Date(start.getTime() + 61_000)));
    expect(takenOver?.id).toBe(dead?.id);
    // The dead worker comes back to life late: its word no longer counts.
    await completeJob(db, dead!, start);
    expect((await countJobs(db)).running).toBe(1);
    await completeJob(db, takenOver!, start);
    expect((await countJobs(db)).done).toBe(1);
  });

  it('lets a stopping worker finish the job in hand and hand back the jobs it claimed but had not started', async () => {
    await clearJobs();
    const { db, dialect } = database();
    await db.transaction().execute(async (trx) => {
      for (let n = 0; n < 5; n++) await enqueueJob(trx, { kind: 'slow', payload: n }, new Date());
    });
    let started = 0;
    let startedFirst: () => void = () => {};
    const firstStarted = new Promise<void>((resolve) => (startedFirst = resolve));
    const worker = createJobWorker({
      db,
      dialect,
      handlers: {
        slow: async () => {
          started += 1;
          startedFirst();
          await new Promise((resolve) => setTimeout(resolve, 200));
        },
      },
      logger: pino({ level: 'silent' }),
      now: () => new Date(),
      batchSize: 5,
    });
    worker.start();
    await firstStarted;
    await worker.stop();
    const jobs = await db.selectFrom('job').select(['status', 'attempts', 'locked_by']).execute();
    expect(started).toBe(1);
    expect(jobs.filter((job) => job.status === 'done')).toHaveLength(1);
    expect(jobs.filter((job) => job.status === 'pending')).toEqual(
      [1, 2, 3, 4].map(() => ({ status: 'pending', attempts: 0, locked_by: null })),
    );
  });
});

describe('background work seen by admins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists a job that gave up with its error, and tries it again once, audited', async () => {
    const { db } = server.running.services.database;
    await db
      .transaction()
      .execute((trx) =>
        enqueueJob(
          trx,
          { kind: 'no-such-kind', payload: { to: 'private-person@example.test' }, maxAttempts: 1 },
          new Date(),
        ),
      );
    await server.running.jobs.drain();
    const failed = await db
      .selectFrom('job')
      .selectAll()
      .where('kind', '=', 'no-such-kind')
      .executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');

    const { client: admin, id: adminId } = await signedInUser(server, 'admin');
    const page = await admin.get('/en/admin/jobs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Error: No handler for jobs of kind &quot;no-such-kind&quot;');
    // The payload can hold personal data (mail addresses); the page never shows it.
    expect(page.text).not.toContain('private-person');

    const retried = await admin.post(`/en/admin/jobs/${failed.id}/retry`, {});
    expect(retried.status).toBe(303);
    expect(retried.location).toBe('/en/admin/jobs?notice=retried');
    await server.running.jobs.drain();
    const again = await db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', failed.id)
      .executeTakeFirstOrThrow();
    expect(again.attempts).toBe(1);
    expect(again.status).toBe('failed');
    const audit = await server.running.services.audit.search({ action: 'job-retried' }, 10);
    expect(audit.map((entry) => [entry.actor_id, entry.subject_id])).toEqual([[adminId, failed.id]]);

    // A job that has not given up cannot be retried. (Marked done, not pending: this server's worker would
    // claim a pending one and let it fail again before the retry is asked for.)
    await db.updateTable('job').set({ status: 'done' }).where('id', '=', failed.id).execute();
    const refused = await admin.post(`/en/admin/jobs/${failed.id}/retry`, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('This job has not given up');
    expect((await admin.post('/en/admin/jobs/no-such-job/retry', {})).status).toBe(404);
    const german = await admin.get('/de/admin/jobs');
    expect(german.text).toContain('Hintergrundarbeit');
  });
});
