import type { Kysely } from 'kysely';

/**
 * News posts and partners edited by admins: a post is a draft or published (a future publication time
 * makes it scheduled) and may carry a picture; a partner may carry a logo. `updated_at` lets two admins
 * saving the same item see a conflict instead of overwriting each other.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('news_post')
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('published'))
    .execute();
  await db.schema.alterTable('news_post').addColumn('image_key', 'text').execute();
  await db.schema.alterTable('news_post').addColumn('image_type', 'text').execute();
  await db.schema
    .alterTable('news_post')
    .addColumn('image_alt', 'text', (column) => column.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('partner').addColumn('logo_key', 'text').execute();
  await db.schema.alterTable('partner').addColumn('logo_type', 'text').execute();
  await db.schema
    .alterTable('partner')
    .addColumn('updated_at', 'text', (column) => column.notNull().defaultTo(''))
    .execute();
}
