import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Registry searches return one page in the order asked for, without sorting every match: each order
 * (name, newest, end of validity) gets an index ending in the id that breaks ties, so the database can
 * read the first rows of a broad search in order and stop. SQLite's full-text index also stores the
 * prefixes of its words (up to six letters): a prefix query such as "smart*" then reads one list lazily
 * instead of merging the lists of every word starting with "smart", which cost time in proportion to
 * the matches even when only the first thousand were wanted.
 */
export function searchOrderMigration(dialect: DialectName): Migration {
  return {
    // Migrations are frozen in time, so they take an untyped database.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      // PostgreSQL compares text by code point here, as the searches order it (see inCodePointOrder).
      const byCodePoint = (column: string) =>
        dialect === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql.ref(column);
      for (const [name, first, direction] of [
        ['certification_name_order', 'product_name', sql``],
        ['certification_newest_order', 'issued_at', sql` desc`],
        ['certification_validity_order', 'valid_until', sql` desc`],
      ] as const) {
        await sql`create index if not exists ${sql.id(name)} on certification (${byCodePoint(first)}${direction}, ${byCodePoint('id')})`.execute(
          db,
        );
      }
      if (dialect !== 'sqlite') return;
      // A count joins each full-text match to its row only to apply the filters: with the filtered
      // columns beside the key, it reads this index and not the rows (with their published record).
      await sql`create index if not exists certification_search_filters on certification (search_key, category, company_slug, status, updated_at)`.execute(
        db,
      );
      await sql`drop table if exists certification_search`.execute(db);
      await sql`create virtual table certification_search using fts5(search_text, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4 5 6')`.execute(
        db,
      );
      await sql`insert into certification_search (rowid, search_text) select search_key, search_text from certification where search_key is not null`.execute(
        db,
      );
    },
  };
}
