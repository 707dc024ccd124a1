import type { Kysely } from 'kysely';

/**
 * Live security information on certified products (issue 18): the security notices and firmware releases a
 * company publishes. Kept by product, so a renewed mark (a new certification of the same product) keeps
 * the history; `certification_id` records on which public record each was published.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('security_notice')
    .ifNotExists()
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('product_id', 'text', (column) => column.notNull())
    .addColumn('certification_id', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    // The day the company states the notice applies from (YYYY-MM-DD).
    .addColumn('published_on', 'text', (column) => column.notNull())
    // low, medium, high or critical (as CVSS v3 names them).
    .addColumn('severity', 'text', (column) => column.notNull())
    .addColumn('affected_versions', 'text', (column) => column.notNull())
    .addColumn('fixed_version', 'text', (column) => column.notNull())
    .addColumn('advisory_url', 'text', (column) => column.notNull())
    .addColumn('csaf_url', 'text')
    .addColumn('published_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('security_notice_product')
    .ifNotExists()
    .on('security_notice')
    .columns(['product_id', 'published_on'])
    .execute();
  await db.schema
    .createTable('firmware_release')
    .ifNotExists()
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('product_id', 'text', (column) => column.notNull())
    .addColumn('certification_id', 'text', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    .addColumn('released_on', 'text', (column) => column.notNull())
    .addColumn('notes_url', 'text', (column) => column.notNull())
    .addColumn('published_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('firmware_release_product')
    .ifNotExists()
    .on('firmware_release')
    .columns(['product_id', 'released_on'])
    .execute();
}
