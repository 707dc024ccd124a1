import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * SQLite's full-text index joined the registry by its text id, which made a broad search (a fifth of
 * 100,000 entries) spend most of its time in text-key lookups. Each certification now has a stable
 * integer search key that is also the FTS5 row id, and the index holds only the text. (The implicit
 * rowid cannot serve: VACUUM may renumber it.) PostgreSQL re-parsed every candidate row's text to
 * check a match; it now keeps the parsed words in a stored generated column with the GIN index on it,
 * and leaves the key empty.
 */
export function searchKeyMigration(dialect: DialectName): Migration {
  return {
    // Migrations are frozen in time, so they take an untyped database.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('certification').addColumn('search_key', 'integer').execute();
      if (dialect === 'postgres') {
        await sql`alter table certification add column search_vector tsvector generated always as (to_tsvector('simple', search_text)) stored`.execute(
          db,
        );
        await sql`drop index certification_search_index`.execute(db);
        await sql`create index certification_search_index on certification using gin (search_vector)`.execute(
          db,
        );
        return;
      }
      await sql`update certification set search_key = rowid`.execute(db);
      await db.schema
        .createIndex('certification_search_key_index')
        .unique()
        .on('certification')
        .column('search_key')
        .execute();
      await sql`drop table certification_search`.execute(db);
      await sql`create virtual table certification_search using fts5(search_text, tokenize = 'unicode61 remove_diacritics 0')`.execute(
        db,
      );
      await sql`insert into certification_search (rowid, search_text) select search_key, search_text from certification`.execute(
        db,
      );
    },
  };
}
