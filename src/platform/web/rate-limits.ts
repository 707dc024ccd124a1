import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { rateLimiter } from 'hono-rate-limiter';
import { counterStore, type RateLimitCounters } from './rate-limit-counters';
import type { AppEnv } from './env';
import { renderError } from './views/error-page';

export interface RateLimit {
  windowMs: number;
  limit: number;
}

/** Attempts per client address; generous for people, tight for scripts guessing passwords. */
export const defaultRateLimits = {
  signIn: { windowMs: 15 * 60 * 1000, limit: 30 },
  signUp: { windowMs: 60 * 60 * 1000, limit: 20 },
  passwordReset: { windowMs: 60 * 60 * 1000, limit: 10 },
  contact: { windowMs: 60 * 60 * 1000, limit: 10 },
  concerns: { windowMs: 60 * 60 * 1000, limit: 5 },
  // The open data API: plenty for a person or a polite crawler; bulk users take the export instead.
  api: { windowMs: 60 * 1000, limit: 300 },
  // Failed attempts per account, from any number of addresses: a wrong password per email address,
  // a wrong code per user. Six digits leave a guesser of five codes a quarter of an hour little hope.
  accountSignIn: { windowMs: 15 * 60 * 1000, limit: 10 },
  accountSecondFactor: { windowMs: 15 * 60 * 1000, limit: 5 },
} satisfies Record<string, RateLimit>;

export type RateLimits = Record<keyof typeof defaultRateLimits, RateLimit>;

/**
 * The client's address. Without trusted proxies, the socket's peer. Behind `trustedHops` proxies, each
 * of which appends the address it was connected from to `X-Forwarded-For`, the entry the outermost
 * trusted proxy appended (the `trustedHops`-th from the right): everything left of it came from the
 * client and may be invented. As Express' `trust proxy` with a number of hops does. Proxies may add
 * a port (`1.2.3.4:5678`, `[2001:db8::1]:443`), which is dropped; the address is normalised
 * (`normaliseAddress`), so one client never passes for several.
 */
export function clientAddress(c: Context, trustedHops: number): string {
  return clientAddressOf(socketAddress(c), c.req.header('x-forwarded-for'), trustedHops);
}

/** `clientAddress` of a request as node:http gives it (the answers made in front of the app). */
export function clientAddressOfRequest(request: IncomingMessage, trustedHops: number): string {
  const forwarded = request.headers['x-forwarded-for'];
  return clientAddressOf(
    request.socket.remoteAddress ?? 'unknown',
    Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    trustedHops,
  );
}

/** `clientAddress` from the socket's peer and the X-Forwarded-For header (for answers made before the app). */
export function clientAddressOf(socketPeer: string, forwardedFor: string | undefined, trustedHops: number) {
  const peer = normaliseAddress(socketPeer) ?? 'unknown';
  if (trustedHops === 0) return peer;
  const forwarded = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // The peer is the nearest proxy; counting it, the client is `trustedHops` addresses to the left.
  const chain = [...forwarded, peer];
  const chosen = chain[Math.max(0, chain.length - 1 - trustedHops)] ?? peer;
  return normaliseAddress(withoutPort(chosen)) ?? peer;
}

