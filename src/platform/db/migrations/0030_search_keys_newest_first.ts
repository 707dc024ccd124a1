import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * SQLite's search keys (the full-text index's row ids) now follow the registry's newest-first order:
 * the higher the key, the newer the certification (issued_at, then the smaller id first among those
 * issued at the same moment). FTS5 yields a word's matches by row id, newest first, lazily, so a search
 * in that order (the default for words) reads its page and its count of up to 1,000 from the index alone,
 * without sorting its matches or walking an index and testing each row (decision 0021). indexForSearch
 * keeps the order as certifications are issued.
 *
 * The index also keeps prefixes of up to twelve letters (six before): a prefix query longer than the
 * longest kept prefix gathers every match of every word it begins before yielding the first, which made
 * a word such as "offline" (seven letters, in every entry) cost 4 ms against 0.1 ms for "camera".
 * PostgreSQL orders by its own index. Safe to run again.
 */
export function searchKeysNewestFirstMigration(dialect: DialectName): Migration {
  return {
    // Migrations are frozen in time, so they take an untyped database.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'sqlite') return;
      // Keys are unique: cleared first, so that no row takes a key another still holds.
      await sql`update certification set search_key = null`.execute(db);
      await sql`update certification set search_key = ranked.key from (select id, row_number() over (order by issued_at, id desc) as key from certification) as ranked where certification.id = ranked.id`.execute(
        db,
      );
      await sql`drop table if exists certification_search`.execute(db);
      await sql`create virtual table certification_search using fts5(search_text, filters, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4 5 6 7 8 9 10 11 12')`.execute(
        db,
      );
      await sql`insert into certification_search (rowid, search_text, filters) select search_key, search_text, 'c' || hex(category) || ' m' || hex(company_slug) from certification`.execute(
        db,
      );
    },
  };
}
