import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect';

/** A model number's letters and digits run together, as the registry indexes it from now on. */
function joined(model: string): string {
  return model
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Model numbers were indexed only as their separate words, so "AS200" did not find "AS-200". Each
 * certification's search text now also holds every model number as one word; this adds it to the
 * certifications published before. PostgreSQL's tsvector column follows the text by itself; SQLite's
 * FTS5 rows are written again for the entries that changed.
 */
export function joinedModelNumbersMigration(dialect: DialectName): Migration {
  return {
    // Migrations are frozen in time, so they take an untyped database.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      const rows = (await db
        .selectFrom('certification')
        .select(['id', 'model_numbers', 'search_text', 'search_key'])
        .execute()) as {
        id: string;
        model_numbers: string;
        search_text: string;
        search_key: number | null;
      }[];
      for (const row of rows) {
        const words = new Set(row.search_text.split(' '));
        const missing = row.model_numbers
          .split('\n')
          .map(joined)
          .filter((word) => word && !words.has(word));
        if (missing.length === 0) continue;
        const searchText = [row.search_text, ...new Set(missing)].join(' ').trim();
        await db
          .updateTable('certification')
          .set({ search_text: searchText })
          .where('id', '=', row.id)
          .execute();
        if (dialect === 'sqlite' && row.search_key !== null) {
          await sql`delete from certification_search where rowid = ${row.search_key}`.execute(db);
          await sql`insert into certification_search (rowid, search_text) values (${row.search_key}, ${searchText})`.execute(
            db,
          );
        }
      }
    },
  };
}
