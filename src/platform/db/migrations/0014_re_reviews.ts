import type { Kysely } from 'kysely';

/**
 * A re-review of a certified product after a concern: reviewers who took no part in the certification
 * give their opinion, and an admin records the outcome (confirm, suspend or revoke) with a public
 * statement. One re-review per concern.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('re_review')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('concern_id', 'text', (column) =>
      column.notNull().unique().references('concern.id').onDelete('cascade'),
    )
    .addColumn('certification_id', 'text', (column) => column.notNull())
    // open or decided.
    .addColumn('status', 'text', (column) => column.notNull())
    // confirm, suspend or revoke, once decided.
    .addColumn('outcome', 'text')
    .addColumn('statement', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('opened_by', 'text', (column) => column.notNull())
    .addColumn('opened_at', 'text', (column) => column.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createTable('re_review_opinion')
    .addColumn('re_review_id', 'text', (column) =>
      column.notNull().references('re_review.id').onDelete('cascade'),
    )
    .addColumn('reviewer_id', 'text', (column) => column.notNull())
    .addColumn('assigned_at', 'text', (column) => column.notNull())
    // Null until the reviewer gives their opinion.
    .addColumn('recommendation', 'text')
    .addColumn('rationale', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('submitted_at', 'text')
    .addPrimaryKeyConstraint('re_review_opinion_pk', ['re_review_id', 'reviewer_id'])
    .execute();
  await db.schema
    .createIndex('re_review_opinion_by_reviewer')
    .on('re_review_opinion')
    .column('reviewer_id')
    .execute();
}
