import { Feed } from 'feed';
import type { Locale, Messages } from '../../platform/i18n';
import { securityFeedPath } from './pages/public-section';
import type { SecurityInformation } from './store';

/**
 * The feed library declares every entry's title and summary type="html", which feed readers render as
 * markup: what the company typed is text, so it goes in as HTML that shows that text.
 */
function asHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One product's security notices and firmware releases as an Atom feed (RFC 4287), newest first. */
export function securityFeed(
  m: Messages,
  locale: Locale,
  baseUrl: string,
  product: { certificationId: string; name: string },
  information: SecurityInformation,
): string {
  const pageUrl = `${baseUrl}/${locale}/products/${product.certificationId}`;
  const entries = [
    ...information.notices.map((notice) => ({
      id: `${pageUrl}#notice-${notice.id}`,
      link: notice.advisoryUrl,
      title: m.security.noticeEntry(notice.title, m.security.severities[notice.severity] ?? notice.severity),
      description: m.security.noticeSummary(notice.affectedVersions, notice.fixedVersion),
      date: new Date(`${notice.date}T00:00:00Z`),
      createdAt: notice.createdAt,
    })),
    ...information.releases.map((release) => ({
      id: `${pageUrl}#release-${release.id}`,
      link: release.notesUrl,
      title: m.security.releaseEntry(release.version),
      description: m.security.releaseEntry(release.version),
      date: new Date(`${release.date}T00:00:00Z`),
      createdAt: release.createdAt,
    })),
  ].sort((a, b) => b.date.getTime() - a.date.getTime() || b.createdAt.localeCompare(a.createdAt));
  const feedUrl = `${baseUrl}${securityFeedPath(locale, product.certificationId)}`;
  const feed = new Feed({
    id: feedUrl,
    title: `${m.meta.siteName} – ${m.security.feedTitle(product.name)}`,
    description: m.security.lead,
    link: `${pageUrl}#security`,
    language: locale,
    updated: entries[0]?.date ?? new Date(0),
    feedLinks: { atom: feedUrl },
    generator: false,
    copyright: m.registry.licence,
    // RFC 4287 4.1.1: a feed without an author on every entry needs one of its own.
    author: { name: m.meta.siteName, link: baseUrl },
  });
  for (const entry of entries)
    feed.addItem({
      id: entry.id,
      link: entry.link,
      title: asHtml(entry.title),
      description: asHtml(entry.description),
      date: entry.date,
    });
  return feed.atom1();
}
