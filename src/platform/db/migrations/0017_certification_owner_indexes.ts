import type { Kysely } from 'kysely';

/**
 * The company's own pages read its certifications by company and by product on every view (to show
 * each mark's live status); without these indexes each view scanned the whole registry.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['organization_id', 'product_id']) {
    // ifNotExists: a test runs the migrations from 0016 again on a database that has these.
    await db.schema
      .createIndex(`certification_${column}_index`)
      .ifNotExists()
      .on('certification')
      .column(column)
      .execute();
  }
}
