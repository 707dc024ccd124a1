import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { countJobs, type JobCounts } from '../../platform/jobs/store';

/** The statuses in which an application waits for reviewers (changes requested waits for its company). */
const reviewQueueStatuses = ['submitted', 'in-review'];

export interface OperationsSnapshot {
  jobs: JobCounts;
  /** When the longest-waiting due job became due (ISO), if one waits. */
  oldestDueJob: string | undefined;
  reviewQueue: { status: string; count: number }[];
  /** The earliest submission still waiting for reviewers (ISO). */
  oldestInReviewQueue: string | undefined;
  certifications: { status: string; count: number }[];
  logEntries: number;
  lastCheckpoint: { size: number; at: string } | undefined;
}

/**
 * The few aggregate reads behind the operator's gauges: counts grouped by status and a handful of
 * indexed minimums and maximums, each a single query.
 */
export async function readOperationsSnapshot(db: Kysely<Database>, now: Date): Promise<OperationsSnapshot> {
  const [jobs, oldestDue, queue, oldestQueued, certifications, lastEntry, checkpoint] = await Promise.all([
    countJobs(db),
    db
      .selectFrom('job')
      .select((eb) => eb.fn.min('run_after').as('at'))
      .where('status', '=', 'pending')
      .where('run_after', '<=', now.toISOString())
      .executeTakeFirst(),
    db
      .selectFrom('application')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('status', 'in', reviewQueueStatuses)
      .groupBy('status')
      .execute(),
    db
      .selectFrom('application')
      .select((eb) => eb.fn.min('submitted_at').as('at'))
      .where('status', 'in', reviewQueueStatuses)
      .executeTakeFirst(),
    db
      .selectFrom('certification')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('log_entry')
      .select((eb) => eb.fn.max('position').as('position'))
      .executeTakeFirst(),
    db
      .selectFrom('log_checkpoint')
      .select(['size', 'created_at'])
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const counted = (rows: { status: string; count: number | string }[]) =>
    rows.map((row) => ({ status: row.status, count: Number(row.count) }));
  const lastPosition = lastEntry?.position;
  return {
    jobs,
    oldestDueJob: oldestDue?.at ?? undefined,
    reviewQueue: counted(queue),
    oldestInReviewQueue: oldestQueued?.at ?? undefined,
    certifications: counted(certifications),
    logEntries: lastPosition === null || lastPosition === undefined ? 0 : Number(lastPosition) + 1,
    lastCheckpoint: checkpoint ? { size: Number(checkpoint.size), at: checkpoint.created_at } : undefined,
  };
}
