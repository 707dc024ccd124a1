/** Figures for the people who run the program: plain arithmetic over durations, no framework. */

/** The nearest-rank percentile (p in 0..100) of a list of numbers; undefined for an empty list. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface DurationSummary {
  count: number;
  medianHours: number | undefined;
  p90Hours: number | undefined;
}

/** Median and 90th percentile, in hours, of the time between pairs of ISO timestamps. */
export function summariseDurations(pairs: readonly { from: string; to: string }[]): DurationSummary {
  const hours = pairs.map((pair) => (Date.parse(pair.to) - Date.parse(pair.from)) / 3_600_000);
  return { count: hours.length, medianHours: percentile(hours, 50), p90Hours: percentile(hours, 90) };
}

/** How many items fall under each key, in the order the keys are given (missing ones count 0). */
export function countBy<T>(items: readonly T[], keyOf: (item: T) => string, keys: readonly string[]) {
  const counts = new Map(keys.map((key) => [key, 0]));
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({ key, count }));
}

/** The last `months` calendar months (UTC) up to `now`, oldest first, as YYYY-MM. */
export function recentMonths(now: Date, months: number): string[] {
  const result: string[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    result.push(month.toISOString().slice(0, 7));
  }
  return result;
}

/** Events per month over the recent months; earlier events are not counted. */
export function perMonth(timestamps: readonly string[], now: Date, months = 12) {
  const window = recentMonths(now, months);
  return countBy(
    timestamps.filter((timestamp) => timestamp.slice(0, 7) >= (window[0] ?? '')),
    (timestamp) => timestamp.slice(0, 7),
    window,
  ).filter((entry) => window.includes(entry.key));
}

/**
 * The dimensions in which a certified product fulfils every criterion (met, or not applicable where
 * that is allowed and was accepted): a simple measure of where certified products go beyond the minimum.
 */
export function fulfilledDimensions(
  criteria: readonly { id: string; dimension: string }[],
  answers: ReadonlyMap<string, string | null>,
): Set<string> {
  const fulfilled = new Set(criteria.map((criterion) => criterion.dimension));
  for (const criterion of criteria) {
    const status = answers.get(criterion.id);
    if (status !== 'met' && status !== 'not-applicable') fulfilled.delete(criterion.dimension);
  }
  return fulfilled;
}
