import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CertificationRow } from '../../platform/db/schema';
import { messagesFor } from '../../platform/i18n';
import { badgeKeysOf, defaultVariant, parseVariant, type DimensionSummary } from '../mark-kit/rules';
import { securityUpdatesEnded } from '../security-notices/rules';
import { liveStatus } from './rules';
import type { RegistryRepository } from './store';
import { renderBadge } from './badge';

export interface CachedBadge {
  svg: string;
  etag: string;
  /** When the entry was read from the database (ms since the epoch). */
  at: number;
  /** Until when it is answered without asking the database again: `at` + `badgeFreshnessMs`. */
  freshUntil: number;
  /** The fast path's answer, made once: the body's bytes and the headers as node:http takes them. */
  body: Buffer;
  headers: string[];
  notModifiedHeaders: string[];
}

/** How long a rendered badge is served without asking the database again: a status change shows within it. */
export const badgeFreshnessMs = 1000;

export const badgeHeaders = {
  'Content-Type': 'image/svg+xml; charset=utf-8',
  'Cache-Control': 'public, max-age=1, must-revalidate',
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  // Embedded on makers' and shops' own sites: other origins must be able to load it.
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;

/**
 * Rendered badges, kept for a second. Badges are the platform's hottest path (embedded on shops and
 * product pages), so a fresh one is answered straight from memory; a status change made on this
 * instance drops its entry at once.
 */
export function createBadgeCache(
  registry: RegistryRepository,
  now: () => Date,
  limit = 10_000,
  /** The five dimensions' summary the full badge shows (from the criteria version and published answers). */
  dimensionsOf: (row: CertificationRow) => DimensionSummary[] = () => [],
) {
  // Keyed by the badge's address, so the fast path looks a request's target up as node:http gives it,
  // without cutting the key out of it (a fresh string to hash on every request).
  const entries = new Map<string, CachedBadge>();

  return {
    /** The fresh badge at `address` (`/badge/{key}.svg`, the request target exactly), if there is one. */
    freshAt(address: string): CachedBadge | undefined {
      const entry = entries.get(address);
      return entry && Date.now() <= entry.freshUntil ? entry : undefined;
    },

    /** `key` is a certification's id (the default badge) or id/variant (mark-kit/rules.ts's badgeKey). */
    async get(key: string): Promise<CachedBadge | undefined> {
      const address = badgeAddress(key);
      const cached = this.freshAt(address);
      if (cached) return cached;
      const slash = key.indexOf('/');
      const id = slash < 0 ? key : key.slice(0, slash);
      const variant = slash < 0 ? defaultVariant : parseVariant(key.slice(slash + 1));
      if (!variant) return undefined;
      const row = await registry.find(id);
      if (!row) return undefined;
      const today = now();
      const facts = {
        status: liveStatus(row.status, row.valid_until, today),
        validUntil: row.valid_until,
        supportEndDate: row.support_end_date,
        productName: row.product_name,
        updatesEnded: securityUpdatesEnded(row.support_end_date, today),
        dimensions: variant.style === 'full' ? dimensionsOf(row) : [],
      };
      const svg = renderBadge(facts, variant, messagesFor(variant.language).markKit.badge);
      const etag = `"${createHash('sha256').update(svg).digest('base64url').slice(0, 22)}"`;
      const body = Buffer.from(svg);
      const common = [...Object.entries(badgeHeaders).flat(), 'ETag', etag];
      const at = Date.now();
      const entry = {
        svg,
        etag,
        at,
        freshUntil: at + badgeFreshnessMs,
        body,
        headers: [...common, 'Content-Length', String(body.length)],
        notModifiedHeaders: common,
      };
      entries.delete(address);
      entries.set(address, entry);
      if (entries.size > limit) entries.delete(entries.keys().next().value ?? '');
      return entry;
    },

    /** Drops every variant of a certification's badge. */
    invalidate(id: string): void {
      for (const key of badgeKeysOf(id)) entries.delete(badgeAddress(key));
    },

    /** Drops every badge (another instance's changes may have been missed while not listening). */
    invalidateAll(): void {
      entries.clear();
    },
  };
}

export type BadgeCache = ReturnType<typeof createBadgeCache>;

/** The address a badge is served at, for its key: `/badge/{id}.svg` or `/badge/{id}/{variant}.svg`. */
const badgeAddress = (key: string) => `/badge/${key}.svg`;

/**
 * The fast path in front of the web app: a GET for a badge that is fresh in memory is answered here,
 * without the page middleware (sessions, locale, logging) it does not need. Anything else, including
 * the first request after a badge goes stale, goes on to the app's /badge route. Returns whether it answered.
 */
export function answerFreshBadge(
  cache: BadgeCache,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  if (request.method !== 'GET') return false;
  // Only badges' addresses are keys: any other target (a query string included) is simply not found.
  const entry = cache.freshAt(request.url ?? '');
  if (!entry) return false;
  // Nothing is built per request: the headers and bytes were made with the entry.
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, entry.etag)) {
    response.writeHead(304, entry.notModifiedHeaders);
    response.end();
    return true;
  }
  response.writeHead(200, entry.headers);
  response.end(entry.body);
  return true;
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return (
    header === '*' || header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare)
  );
}
