import type { Kysely } from 'kysely';

/**
 * Unsuccessful applications are deleted after the retention period unless their company keeps them;
 * `kept` (0 or 1) records that choice.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('application')
    .addColumn('kept', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('application_by_status')
    .on('application')
    .columns(['status', 'updated_at'])
    .execute();
}
