import type { Kysely } from 'kysely';

/**
 * A bigger reviewer pool: admins invite reviewers by mail (the link's token is stored only as its SHA-256,
 * works once and expires), and reviewers name the dimensions they know well, which automatic assignment
 * prefers for an application's weakest dimensions.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reviewer_invitation')
    .ifNotExists()
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('locale', 'text', (column) => column.notNull())
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('invited_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('used_at', 'text')
    .addColumn('user_id', 'text')
    .execute();
  await db.schema
    .createTable('reviewer_expertise')
    .ifNotExists()
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('dimension', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('reviewer_expertise_key', ['user_id', 'dimension'])
    .execute();
}
