import type { Kysely } from 'kysely';

/**
 * Which criteria versions an admin has published, and when. A version in the criteria folder is used for
 * new applications and renewals only once published; applications keep the version they started with.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('criteria_publication')
    .addColumn('version', 'integer', (column) => column.primaryKey())
    .addColumn('published_at', 'text', (column) => column.notNull())
    // Null for versions published when the platform first started (or was upgraded).
    .addColumn('published_by', 'text')
    .execute();
}
