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
