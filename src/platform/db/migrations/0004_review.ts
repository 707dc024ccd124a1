import type { Kysely } from 'kysely';

// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // The review round an application is in: 1 at first submission, one more at each resubmission.
  await db.schema
    .alterTable('application')
    .addColumn('round', 'integer', (column) => column.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('application').addColumn('decided_at', 'text').execute();

  await db.schema
    .createTable('reviewer_profile')
    .addColumn('user_id', 'text', (column) => column.primaryKey().references('user.id').onDelete('cascade'))
    .addColumn('capacity', 'integer', (column) => column.notNull())
    .addColumn('available', 'integer', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('reviewer_conflict')
    .addColumn('reviewer_id', 'text', (column) => column.notNull().references('user.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (column) =>
      column.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('declared_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('reviewer_conflict_key', ['reviewer_id', 'organization_id'])
    .execute();

  await db.schema
    .createTable('assignment')
    .addColumn('application_id', 'text', (column) =>
      column.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('reviewer_id', 'text', (column) => column.notNull().references('user.id').onDelete('cascade'))
    // Null when the platform assigned by load.
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('assignment_key', ['application_id', 'reviewer_id'])
    .execute();
  await db.schema.createIndex('assignment_reviewer_index').on('assignment').column('reviewer_id').execute();

  // One reviewer's review of one round: open until submitted with a recommendation.
  await db.schema
    .createTable('review')
    .addColumn('application_id', 'text', (column) =>
      column.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('reviewer_id', 'text', (column) => column.notNull())
    .addColumn('round', 'integer', (column) => column.notNull())
    .addColumn('recommendation', 'text')
    .addColumn('rationale', 'text', (column) => column.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('review_key', ['application_id', 'reviewer_id', 'round'])
    .execute();

  await db.schema
    .createTable('verdict')
    .addColumn('application_id', 'text', (column) =>
      column.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('reviewer_id', 'text', (column) => column.notNull())
    .addColumn('round', 'integer', (column) => column.notNull())
    .addColumn('criterion_id', 'text', (column) => column.notNull())
    .addColumn('verdict', 'text', (column) => column.notNull())
    .addColumn('comment', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('verdict_key', ['application_id', 'reviewer_id', 'round', 'criterion_id'])
    .execute();

  // The answers as they stood when a round began, so reviewers see what changed since the last one.
  await db.schema
    .createTable('round_snapshot')
    .addColumn('application_id', 'text', (column) =>
      column.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('round', 'integer', (column) => column.notNull())
    .addColumn('answers', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('round_snapshot_key', ['application_id', 'round'])
    .execute();

  await db.schema
    .createTable('clarification_message')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('application_id', 'text', (column) =>
      column.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('criterion_id', 'text', (column) => column.notNull())
    .addColumn('round', 'integer', (column) => column.notNull())
    .addColumn('author_id', 'text', (column) => column.notNull())
    // Reviewers appear to applicants as "a reviewer": the review stays independent of the company.
    .addColumn('author_side', 'text', (column) => column.notNull())
    .addColumn('author_name', 'text', (column) => column.notNull())
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('clarification_application_index')
    .on('clarification_message')
    .columns(['application_id', 'criterion_id'])
    .execute();

  await db.schema
    .createTable('decision')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('application_id', 'text', (column) =>
      column.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('round', 'integer', (column) => column.notNull())
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('rationale', 'text', (column) => column.notNull())
    .addColumn('decided_by', 'text', (column) => column.notNull())
    .addColumn('decided_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('decision_application_index').on('decision').column('application_id').execute();

  await db.schema
    .createTable('program_setting')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('value', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  // Append-only: the application code only ever inserts and reads (see repositories/audit.ts).
  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('occurred_at', 'text', (column) => column.notNull())
    // Null for the platform itself (automatic assignment).
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('application_id', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('details', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('audit_application_index').on('audit_event').column('application_id').execute();
  await db.schema.createIndex('audit_time_index').on('audit_event').column('occurred_at').execute();

  await db.schema
    .createTable('mail_preference')
    .addColumn('user_id', 'text', (column) => column.notNull().references('user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('enabled', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('mail_preference_key', ['user_id', 'kind'])
    .execute();
}
