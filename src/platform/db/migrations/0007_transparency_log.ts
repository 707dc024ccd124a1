import type { Kysely } from 'kysely';

/**
 * The public transparency log: every certification event as a leaf of an append-only Merkle tree,
 * and the signed checkpoints of the tree. Rows are only ever inserted; the app recomputes the tree at
 * start and refuses to run if it does not match the last signed checkpoint.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('log_entry')
    .addColumn('position', 'integer', (column) => column.primaryKey())
    .addColumn('event_id', 'text', (column) => column.notNull().unique())
    // The leaf exactly as hashed: canonical JSON of the event.
    .addColumn('leaf', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('log_checkpoint')
    .addColumn('size', 'integer', (column) => column.primaryKey())
    // The whole signed note, as served at /log/checkpoint.
    .addColumn('note', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
}
