import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * SQLite's newest-first index no longer holds the search text. Migration 0029 put it there for a broad
 * search in that order, which walked the index testing each entry's text; since migration 0030 such a
 * search reads its matches from the full-text index in that order, and no query reads the text from this
 * index (about 15 MB at 100,000 certifications, written at every issue). The filter columns stay: a walk
 * without words still tests them there. PostgreSQL never had it. Safe to run again.
 */
export function newestOrderWithoutTextMigration(dialect: DialectName): Migration {
  return {
    // Migrations are frozen in time, so they take an untyped database.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'sqlite') return;
      await sql`drop index if exists certification_newest_order`.execute(db);
      await sql`create index certification_newest_order on certification (issued_at desc, id, category, company_slug, status, updated_at, openness_level, support_end_date)`.execute(
        db,
      );
    },
  };
}
