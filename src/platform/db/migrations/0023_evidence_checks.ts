import type { Kysely } from 'kysely';

/**
 * Evidence checked by the job worker: the last check of each evidence link and of each web origin's
 * security.txt, and the links of a certification pinned as they were reviewed, with their re-checks.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('evidence_check')
    .ifNotExists()
    // One row per evidence link, replaced by each check; a removed link's row is simply never read.
    .addColumn('link_id', 'text', (column) => column.primaryKey())
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('final_url', 'text')
    .addColumn('content_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('text_snapshot', 'text')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (column) => column.notNull())
    .addColumn('checked_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('security_txt_check')
    .ifNotExists()
    .addColumn('origin', 'text', (column) => column.primaryKey())
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('status_code', 'integer')
    // JSON: the parser's reading (contacts, expires, problems), null when there was no file to read.
    .addColumn('reading', 'text')
    .addColumn('checked_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('evidence_pin')
    .ifNotExists()
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('certification_id', 'text', (column) => column.notNull())
    .addColumn('link_id', 'text', (column) => column.notNull())
    .addColumn('criterion_id', 'text', (column) => column.notNull())
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    // As reviewed: the check the reviewers saw (null when the link was never checked).
    .addColumn('reviewed_sha256', 'text')
    .addColumn('reviewed_status', 'integer')
    .addColumn('reviewed_checked_at', 'text')
    .addColumn('reviewed_text', 'text')
    .addColumn('pinned_at', 'text', (column) => column.notNull())
    .addColumn('next_check_at', 'text', (column) => column.notNull())
    .addColumn('last_checked_at', 'text')
    .addColumn('last_outcome', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_sha256', 'text')
    // Set when a re-check first finds it changed or gone; cleared when it serves what was reviewed again.
    .addColumn('changed_at', 'text')
    .addColumn('change', 'text')
    .addColumn('update_due_at', 'text')
    .addUniqueConstraint('evidence_pin_certification_link', ['certification_id', 'link_id'])
    .execute();
  await db.schema
    .createIndex('evidence_pin_next_check')
    .ifNotExists()
    .on('evidence_pin')
    .column('next_check_at')
    .execute();
}
