import type { CertificationRow } from '../../platform/db/schema';
import { securityUpdatesEnded } from '../security-notices/rules';
import { publishedEntry } from './published';
import { liveStatus, utcDay } from './rules';
import type { SearchResult } from './store';

export const openDataLicence = {
  name: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  attribution: 'Trustmark registry',
};

/** A search result as the API's JSON for one day, and its gzip once a client that takes gzip asked for it. */
export interface RenderedList {
  day: string;
  json: string;
  gzipped?: Buffer;
}

/**
 * How the open data API writes certifications: one as an object, a search result as its list's JSON,
 * each kept for the day with what it was written from (statuses turn "expired" by date).
 */
export function createListRendering(baseUrl: string, pageSize: number, clock: () => Date) {
  // A result's JSON for the day, and its gzip once a client that takes gzip has asked for it.
  const renderedResults = new WeakMap<SearchResult, RenderedList>();
  /**
   * The JSON of a search result, kept with it for the day (statuses turn "expired" by date): a repeated
   * search costs a version check and a write.
   */
  const renderedFor = (result: SearchResult, page: number, now: Date) => {
    const today = utcDay(now);
    const kept = renderedResults.get(result);
    if (kept?.day === today) return kept;
    // As JSON.stringify would write the list, with each item's JSON kept (below).
    const items = result.items.map((row) => itemJson(row, today)).join(',');
    const head = `"total":${result.total},"totalIsLowerBound":${result.totalIsLowerBound},"page":${page},"pageSize":${pageSize}`;
    const json = `{${head},"items":[${items}],"licence":${JSON.stringify(openDataLicence.url)}}`;
    const rendered: RenderedList = { day: today, json };
    renderedResults.set(result, rendered);
    return rendered;
  };
  // An item's JSON for the day, kept with its row: the registry's index keeps the rows of recent pages
  // (search-memory-store.ts), so the same newest matches are not parsed and written again for every search.
  const renderedItems = new WeakMap<CertificationRow, { day: string; json: string }>();
  const itemJson = (row: CertificationRow, today: string) => {
    const kept = renderedItems.get(row);
    if (kept?.day === today) return kept.json;
    const json = JSON.stringify(toJson(row, today));
    renderedItems.set(row, { day: today, json });
    return json;
  };
  /** One certification as the API lists it, its status as of `now` (today's date, for a whole list). */
  const toJson = (row: CertificationRow, now: Date | string = clock()) => {
    const entry = publishedEntry(row);
    const status = liveStatus(row.status, row.valid_until, now);
    return {
      id: row.id,
      url: `${baseUrl}/en/products/${row.id}`,
      badge: `${baseUrl}/badge/${row.id}.svg`,
      status,
      statusReason: row.status_reason,
      product: {
        name: entry.product.name,
        category: entry.product.category,
        modelNumbers: entry.product.modelNumbers,
        webPage: entry.product.webPageUrl,
        description: entry.product.description,
        firmwareVersion: entry.product.firmwareVersion,
        securityUpdatesUntil: entry.product.supportEndDate,
        securityUpdatesEnded: securityUpdatesEnded(row.support_end_date, now),
      },
      company: entry.company,
      criteriaVersion: row.criteria_version,
      issuedAt: row.issued_at,
      validUntil: row.valid_until,
      updatedAt: row.updated_at,
    };
  };

  return { renderedFor, toJson };
}
