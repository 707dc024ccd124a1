import type { Kysely } from 'kysely';
import type { Locale } from '../i18n';
import type { Database, NewNewsPost, NewsPost } from '../db/schema';

export function createNewsRepository(db: Kysely<Database>) {
  return {
    /** Posts whose publication time has come, newest first. */
    listPublished(locale: Locale, now: Date, limit = 50): Promise<NewsPost[]> {
      return db
        .selectFrom('news_post')
        .selectAll()
        .where('locale', '=', locale)
        .where('published_at', '<=', now.toISOString())
        .orderBy('published_at', 'desc')
        .limit(limit)
        .execute();
    },

    async findPublished(locale: Locale, slug: string, now: Date): Promise<NewsPost | undefined> {
      return db
        .selectFrom('news_post')
        .selectAll()
        .where('locale', '=', locale)
        .where('slug', '=', slug)
        .where('published_at', '<=', now.toISOString())
        .executeTakeFirst();
    },

    async insert(post: NewNewsPost): Promise<void> {
      await db.insertInto('news_post').values(post).execute();
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('news_post')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },
  };
}

export type NewsRepository = ReturnType<typeof createNewsRepository>;
