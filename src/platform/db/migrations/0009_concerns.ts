import type { Kysely } from 'kysely';

/**
 * Concerns raised by the public about a certified product, optionally about one criterion. The
 * complainant's address is kept only to confirm the concern and to answer it; it is never published.
 * Only a hash of the confirmation token is stored.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('concern')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('certification_id', 'text', (column) =>
      column.notNull().references('certification.id').onDelete('cascade'),
    )
    .addColumn('criterion_id', 'text')
    .addColumn('message', 'text', (column) => column.notNull())
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('locale', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('confirmation_hash', 'text', (column) => column.unique())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('outcome_note', 'text', (column) => column.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('concern_by_certification')
    .on('concern')
    .columns(['certification_id', 'status'])
    .execute();
  await db.schema.createIndex('concern_by_status').on('concern').columns(['status', 'created_at']).execute();
}
