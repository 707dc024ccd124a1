import type { Kysely } from 'kysely';

// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('product')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('organization_id', 'text', (column) =>
      column.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('category', 'text', (column) => column.notNull())
    // One model number per line.
    .addColumn('model_numbers', 'text', (column) => column.notNull())
    .addColumn('web_page_url', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull())
    .addColumn('firmware_version', 'text', (column) => column.notNull())
    .addColumn('support_end_date', 'text', (column) => column.notNull())
    .addColumn('revision', 'integer', (column) => column.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('product_organization_index').on('product').column('organization_id').execute();

  await db.schema
    .createTable('application')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('organization_id', 'text', (column) =>
      column.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('product_id', 'text', (column) =>
      column.notNull().references('product.id').onDelete('cascade'),
    )
    .addColumn('criteria_version', 'integer', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('source_application_id', 'text')
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('application_product_index').on('application').column('product_id').execute();
  await db.schema
    .createIndex('application_status_index')
    .on('application')
    .columns(['status', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('answer')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('application_id', 'text', (column) =>
      column.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('criterion_id', 'text', (column) => column.notNull())
    .addColumn('status', 'text')
    .addColumn('explanation', 'text', (column) => column.notNull())
    // 0 or 1 on both databases.
    .addColumn('needs_confirmation', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('updated_by', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addUniqueConstraint('answer_application_criterion_unique', ['application_id', 'criterion_id'])
    .execute();

  await db.schema
    .createTable('answer_revision')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('answer_id', 'text', (column) => column.notNull().references('answer.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('status', 'text')
    .addColumn('explanation', 'text', (column) => column.notNull())
    .addColumn('author_id', 'text', (column) => column.notNull())
    .addColumn('author_name', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addUniqueConstraint('answer_revision_unique', ['answer_id', 'revision'])
    .execute();

  await db.schema
    .createTable('evidence_link')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('answer_id', 'text', (column) => column.notNull().references('answer.id').onDelete('cascade'))
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('added_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('evidence_file')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('answer_id', 'text', (column) => column.notNull().references('answer.id').onDelete('cascade'))
    .addColumn('storage_key', 'text', (column) => column.notNull())
    .addColumn('file_name', 'text', (column) => column.notNull())
    .addColumn('content_type', 'text', (column) => column.notNull())
    .addColumn('size_bytes', 'integer', (column) => column.notNull())
    .addColumn('added_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
}