/** `1.2.3.4:5678` → `1.2.3.4`, `[2001:db8::1]:443` and `[2001:db8::1]` → `2001:db8::1`; others as they are. */
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry)?.[1];
  if (bracketed) return bracketed;
  return /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(entry)?.[1] ?? entry;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail included), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  let text = address.toLowerCase();
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, ipv4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** RFC 5952 text of eight groups: lower case, no leading zeros, the longest run of zeros as `::`. */
function formatIpv6(groups: readonly number[]): string {
  let best = { start: -1, length: 1 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > best.length) best = { start, length };
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/**
 * One spelling per address: an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) as its IPv4 address, IPv6 in
 * RFC 5952 form (so `2001:DB8::1` and `2001:db8:0::1` are the same client). Undefined for no address.
 */
export function normaliseAddress(address: string): string | undefined {
  const unzoned = address.split('%')[0] ?? '';
  if (isIP(unzoned) === 4) return unzoned;
  const groups = ipv6Groups(unzoned);
  if (!groups) return undefined;
  const [high = 0, low = 0] = groups.slice(6);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return formatIpv6(groups);
}

/**
 * The bucket a client's requests are counted in. An IPv6 client commonly holds a whole /64 (a home or a
 * server gets one), so IPv6 addresses count by their /64 prefix; otherwise every address of it would
 * be a fresh allowance. IPv4 addresses count alone.
 */
export function rateLimitKey(address: string): string {
  const groups = ipv6Groups(address);
  return groups ? `${formatIpv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64` : address;
}

/** The key a client's public reads are counted under in `scope` (shared with answers made before the app). */
export function publicReadKey(scope: string, address: string): string {
  return `${scope}:${rateLimitKey(address)}`;
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Counts failed attempts per account (not per address, so rotating addresses does not help a
 * guesser) and refuses further attempts once `rule.limit` failed within a window. Each admitted attempt
 * counts until it is forgiven for succeeding, so a burst of parallel guesses cannot slip past the limit
 * while the first are still being checked. The window starts with the first attempt and is never
 * extended, so a throttled account opens again for its owner after `rule.windowMs` at the latest.
 * Counted in the given counters: in the database, every instance counts the same attempts.
 */
export class AccountThrottle {
  constructor(
    private readonly counters: RateLimitCounters,
    private readonly name: string,
    readonly rule: RateLimit,
  ) {}

  /** False when the account is throttled; otherwise the attempt counts as failed until forgiven. */
  async admit(account: string): Promise<boolean> {
    const cap = this.rule.limit;
    return (await this.counters.hit(this.keyOf(account), this.rule.windowMs, { cap })).admitted;
  }

  /** The admitted attempt succeeded (or failed for a reason that is no guess), so it does not count. */
  async forgive(account: string): Promise<void> {
    await this.counters.forgive(this.keyOf(account));
  }

  private keyOf(account: string): string {
    return `${this.name}:${account}`;
  }
}

/** Limits only form submissions (POST); showing the form again is always allowed. */
export function limitSubmissions(
  name: string,
  rule: RateLimit,
  trustedHops: number,
  counters: RateLimitCounters,
): MiddlewareHandler<AppEnv> {
  const limiter = rateLimiter<AppEnv>({
    windowMs: rule.windowMs,
    limit: rule.limit,
    standardHeaders: 'draft-7',
    store: counterStore(counters, rule.windowMs),
    // Per route pattern as well (the password step and the second factor each have their own count), and
    // the same on every instance, which count in the same counters.
    keyGenerator: (c) => `${name}:${routePath(c)}:${rateLimitKey(clientAddress(c, trustedHops))}`,
    handler: (c) => renderError(c, 429, c.get('m').errors.title, c.get('m').errors.rateLimited),
  });
  return async (c, next) => (c.req.method === 'POST' ? limiter(c, next) : next());
}

/**
 * The limit of the public read-only endpoints (open data API, transparency log): standard RateLimit
 * headers and a JSON 429, counted per client under `scope` (the open data API's fast path counts under
 * the same key in the same counters).
 */
export function limitPublicReads(
  limit: RateLimit,
  scope: string,
  trustedHops: number,
  counters: RateLimitCounters,
): MiddlewareHandler<AppEnv> {
  return rateLimiter<AppEnv>({
    windowMs: limit.windowMs,
    limit: limit.limit,
    standardHeaders: 'draft-7',
    store: counterStore(counters, limit.windowMs, limit.limit),
    keyGenerator: (c) => publicReadKey(scope, clientAddress(c, trustedHops)),
    handler: (c) =>
      c.json({ error: 'Too many requests', message: 'Please slow down and try again in a minute.' }, 429),
  });
}
