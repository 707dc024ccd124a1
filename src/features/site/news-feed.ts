import { Feed } from 'feed';
import type { NewsPost } from '../../platform/db/schema';
import type { Locale, Messages } from '../../platform/i18n';
import { renderMarkdown } from '../../platform/web/markdown';

/** The news of one language as an Atom feed (RFC 4287). */
export function newsFeed(m: Messages, locale: Locale, baseUrl: string, posts: NewsPost[]): string {
  const newsUrl = `${baseUrl}/${locale}/news`;
  const feed = new Feed({
    id: newsUrl,
    title: `${m.meta.siteName} – ${m.news.title}`,
    description: m.news.lead,
    link: newsUrl,
    language: locale,
    updated: posts[0] ? new Date(posts[0].updated_at) : new Date(0),
    feedLinks: { atom: `${newsUrl}/feed.atom` },
    generator: false,
    copyright: m.meta.siteName,
    // RFC 4287 4.1.1: a feed without an author on every entry needs one of its own.
    author: { name: m.meta.siteName, link: baseUrl },
  });
  for (const post of posts) {
    const link = `${newsUrl}/${post.slug}`;
    feed.addItem({
      id: link,
      link,
      title: post.title,
      description: post.summary,
      content: renderMarkdown(post.body_markdown),
      date: new Date(post.updated_at),
      published: new Date(post.published_at),
    });
  }
  return feed.atom1();
}
