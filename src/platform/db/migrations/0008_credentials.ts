import type { Kysely } from 'kysely';

/**
 * The signed Open Badges credential of each certification, exactly as issued (it is signed once and
 * never changed), and its running number, which fixes its entry in the public status lists.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credential')
    .addColumn('certification_id', 'text', (column) =>
      column.primaryKey().references('certification.id').onDelete('restrict'),
    )
    .addColumn('status_sequence', 'integer', (column) => column.notNull().unique())
    .addColumn('key_id', 'text', (column) => column.notNull())
    .addColumn('jwt', 'text', (column) => column.notNull())
    .addColumn('issued_at', 'text', (column) => column.notNull())
    .execute();
}
