import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Row types of the tables the application queries directly.
 * Timestamps are ISO-8601 UTC strings on both databases so that ordering and comparison behave the same
 * on SQLite and PostgreSQL (node:sqlite cannot bind Date values).
 */
export interface NewsPostTable {
  id: string;
  locale: string;
  slug: string;
  title: string;
  summary: string;
  body_markdown: string;
  published_at: string;
  created_at: string;
  updated_at: string;
}

export interface PartnerTable {
  id: string;
  name: string;
  url: string;
  kind: string;
  description_en: string;
  description_de: string;
  sort_order: Generated<number>;
}

/** The parts of Better Auth's own tables that the application reads (Better Auth owns their schema). */
export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean | number;
  role: string;
  locale: string;
  twoFactorEnabled: boolean | number | null;
  createdAt: string | Date;
}

export interface Database {
  news_post: NewsPostTable;
  partner: PartnerTable;
  user: UserTable;
}

export type NewsPost = Selectable<NewsPostTable>;
export type NewNewsPost = Insertable<NewsPostTable>;
export type Partner = Selectable<PartnerTable>;
export type NewPartner = Insertable<PartnerTable>;
