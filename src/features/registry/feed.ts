import { Feed } from 'feed';
import type { CertificationEventRow } from '../../platform/db/schema';
import { messagesFor } from '../../platform/i18n';

/** The Atom feed of the latest certification events: one feed for everyone, in English. */
export function certificationsFeed(
  events: readonly (CertificationEventRow & { product_name: string })[],
  baseUrl: string,
): string {
  // Feed readers do not negotiate languages.
  const m = messagesFor('en');
  const feed = new Feed({
    id: `${baseUrl}/feeds/certifications.atom`,
    title: `${m.meta.siteName} – ${m.registry.feedTitle}`,
    description: m.registry.lead,
    link: `${baseUrl}/en/products`,
    language: 'en',
    updated: events[0] ? new Date(events[0].occurred_at) : new Date(0),
    feedLinks: { atom: `${baseUrl}/feeds/certifications.atom` },
    generator: false,
    copyright: m.registry.licence,
    // RFC 4287 4.1.1: a feed without an author on every entry needs one of its own.
    author: { name: m.meta.siteName, link: baseUrl },
  });
  for (const event of events) {
    const link = `${baseUrl}/en/products/${event.certification_id}`;
    feed.addItem({
      id: `${link}#${event.id}`,
      link,
      title: `${event.product_name}: ${m.registry.events[event.kind] ?? event.kind}`,
      description: event.reason || (m.registry.events[event.kind] ?? event.kind),
      date: new Date(event.occurred_at),
    });
  }
  return feed.atom1();
}
