import type { Kysely } from 'kysely';

/**
 * Rate limit counters kept in the database, so that several instances count one client (or one account)
 * together: one row per key, counting hits in a fixed window that starts with the key's first hit.
 * `resets_at` is milliseconds since the epoch; expired rows are deleted by the sweep.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_counter')
    .ifNotExists()
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('hits', 'integer', (column) => column.notNull())
    .addColumn('resets_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_counter_resets_at')
    .ifNotExists()
    .on('rate_limit_counter')
    .column('resets_at')
    .execute();
}
