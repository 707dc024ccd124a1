import type { Kysely } from 'kysely';

/**
 * A product's public page reads its certification's events, and their positions in the transparency log,
 * by certification on every render; without this index each render scanned every event in the registry.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('certification_event_certification_index')
    .ifNotExists()
    .on('certification_event')
    .column('certification_id')
    .execute();
}
