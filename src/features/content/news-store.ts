import type { Kysely } from 'kysely';
import type { Locale } from '../../platform/i18n';
import type { Database, NewNewsPost, NewsPost } from '../../platform/db/schema';
import { isUniqueViolation } from '../../platform/db/dialect';
import type { PostStatus } from './rules';

/** What an admin writes of a post; the rest (id, times) the repository keeps. */
export interface PostFields {
  locale: Locale;
  slug: string;
  title: string;
  summary: string;
  body_markdown: string;
  status: PostStatus;
  published_at: string;
  image_alt: string;
}

export type PostSave = { ok: true; id: string } | { ok: false; reason: 'conflict' | 'slug-taken' };

export function createNewsRepository(db: Kysely<Database>) {
  return {
    /** Published posts whose publication time has come, newest first. */
    listPublished(locale: Locale, now: Date, limit = 50): Promise<NewsPost[]> {
      return db
        .selectFrom('news_post')
        .selectAll()
        .where('locale', '=', locale)
        .where('status', '=', 'published')
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
        .where('status', '=', 'published')
        .where('published_at', '<=', now.toISOString())
        .executeTakeFirst();
    },

    /** Every post in both languages, drafts and scheduled ones included, newest first (for admins). */
    listAll(): Promise<NewsPost[]> {
      return db.selectFrom('news_post').selectAll().orderBy('published_at', 'desc').execute();
    },

    find(id: string): Promise<NewsPost | undefined> {
      return db.selectFrom('news_post').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insert(post: NewNewsPost): Promise<void> {
      await db.insertInto('news_post').values(post).execute();
    },

    async create(id: string, fields: PostFields, now: Date): Promise<PostSave> {
      const at = now.toISOString();
      try {
        await db
          .insertInto('news_post')
          .values({ id, ...fields, created_at: at, updated_at: at })
          .execute();
      } catch (error) {
        // The (locale, slug) unique constraint is the one check: no read-then-write race.
        if (isUniqueViolation(error)) return { ok: false, reason: 'slug-taken' };
        throw error;
      }
      return { ok: true, id };
    },

    /** Saves a post only if nobody saved it since `seenUpdatedAt` (the version the admin edited). */
    async update(id: string, seenUpdatedAt: string, fields: PostFields, now: Date): Promise<PostSave> {
      try {
        const result = await db
          .updateTable('news_post')
          .set({ ...fields, updated_at: now.toISOString() })
          .where('id', '=', id)
          .where('updated_at', '=', seenUpdatedAt)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1 ? { ok: true, id } : { ok: false, reason: 'conflict' };
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, reason: 'slug-taken' };
        throw error;
      }
    },

    async setImage(id: string, image: { key: string; type: string } | null, now: Date): Promise<void> {
      await db
        .updateTable('news_post')
        .set({
          image_key: image?.key ?? null,
          image_type: image?.type ?? null,
          updated_at: now.toISOString(),
        })
        .where('id', '=', id)
        .execute();
    },

    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('news_post').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
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
