import { sql, type Kysely } from 'kysely';
import type { Store } from 'hono-rate-limiter';
import type { Database } from '../db/schema';
import type { AppEnv } from './env';

/** One counted hit: how many the key has in its window (this one included) and when the window ends. */
export interface Hit {
  hits: number;
  /** Ms since the epoch. */
  resetAt: number;
  /** False only for a capped hit that was refused (and so not counted). */
  admitted: boolean;
}

/**
 * Hits per key in fixed windows, each starting with its key's first hit and never extended. In memory
 * (one instance: nothing to share, and nothing to wait for) or in the database, where every instance
 * counts in the same rows. Memory answers at once; the database with a promise.
 */
export interface RateLimitCounters {
  /** Whether instances share the counts (for the store's `localKeys` and the README's claim). */
  readonly shared: boolean;
  /**
   * Counts a hit under `key`. With `cap`, the hit is counted only while fewer than `cap` were counted
   * in the window, and `admitted` says whether it was: the check and the count are one step. With
   * `limit` (busy public reads), the database counters may reserve places ahead (see there).
   */
  hit(key: string, windowMs: number, options?: { cap?: number; limit?: number }): Hit | Promise<Hit>;
  /** Takes back one hit of the current window (an attempt that turned out not to count). */
  forgive(key: string): void | Promise<void>;
  /** Forgets windows that have ended; returns how many. */
  forgetExpired(): Promise<number>;
}

export function createMemoryCounters(now: () => number = Date.now): RateLimitCounters {
  const windows = new Map<string, { hits: number; resetAt: number }>();
  let hitsSinceSweep = 0;
  const forgetExpired = () => {
    const time = now();
    let forgotten = 0;
    for (const [key, window] of windows) {
      if (window.resetAt <= time && windows.delete(key)) forgotten++;
    }
    return forgotten;
  };
  return {
    shared: false,
    hit(key, windowMs, { cap } = {}) {
      // Windows differ per key, so expired ones are swept now and then rather than kept in order.
      if (++hitsSinceSweep >= 10_000) {
        hitsSinceSweep = 0;
        forgetExpired();
      }
      const time = now();
      let window = windows.get(key);
      if (!window || window.resetAt <= time) {
        window = { hits: 0, resetAt: time + windowMs };
        windows.set(key, window);
      }
      if (cap !== undefined && window.hits >= cap)
        return { hits: window.hits, resetAt: window.resetAt, admitted: false };
      window.hits += 1;
      return { hits: window.hits, resetAt: window.resetAt, admitted: true };
    },
    forgive(key) {
      const window = windows.get(key);
      if (window && window.hits > 0 && window.resetAt > now()) window.hits -= 1;
    },
    forgetExpired: async () => forgetExpired(),
  };
}

interface Waiting {
  resolve(hit: Hit): void;
  reject(error: unknown): void;
}

/**
 * Counters in the `rate_limit_counter` table, one atomic upsert per hit (INSERT … ON CONFLICT DO UPDATE …
 * RETURNING, on both databases). Hits of one key that arrive in one turn of the event loop, or while its
 * previous upsert is under way, are sent together as one upsert adding their number, and each is told its
 * own place in the count, so a burst from one client costs one round trip per batch, not per request.
 *
 * Given the limit (the open data API, whose repeated searches are answered in a few dozen microseconds),
 * an upsert also reserves places ahead for this instance — a sixteenth of what the client has left, at
 * most 64 — which its next hits take without a round trip. The count stays one count: the instances
 * together never admit more than the limit; places reserved by one instance and not used in the window
 * can only make another refuse a little early (by at most a sixteenth of what was left). Without a limit
 * (sign-in, second factor, forms) nothing is reserved and every hit is counted where it happens.
 */
