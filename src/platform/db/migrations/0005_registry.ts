import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Certifications and their public record. The search index differs by database (FTS5 in SQLite, a
 * GIN-indexed tsvector in PostgreSQL), so this migration is built for the dialect it runs on.
 */
export function registryMigration(dialect: DialectName): Migration {
  return {
    // Migrations are frozen in time, so they take an untyped database.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('certification')
        .addColumn('id', 'text', (column) => column.primaryKey())
        // Not a foreign key: the public record must outlive whatever later happens to the application.
        .addColumn('application_id', 'text', (column) => column.notNull().unique())
        .addColumn('product_id', 'text', (column) => column.notNull())
        .addColumn('organization_id', 'text', (column) => column.notNull())
        .addColumn('company_name', 'text', (column) => column.notNull())
        .addColumn('company_slug', 'text', (column) => column.notNull())
        .addColumn('product_name', 'text', (column) => column.notNull())
        .addColumn('category', 'text', (column) => column.notNull())
        // One per line, lowercased, for lookup by model number.
        .addColumn('model_numbers', 'text', (column) => column.notNull())
        .addColumn('web_page_url', 'text', (column) => column.notNull())
        .addColumn('criteria_version', 'integer', (column) => column.notNull())
        // active, suspended, revoked or expired.
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('status_reason', 'text', (column) => column.notNull())
        .addColumn('issued_at', 'text', (column) => column.notNull())
        .addColumn('valid_until', 'text', (column) => column.notNull())
        .addColumn('support_end_date', 'text', (column) => column.notNull())
        // JSON: the product's facts and the answers as certified; frozen, so later edits never leak out.
        .addColumn('published', 'text', (column) => column.notNull())
        // Lowercased, diacritics removed: the same text is indexed by both databases.
        .addColumn('search_text', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
      for (const column of [
        'status',
        'category',
        'company_slug',
        'updated_at',
        'valid_until',
        'product_name',
      ]) {
        await db.schema
          .createIndex(`certification_${column}_index`)
          .on('certification')
          .column(column)
          .execute();
      }

      await db.schema
        .createTable('certification_event')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('certification_id', 'text', (column) =>
          column.notNull().references('certification.id').onDelete('cascade'),
        )
        // issued, suspended, reinstated, revoked, expired
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('reason', 'text', (column) => column.notNull())
        .addColumn('occurred_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('certification_event_time_index')
        .on('certification_event')
        .column('occurred_at')
        .execute();

      // Each reminder is sent once, whichever instance's sweep gets there first.
      await db.schema
        .createTable('certification_reminder')
        .addColumn('certification_id', 'text', (column) =>
          column.notNull().references('certification.id').onDelete('cascade'),
        )
        .addColumn('days_before', 'integer', (column) => column.notNull())
        .addColumn('sent_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('certification_reminder_key', ['certification_id', 'days_before'])
        .execute();

      if (dialect === 'sqlite') {
        await sql`create virtual table certification_search using fts5(certification_id unindexed, search_text, tokenize = 'unicode61 remove_diacritics 0')`.execute(
          db,
        );
      } else {
        await sql`create index certification_search_index on certification using gin (to_tsvector('simple', search_text))`.execute(
          db,
        );
      }
    },
  };
}
