import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { lockSkippingLocked, type DialectName } from '../db/dialect';
import type { Database, JobRow } from '../db/schema';
import { afterFailure, defaultMaxAttempts, describeError, type JobStatus, type RetryPolicy } from './rules';

/** A transaction or the database itself; follow-up work is enqueued with the transaction of its change. */
export type Executor = Kysely<Database>;

export interface NewJob {
  kind: string;
  payload: unknown;
  /**
   * Enqueuing the same key again does nothing: the way to make "mail the decision of application X" one
   * job, however often the code that wants it runs.
   */
  dedupeKey?: string;
  runAfter?: Date;
  maxAttempts?: number;
}

/** Writes a job in the caller's transaction; it becomes visible to workers when that transaction commits. */
export async function enqueueJob(trx: Executor, job: NewJob, now: Date): Promise<void> {
  // Outside a transaction a job could outlive a change that failed, or be lost with one that held.
  if (!trx.isTransaction) throw new Error(`A "${job.kind}" job must be enqueued in its change's transaction`);
  const values = {
    id: randomUUID(),
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? null),
    dedupe_key: job.dedupeKey ?? null,
    status: 'pending' satisfies JobStatus,
    max_attempts: job.maxAttempts ?? defaultMaxAttempts,
    run_after: (job.runAfter ?? now).toISOString(),
    locked_by: null,
    locked_until: null,
    last_error: null,
    created_at: now.toISOString(),
    finished_at: null,
  };
  if (!job.dedupeKey) {
    await trx.insertInto('job').values(values).execute();
    return;
  }
  // ON CONFLICT DO NOTHING keeps the caller's transaction usable on PostgreSQL, where a failed insert
  // would abort it; both databases support the clause.
  await trx
    .insertInto('job')
    .values(values)
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .execute();
}

/**
 * Which kinds of jobs a worker claims: a lane of its own for jobs that may be slow by someone else's doing
 * (fetching a company's links), so that they never wait in front of mail and publication.
 */
export type JobKinds = { only: readonly string[] } | { except: readonly string[] };

/**
 * Claims up to `limit` due jobs for `workerId` until `leaseUntil`, atomically: pending jobs whose time has
 * come, and running jobs whose worker's lease ran out (it died or hung). Each claim counts as an attempt.
 */
export async function claimDueJobs(
  db: Executor,
  dialect: DialectName,
  claim: { workerId: string; now: Date; leaseUntil: Date; limit: number; kinds?: JobKinds },
): Promise<JobRow[]> {
  const now = claim.now.toISOString();
  let query = db
    .selectFrom('job')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_after', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    );
  if (claim.kinds && 'only' in claim.kinds) query = query.where('kind', 'in', [...claim.kinds.only]);
  if (claim.kinds && 'except' in claim.kinds) query = query.where('kind', 'not in', [...claim.kinds.except]);
  const due = lockSkippingLocked(dialect, query.orderBy('run_after').limit(claim.limit));
  return db
    .updateTable('job')
    .set((eb) => ({
      status: 'running' satisfies JobStatus,
      locked_by: claim.workerId,
      locked_until: claim.leaseUntil.toISOString(),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

/** Marks a claimed job done; a worker whose lease was taken over changes nothing. */
export async function completeJob(db: Executor, job: JobRow, now: Date): Promise<void> {
  await db
    .updateTable('job')
    .set({ status: 'done' satisfies JobStatus, finished_at: now.toISOString(), locked_until: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', job.locked_by)
    .where('status', '=', 'running')
    .execute();
}

/** Hands a claimed job back untried (its worker is stopping): due again at once, the attempt not counted. */
export async function releaseJob(db: Executor, job: JobRow): Promise<void> {
  await db
    .updateTable('job')
    .set((eb) => ({
      status: 'pending' satisfies JobStatus,
      locked_by: null,
      locked_until: null,
      attempts: eb('attempts', '-', 1),
    }))
    .where('id', '=', job.id)
    .where('locked_by', '=', job.locked_by)
    .where('status', '=', 'running')
    .execute();
}

/** Records a failed attempt: try again after a growing delay, or give up after the last attempt. */
export async function failJob(
  db: Executor,
  job: JobRow,
  error: unknown,
  now: Date,
  policy?: RetryPolicy,
): Promise<void> {
  const next = afterFailure(job.attempts, job.max_attempts, now, policy);
  await db
    .updateTable('job')
    .set({
      status: next.status,
      run_after: next.status === 'pending' ? next.runAfter.toISOString() : job.run_after,
      finished_at: next.status === 'failed' ? now.toISOString() : null,
      locked_by: null,
      locked_until: null,
      last_error: describeError(error),
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', job.locked_by)
    .where('status', '=', 'running')
    .execute();
}

/** An admin's "try again": a failed job gets a fresh set of attempts, due now. */
export async function retryFailedJob(db: Executor, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({
      status: 'pending' satisfies JobStatus,
      attempts: 0,
      run_after: now.toISOString(),
      finished_at: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface JobCounts {
  pending: number;
  running: number;
  failed: number;
  done: number;
}

export async function countJobs(db: Executor): Promise<JobCounts> {
  const rows = await db
    .selectFrom('job')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy('status')
    .execute();
  const counts: JobCounts = { pending: 0, running: 0, failed: 0, done: 0 };
  for (const row of rows) {
    if (row.status in counts) counts[row.status as keyof JobCounts] = Number(row.count);
  }
  return counts;
}

/** Jobs that are not done, failed first, for the admins' page; newest first within each status. */
export function listOpenJobs(db: Executor, limit: number): Promise<JobRow[]> {
  return db
    .selectFrom('job')
    .selectAll()
    .where('status', '!=', 'done')
    .orderBy((eb) => eb.case().when('status', '=', 'failed').then(0).else(1).end())
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Done jobs are kept a while for inspection, then forgotten. */
export async function forgetFinishedJobs(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('job')
    .where('status', '=', 'done')
    .where('finished_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