export function createDatabaseCounters(
  db: Kysely<Database>,
  now: () => number = Date.now,
): RateLimitCounters {
  const waiting = new Map<string, { windowMs: number; limit?: number; hits: Waiting[] }>();
  const maxReservations = 10_000;
  /** Places in a key's window this instance has reserved and not yet given out. */
  const reserved = new Map<string, { next: number; last: number; resetAt: number }>();
  /** A reserved place, if one is left in a window still open. */
  const takeReserved = (key: string): Hit | undefined => {
    const block = reserved.get(key);
    if (!block || block.next > block.last || block.resetAt <= now()) return undefined;
    return { hits: block.next++, resetAt: block.resetAt, admitted: true };
  };
  const aheadFor = (key: string, limit: number | undefined): number => {
    if (limit === undefined) return 0;
    const block = reserved.get(key);
    const known = block && block.resetAt > now() ? block.last : 0;
    return Math.min(64, Math.max(0, Math.floor((limit - known) / 16)));
  };
  const busy = new Set<string>();
  const scheduled = new Set<string>();

  const upsert = async (key: string, count: number, windowMs: number, cap?: number) => {
    const time = now();
    const expired = sql<boolean>`rate_limit_counter.resets_at <= ${time}`;
    const row = await db
      .insertInto('rate_limit_counter')
      .values({ key, hits: count, resets_at: time + windowMs })
      .onConflict((conflict) => {
        const update = conflict.column('key').doUpdateSet({
          hits: sql`case when ${expired} then excluded.hits else rate_limit_counter.hits + excluded.hits end`,
          resets_at: sql`case when ${expired} then excluded.resets_at else rate_limit_counter.resets_at end`,
        });
        // A capped hit changes nothing once the window is full: no row comes back, so it was refused.
        return cap === undefined
          ? update
          : update.where(sql<boolean>`${expired} or rate_limit_counter.hits < ${cap}`);
      })
      .returning(['hits', 'resets_at'])
      .executeTakeFirst();
    return row ? { hits: Number(row.hits), resetAt: Number(row.resets_at) } : undefined;
  };

  const send = (key: string): void => {
    const batch = waiting.get(key);
    if (!batch) return;
    waiting.delete(key);
    // Places reserved earlier go first; only what they do not cover costs a round trip.
    let unserved = batch.hits;
    for (let place = takeReserved(key); place && unserved.length > 0; place = takeReserved(key)) {
      unserved[0]?.resolve(place);
      unserved = unserved.slice(1);
    }
    if (unserved.length === 0) return;
    busy.add(key);
    const count = unserved.length;
    const ahead = aheadFor(key, batch.limit);
    upsert(key, count + ahead, batch.windowMs)
      .then(
        (counted) => {
          const { hits, resetAt } = counted ?? { hits: count + ahead, resetAt: now() + batch.windowMs };
          const first = hits - (count + ahead) + 1;
          unserved.forEach((hit, index) => hit.resolve({ hits: first + index, resetAt, admitted: true }));
          reserved.delete(key);
          if (ahead > 0) reserved.set(key, { next: first + count, last: hits, resetAt });
          // Bounded like every cache here: the oldest reservation goes first (its places are simply unused).
          if (reserved.size > maxReservations) reserved.delete(reserved.keys().next().value ?? '');
        },
        (error: unknown) => unserved.forEach((hit) => hit.reject(error)),
      )
      .finally(() => {
        busy.delete(key);
        send(key);
      });
  };

  return {
    shared: true,
    hit(key, windowMs, { cap, limit } = {}) {
      if (cap !== undefined) {
        return upsert(key, 1, windowMs, cap).then(async (counted) => {
          if (counted) return { ...counted, admitted: true };
          const row = await db
            .selectFrom('rate_limit_counter')
            .select(['hits', 'resets_at'])
            .where('key', '=', key)
            .executeTakeFirst();
          return {
            hits: Number(row?.hits ?? cap),
            resetAt: Number(row?.resets_at ?? now()),
            admitted: false,
          };
        });
      }
      const place = busy.has(key) || waiting.has(key) ? undefined : takeReserved(key);
      if (place) return place;
      return new Promise<Hit>((resolve, reject) => {
        const batch = waiting.get(key);
        if (batch) batch.hits.push({ resolve, reject });
        else waiting.set(key, { windowMs, limit, hits: [{ resolve, reject }] });
        if (busy.has(key) || scheduled.has(key)) return;
        // Sent once this turn of the event loop is over, with every hit of the key that arrived in it.
        scheduled.add(key);
        setImmediate(() => {
          scheduled.delete(key);
          if (!busy.has(key)) send(key);
        });
      });
    },
    async forgive(key) {
      await db
        .updateTable('rate_limit_counter')
        .set({ hits: sql`hits - 1` })
        .where('key', '=', key)
        .where('hits', '>', 0)
        .where('resets_at', '>', now())
        .execute();
    },
    async forgetExpired() {
      for (const [key, block] of reserved) if (block.resetAt <= now()) reserved.delete(key);
      const result = await db
        .deleteFrom('rate_limit_counter')
        .where('resets_at', '<=', now())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** `hono-rate-limiter`'s store over the counters, for one limit's window. */
export function counterStore(
  counters: RateLimitCounters,
  windowMs: number,
  /** Given for busy public reads, whose counts may be reserved ahead (createDatabaseCounters). */
  limit?: number,
): Store<AppEnv> {
  const asInfo = (hit: Hit) => ({ totalHits: hit.hits, resetTime: new Date(hit.resetAt) });
  return {
    localKeys: !counters.shared,
    increment(key) {
      const hit = counters.hit(key, windowMs, { limit });
      return hit instanceof Promise ? hit.then(asInfo) : asInfo(hit);
    },
    decrement: (key) => counters.forgive(key),
    // Nothing resets a key early; the window ends by itself.
    resetKey: () => {},
  };
}
