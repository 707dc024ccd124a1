/**
 * Pure rules of evidence checks: what a fetch's outcome means, how it is summarised for reviewers, when a
 * pinned link counts as changed since the review, and when it is checked again.
 */

/** fetched: an answer was read to its end (whatever its status); the others say why there is no hash. */
export const fetchOutcomes = [
  'fetched',
  'too-large',
  'timeout',
  'refused',
  'too-many-redirects',
  'invalid',
  'unreachable',
] as const;
export type FetchOutcome = (typeof fetchOutcomes)[number];

export function isFetchOutcome(value: string): value is FetchOutcome {
  return (fetchOutcomes as readonly string[]).includes(value);
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Where a Location header leads from `current`; undefined when it is no address at all. */
export function nextUrl(current: string, location: string): string | undefined {
  try {
    return new URL(location, current).toString();
  } catch {
    return undefined;
  }
}

/** The site of an address, so that http→https or www. is not "another site". */
export function siteOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** A stored check, as the store hands it to rules and pages. */
export interface CheckFacts {
  url: string;
  outcome: string;
  statusCode: number | null;
  finalUrl: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  checkedAt: string;
}

/** A short name for the kind of document: "PDF", "HTML", else the media type itself. */
export function kindOf(contentType: string | null): string | undefined {
  if (!contentType) return undefined;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const names: Record<string, string> = {
    'application/pdf': 'PDF',
    'text/html': 'HTML',
    'application/xhtml+xml': 'HTML',
    'text/plain': 'Text',
    'application/json': 'JSON',
  };
  return names[type] ?? (type || undefined);
}

/** Bytes as people read them: 1.2 MB, 340 kB, 12 B (decimal units, one decimal place). */
export function sizeLabel(bytes: number, locale: string): string {
  const format = (value: number) => value.toLocaleString(locale, { maximumFractionDigits: 1 });
  if (bytes >= 1_000_000) return `${format(bytes / 1_000_000)} MB`;
  if (bytes >= 1_000) return `${format(bytes / 1_000)} kB`;
  return `${bytes} B`;
}

/** How long ago, in the largest whole unit. */
export function ageOf(checkedAt: string, now: Date): { unit: 'minutes' | 'hours' | 'days'; count: number } {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(checkedAt)) / 60_000));
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  if (minutes < 48 * 60) return { unit: 'hours', count: Math.floor(minutes / 60) };
  return { unit: 'days', count: Math.floor(minutes / (24 * 60)) };
}

/** What a reviewer is told first about a link: fine, broken, or leading somewhere else. */
export type CheckVerdict = 'ok' | 'http-error' | 'other-site' | 'failed';

export function verdictOf(check: CheckFacts): CheckVerdict {
  if (check.outcome !== 'fetched' && check.outcome !== 'too-large') return 'failed';
  if (check.statusCode === null || check.statusCode >= 400) return 'http-error';
  if (check.finalUrl && siteOf(check.finalUrl) !== siteOf(check.url)) return 'other-site';
  return 'ok';
}

/** A link pinned at certification, compared with what it serves now. */
export type PinComparison = 'unchanged' | 'changed' | 'gone';

export function comparePinned(
  reviewed: { sha256: string | null; statusCode: number | null; text?: string | null },
  now: Pick<CheckFacts, 'outcome' | 'statusCode' | 'sha256'> & { text?: string | null },
): PinComparison {
  const availableNow =
    (now.outcome === 'fetched' || now.outcome === 'too-large') && (now.statusCode ?? 999) < 400;
  const availableThen = reviewed.statusCode !== null && reviewed.statusCode < 400;
  if (!availableNow) return availableThen ? 'gone' : 'unchanged';
  // Without a hash from the review (never checked, or too large) only disappearance can be told.
  if (reviewed.sha256 === null || now.sha256 === null) return 'unchanged';
  if (reviewed.sha256 === now.sha256) return 'unchanged';
  // Most web pages differ on every load (a date, a token, a session id): with both texts at hand, only a
  // change to what the page says counts.
  if (reviewed.text && now.text) return sameWording(reviewed.text, now.text) ? 'unchanged' : 'changed';
  return 'changed';
}

/**
 * The words a reader sees: scripts, styles, comments and markup (with its attributes, where tokens live)
 * removed, entities and case ignored, and words with digits left out: dates, times, counters and ids are what
 * changes from one load to the next.
 */
export function visibleWords(text: string): string[] {
  return text
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[#\w]+;/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !/\p{N}/u.test(word));
}

/** Whether two versions of a page say the same words in the same order; one word changed is a change. */
export function sameWording(before: string, after: string): boolean {
  return visibleWords(before).join(' ') === visibleWords(after).join(' ');
}

/** Evidence of certified products is checked again about monthly. */
export const recheckIntervalMs = 30 * 24 * 60 * 60_000;
/** How long the company has to update evidence that changed before admins see it flagged. */
export const updatePeriodMs = 30 * 24 * 60 * 60_000;
/** How many pinned links one sweep hands to the worker at most; the rest wait for the next sweep. */
export const recheckBatch = 50;

/**
 * The first re-check of a pinned link: one interval after certification plus a share of another interval
 * that depends on the link, so that the links of a busy day are not all fetched on the same later day.
 */
export function firstRecheckAt(pinnedAt: Date, key: string): Date {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const offset = Math.floor(((hash % 1000) / 1000) * recheckIntervalMs);
  return new Date(pinnedAt.getTime() + recheckIntervalMs + offset);
}
