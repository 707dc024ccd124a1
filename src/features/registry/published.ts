import type { CertificationRow } from '../../platform/db/schema';
import type { PublishedEntry } from './store';

/** The public record of a certification as it was frozen when it was issued. */
export function publishedEntry(row: Pick<CertificationRow, 'published'>): PublishedEntry {
  return JSON.parse(row.published) as PublishedEntry;
}
