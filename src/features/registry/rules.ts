/**
 * A certification's life after the decision: how long it is valid, what the public sees of its status,
 * when reminders are due, and which changes admins may make. Pure rules, no framework.
 */
export const certificationStatuses = ['active', 'suspended', 'revoked', 'expired'] as const;
export type CertificationStatus = (typeof certificationStatuses)[number];

export function isCertificationStatus(value: unknown): value is CertificationStatus {
  return typeof value === 'string' && (certificationStatuses as readonly string[]).includes(value);
}

/** Days before expiry at which the company is reminded to renew. */
export const reminderDays = [90, 30, 7] as const;

/**
 * The end of validity: the configured period from issue, but never past the date until which the
 * company promised security updates (a mark must not outlive the product's support).
 */
export function validUntil(issuedAt: Date, validityMonths: number, supportEndDate: string): string {
  const end = new Date(issuedAt);
  end.setUTCMonth(end.getUTCMonth() + validityMonths);
  const byPeriod = end.toISOString().slice(0, 10);
  return byPeriod < supportEndDate ? byPeriod : supportEndDate;
}

/** The UTC date (YYYY-MM-DD) of a moment, or of a date (or UTC timestamp) given as text. */
export function utcDay(now: Date | string): string {
  // A whole timestamp given as text would compare after its own day's date: only the date counts.
  return typeof now === 'string' ? now.slice(0, 10) : now.toISOString().slice(0, 10);
}

/**
 * The status the public sees now, from the status as stored. An active certification past its end
 * date is shown as expired at once, even before the sweep has recorded the expiry; a stored value
 * this code does not know is read the safe way, as revoked. `now` may be today's date (UTC, YYYY-MM-DD),
 * worked out once for a whole list.
 */
export function liveStatus(
  storedStatus: string,
  validUntilDate: string,
  now: Date | string,
): CertificationStatus {
  const status = isCertificationStatus(storedStatus) ? storedStatus : 'revoked';
  if (status === 'active' && validUntilDate < utcDay(now)) return 'expired';
  return status;
}

/**
 * The date that goes with the status a company sees: until when a live mark is valid, or since when it
 * is suspended, revoked or expired. A mark past its end date that the sweep has not yet recorded
 * expired on the day after its last valid day.
 */
export function statusDate(
  certification: { status: string; valid_until: string; updated_at: string },
  now: Date,
): string {
  const status = liveStatus(certification.status, certification.valid_until, now);
  if (status === 'active') return certification.valid_until;
  if (status === 'expired' && certification.status === 'active') {
    const dayAfter = Date.parse(`${certification.valid_until}T00:00:00Z`) + 86_400_000;
    return new Date(dayAfter).toISOString().slice(0, 10);
  }
  return certification.updated_at;
}

/**
 * What the company's product page offers for renewal: a live or lapsed mark can be renewed (a new
 * application on the newest criteria, prefilled from the certified one) unless an application of the
 * product is already open; suspended and revoked marks are not renewed, the company applies afresh.
 */
export function renewal(
  status: CertificationStatus,
  hasOpenApplication: boolean,
): 'available' | 'under-way' | 'unavailable' {
  if (status !== 'active' && status !== 'expired') return 'unavailable';
  return hasOpenApplication ? 'under-way' : 'available';
}

export type AdminAction = 'suspend' | 'reinstate' | 'revoke';

const adminMoves: Record<AdminAction, { from: readonly CertificationStatus[]; to: CertificationStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  // Revocation is final, from any state but itself.
  revoke: { from: ['active', 'suspended', 'expired'], to: 'revoked' },
};

export function adminMove(action: AdminAction): {
  from: readonly CertificationStatus[];
  to: CertificationStatus;
} {
  return adminMoves[action];
}

/**
 * The reminders due now and not yet sent, nearest first. The caller sends one mail (for the nearest)
 * and records them all, so a late sweep never sends "90 days left" after "30 days left".
 */
export function dueReminders(validUntilDate: string, now: Date, alreadySent: ReadonlySet<number>): number[] {
  const daysLeft = Math.ceil((Date.parse(`${validUntilDate}T00:00:00Z`) - now.getTime()) / 86_400_000);
  if (daysLeft < 0) return [];
  return reminderDays.filter((days) => daysLeft <= days && !alreadySent.has(days)).sort((a, b) => a - b);
}

/** The orders the registry can be listed in ("relevance" is kept for old links; it sorts by name). */
export const registrySorts = ['relevance', 'name', 'newest', 'valid-until', 'support-end'] as const;
export type RegistrySort = (typeof registrySorts)[number];

/**
 * How far a registry search counts: beyond this many matches it reports "more than" this number, as
 * counting (and paging through) every match of a broad word costs time in proportion to the registry.
 */
export const searchCountCap = 1000;

/** The last page a search may ask for: the pages that hold the first `searchCountCap` matches. */
export function lastSearchPage(pageSize: number): number {
  return Math.ceil(searchCountCap / pageSize);
}

/** The order a search lists in; "relevance" is the newest first when there are words, else by name. */
export function searchOrder(sort: RegistrySort, hasWords: boolean): Exclude<RegistrySort, 'relevance'> {
  if (sort === 'relevance') return hasWords ? 'newest' : 'name';
  return sort;
}

/**
 * How many pages of a search are listed: those holding its matches, but never more than the pages of the
 * first `searchCountCap` (even where the count is exact, as for the whole registry: a page further on would
 * have to read every match before it).
 */
export function listedPages(total: number, pageSize: number): number {
  return Math.max(1, Math.min(Math.ceil(total / pageSize), lastSearchPage(pageSize)));
}

/**
 * The time a change to a certification is recorded at (its `updated_at`): now, or just after the newest
 * change recorded, when the clock is behind it (another instance's clock ahead of this one's, or this one
 * set back). Change times then never go backwards, which two readers rely on: the registry's version (the
 * newest change time, which caches on every instance compare) and the API's `updatedSince`, with which a
 * client asks for what changed since the newest change it saw.
 */
export function changeTimeAfter(now: Date, latest: string | null | undefined): string {
  const at = now.toISOString();
  if (!latest || latest < at) return at;
  return new Date(Date.parse(latest) + 1).toISOString();
}
