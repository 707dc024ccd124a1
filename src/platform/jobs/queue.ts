import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { enqueueJob, type NewJob } from './store';

/**
 * The one way to change data and schedule what follows: `transaction` runs the change and its
 * `enqueue`d jobs in one database transaction, and wakes the worker once it has committed. A crash
 * before the commit leaves neither the change nor its jobs; after it, both.
 */
export interface JobQueue {
  transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  enqueue(trx: Kysely<Database>, job: NewJob): Promise<void>;
}

export function createJobQueue(db: Kysely<Database>, now: () => Date, committed: () => void): JobQueue {
  return {
    async transaction(work) {
      const result = await db.transaction().execute(work);
      committed();
      return result;
    },
    enqueue: (trx, job) => enqueueJob(trx, job, now()),
  };
}
