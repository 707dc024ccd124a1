import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Runs `work` in a transaction: the caller's, when `db` already is one (a use case that writes several
 * tables hands its transaction to every store it uses), else a new one. Kysely cannot nest transactions,
 * and a store should not care whether it is part of a larger change.
 */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
