import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * SQLite answers a registry search from its indexes and reads only the page's rows (registry/store.ts,
 * decision 0019). The full-text index gets a second column with each certification's category and company
 * as tokens (see FullTextFilters in dialect.ts), so that words and those filters are matched together,
 * counted without reading a row. A broad word walks the newest-first index and tests each entry's filters
 * and text: with those columns in the index it no longer reads every passed row, published record and all.
 * A narrow search sorts its full-text matches: the index by search key now holds the sort columns too.
 * PostgreSQL plans this itself and keeps its indexes. Safe to run again.
 */
export function searchCoveringIndexesMigration(dialect: DialectName): Migration {
  return {
    // Migrations are frozen in time, so they take an untyped database.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'sqlite') return;
      await sql`drop index if exists certification_newest_order`.execute(db);
      await sql`create index certification_newest_order on certification (issued_at desc, id, category, company_slug, status, updated_at, openness_level, support_end_date, search_text)`.execute(
        db,
      );
      await sql`drop table if exists certification_search`.execute(db);
      await sql`create virtual table certification_search using fts5(search_text, filters, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4 5 6')`.execute(
        db,
      );
      await sql`insert into certification_search (rowid, search_text, filters) select search_key, search_text, 'c' || hex(category) || ' m' || hex(company_slug) from certification where search_key is not null`.execute(
        db,
      );
      await sql`drop index if exists certification_search_filters`.execute(db);
      await sql`create index certification_search_filters on certification (search_key, category, company_slug, status, updated_at, openness_level, support_end_date, issued_at, id, product_name, valid_until)`.execute(
        db,
      );
    },
  };
}
