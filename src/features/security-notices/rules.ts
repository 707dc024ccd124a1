/**
 * Live security information on certified products: which products may carry it, how severe a notice is,
 * and whether the promised security support has ended. Pure rules, no framework.
 */
import { liveStatus, utcDay } from '../registry/rules';

export const severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (severities as readonly string[]).includes(value);
}

/**
 * Notices and releases are public facts about a product in the registry: one with a live, suspended or
 * expired mark (people still own it and need to know). A revoked record is withdrawn, and a product
 * without a certification is not public at all, so neither can carry them.
 */
export function acceptsSecurityInformation(storedStatus: string, validUntil: string, now: Date): boolean {
  return liveStatus(storedStatus, validUntil, now) !== 'revoked';
}

/** The promised security support has ended once its last day is over (`now`: as for liveStatus). */
export function securityUpdatesEnded(supportEndDate: string, now: Date | string): boolean {
  return supportEndDate < utcDay(now);
}

/** Whole months from today to the end of support, 0 once it has ended or ends this month. */
export function supportMonthsLeft(supportEndDate: string, now: Date): number {
  const end = new Date(`${supportEndDate}T00:00:00Z`);
  if (Number.isNaN(end.getTime()) || securityUpdatesEnded(supportEndDate, now)) return 0;
  const months = (end.getUTCFullYear() - now.getUTCFullYear()) * 12 + end.getUTCMonth() - now.getUTCMonth();
  return Math.max(0, end.getUTCDate() < now.getUTCDate() ? months - 1 : months);
}

/** Newest first by the stated date, then by when they were entered: the order the page, feed and API use. */
export function newestFirst<T extends { date: string; createdAt: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) =>
    a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date),
  );
}
