import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Registry cards compare products: each certification keeps its openness level (0 none … 3 fully open,
 * derived from its published answers; filled at start for certifications issued before, see
 * registry/label.ts) for the "openness level" filter, and the registry can be sorted by the end of
 * security updates, with an index ending in the id as migration 0020's orders have. SQLite's covering
 * index for counting full-text matches gets the two new filter columns. Safe to run again.
 */
export function registryLabelMigration(dialect: DialectName): Migration {
  return {
    // Migrations are frozen in time, so they take an untyped database.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      const tables = await db.introspection.getTables();
      const certification = tables.find((table) => table.name === 'certification');
      if (!certification?.columns.some((column) => column.name === 'openness_level')) {
        await db.schema.alterTable('certification').addColumn('openness_level', 'integer').execute();
      }
      const byCodePoint = (column: string) =>
        dialect === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql.ref(column);
      await sql`create index if not exists certification_support_order on certification (${byCodePoint('support_end_date')} desc, ${byCodePoint('id')})`.execute(
        db,
      );
      if (dialect !== 'sqlite') return;
      await sql`drop index if exists certification_search_filters`.execute(db);
      await sql`create index certification_search_filters on certification (search_key, category, company_slug, status, updated_at, openness_level, support_end_date)`.execute(
        db,
      );
    },
  };
}
