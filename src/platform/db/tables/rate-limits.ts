/** Rate limit counters shared by the instances. Part of the `Database` of schema.ts. */

/** Hits of one key (a client address or an account, with its limit's name) in its current window. */
export interface RateLimitCounterTable {
  key: string;
  hits: number;
  /** When the window ends, in ms since the epoch (PostgreSQL's bigint comes back as a string). */
  resets_at: number | string;
}
