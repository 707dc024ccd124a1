import type { Kysely } from 'kysely';

/**
 * The job queue (transactional outbox): follow-up work of a change — mail, publication, signing — is a row
 * written in the change's own transaction and run afterwards by a worker on any instance. A job with a
 * `dedupe_key` exists once, however often it is enqueued.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // ifNotExists: a test runs the migrations from 0016 again on a database that has them.
  await db.schema
    .createTable('job')
    .ifNotExists()
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('payload', 'text', (column) => column.notNull())
    .addColumn('dedupe_key', 'text', (column) => column.unique())
    // pending, running, done or failed (gave up after its last attempt).
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (column) => column.notNull())
    .addColumn('run_after', 'text', (column) => column.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('job_due').ifNotExists().on('job').columns(['status', 'run_after']).execute();
}
