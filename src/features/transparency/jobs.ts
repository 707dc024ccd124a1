import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs/queue';
import type { JobHandler } from '../../platform/jobs/worker';
import type { TransparencyLog } from './log';

/** Appends one certification event to the public log and signs the log's new size. */
export const appendToLogJob = 'transparency.append';

const appendPayload = z.object({ eventId: z.string() });

/**
 * Enqueues the log entry of each event of a certification that is not in the log yet, in the transaction
 * that recorded the event: an event is logged if and only if its change commits. Each job is keyed by its
 * event, so an event already waiting for the log is not enqueued twice.
 */
export async function enqueueLogAppends(
  jobs: Pick<JobQueue, 'enqueue'>,
  trx: Kysely<Database>,
  certificationId: string,
): Promise<void> {
  const unlogged = await trx
    .selectFrom('certification_event as event')
    .leftJoin('log_entry', 'log_entry.event_id', 'event.id')
    .where('event.certification_id', '=', certificationId)
    .where('log_entry.event_id', 'is', null)
    .select('event.id')
    .orderBy('event.occurred_at')
    .orderBy('event.id')
    .execute();
  for (const event of unlogged) {
    await jobs.enqueue(trx, {
      kind: appendToLogJob,
      payload: { eventId: event.id },
      dedupeKey: `log:${event.id}`,
    });
  }
}

/**
 * The log's job. Idempotent: an event is logged under a unique key, so a second run (a worker that died
 * after appending, or another instance) finds it in the log and only signs the size again if need be.
 */
export function transparencyJobHandlers(log: Pick<TransparencyLog, 'append'>): Record<string, JobHandler> {
  return {
    [appendToLogJob]: (payload) => log.append(appendPayload.parse(payload).eventId),
  };
}
