import type { Kysely } from 'kysely';

// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // A product has at most one picture; the bytes live in file storage under this key.
  await db.schema.alterTable('product').addColumn('image_key', 'text').execute();
  await db.schema.alterTable('product').addColumn('image_type', 'text').execute();
}
