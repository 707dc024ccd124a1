import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { acceptsGzip } from '../../platform/web/compression';
import type { AppEnv } from '../../platform/web/env';
import {
  clientAddressOf,
  clientAddressOfRequest,
  publicReadKey,
  type RateLimit,
} from '../../platform/web/rate-limits';
import type { Hit, RateLimitCounters } from '../../platform/web/rate-limit-counters';
import type { SearchCache } from './search-cache';
import type { SearchResult } from './store';

/** The API's search address; only it, exactly, is answered in front of the app. */
const searchPath = '/api/v1/products';
/** The longest request target kept (as the page cache keeps): a longer one is answered by the app each time. */
const maxKeptTarget = 512;
/** The longest X-Forwarded-For whose count key is remembered: a chain of a few proxies' addresses. */
const maxRememberedForwarded = 200;
/** The scope the API's reads are counted in (api.ts passes it to `limitPublicReads`). */
export const apiRateLimitScope = 'api';

interface Variant {
  /**
   * Name, value, name, value…, as the app sent them, without Date, and the body's Content-Length last:
   * the head node:http is given for every answer of this variant (see `send`).
   */
  headers: string[];
  /** Where the RateLimit header's value sits in `headers`: it is the one value made per request. */
  rateLimitAt: number;
  body: Buffer;
}

interface Answer {
  result: SearchResult;
  /** The day its statuses were worked out for ("expired" turns by date). */
  day: string;
  gzip?: Variant;
  plain?: Variant;
}

/** The app's rendered answer to one request, left by the route for `keep`. */
interface Rendered {
  result: SearchResult;
  day: string;
  json: string;
  /** Its gzip, made on the first call (a client that names no encoding never needs it). */
  gzipped: () => Buffer;
}

/**
 * Repeated registry searches through the open data API, answered from node:http in front of the app.
 *
 * `keep` (outside all of the app's middleware) stores the app's 200 answer to a search with every header
 * on it, keyed by the request target exactly as received, so the query is parsed and validated by the route
 * alone: a target never answered 200 is never answered here. `answer` sends a stored answer again while its
 * search result is current (the search cache's version check, `isCurrent`) and was rendered today, counting
 * the request in the API's rate limit store under the same key as the app; a client at its limit, or any
 * other doubt, goes on to the app, which gives the usual answer (429 included). With counters in the
 * database the count is a round trip: the request is answered (or passed on) when it comes back.
 */
export function createApiFastPath(options: {
  search: SearchCache;
  limit: RateLimit;
  /** The rate limit counters the app's API limiter counts in. */
  counters: RateLimitCounters;
  trustedHops: number;
  now: () => Date;
  maxEntries?: number;
  /** The bodies of all entries together (the JSON of a page of 50 is some 30 kB). */
  maxBytes?: number;
}) {
  const { search, limit, counters, trustedHops, now } = options;
  const maxEntries = options.maxEntries ?? 2000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const answers = new Map<string, Answer>();
  let bytes = 0;
  const sizeOf = (entry: Answer) => (entry.gzip?.body.length ?? 0) + (entry.plain?.body.length ?? 0);
  const drop = (target: string) => {
    const entry = answers.get(target);
    if (entry) bytes -= sizeOf(entry);
    answers.delete(target);
  };
  const rendered = new WeakMap<Request, Rendered>();
  const policy = `${limit.limit};w=${Math.ceil(limit.windowMs / 1000)}`;

  const keep: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    const target = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.url;
    const made = rendered.get(c.req.raw);
    const encoding = variantFor(c.req.header('accept-encoding'));
    if (!made || !target || !encoding || c.req.method !== 'GET' || c.req.path !== searchPath) return;
    // Kept by its address, which the entry holds besides its bodies: a long one (unknown parameters
    // padded out) is answered by the app each time rather than filling the cache with addresses.
    if (target.length > maxKeptTarget) return;
    if (c.res.status !== 200 || c.res.headers.get('ratelimit-policy') !== policy) return;
    const headers: string[] = [];
    for (const [name, value] of c.res.headers) {
      if (name !== 'date' && name !== 'content-length') headers.push(name, value);
    }
    const body = encoding === 'gzip' ? made.gzipped() : Buffer.from(made.json);
    headers.push('content-length', String(body.length));
    const variant = { headers, rateLimitAt: headers.indexOf('ratelimit') + 1, body };
    const previous = answers.get(target);
    const entry: Answer =
      previous?.result === made.result && previous.day === made.day
        ? previous
        : { result: made.result, day: made.day };
    drop(target);
    entry[encoding] = variant;
    answers.set(target, entry);
    bytes += sizeOf(entry);
    while (answers.size > maxEntries || bytes > maxBytes) drop(answers.keys().next().value ?? '');
  };

  /** Sends the kept answer with this client's count, or leaves a client over its limit to the app. */
  const send = (
    variant: Variant,
    response: ServerResponse,
    hit: Hit,
    passOn: () => void,
    sent?: () => void,
  ) => {
    // Over the limit the app counts the request again and refuses it, with its own 429.
    if (hit.hits > limit.limit) return passOn();
    const reset = Math.max(0, Math.ceil((hit.resetAt - Date.now()) / 1000));
    // The variant's own list, its one changing value set just before writeHead, which reads the list
    // into the head it makes before it returns: no copy of some forty strings per answer.
    variant.headers[variant.rateLimitAt] =
      `${rateLimitPrefix}${Math.max(limit.limit - hit.hits, 0)}, reset=${reset}`;
    response.writeHead(200, variant.headers);
    response.end(variant.body);
    sent?.();
  };
  const rateLimitPrefix = `limit=${limit.limit}, remaining=`;

  /**
   * The key a request is counted under, as the app's limiter makes it (`publicReadKey` of `clientAddressOf`),
   * remembered per peer and X-Forwarded-For: working it out again takes from 0.1 µs (an IPv4 peer) to 5 µs
   * (an IPv4-mapped IPv6 one), as much as the rest of the answer. Cleared whole when full.
   */
  const countKeys = new Map<string, string>();
  const countKeyOf = (request: IncomingMessage): string => {
    const peer = request.socket.remoteAddress ?? 'unknown';
    const header = request.headers['x-forwarded-for'];
    // Without trusted proxies the header is not read at all, so it is not part of what is remembered.
    const forwarded = trustedHops === 0 ? undefined : Array.isArray(header) ? header.join(',') : header;
    // A header longer than proxies write (a client's own, some kilobytes of it) is worked out each time:
    // remembered, each would hold its kilobytes until the map is cleared.
    if (forwarded !== undefined && forwarded.length > maxRememberedForwarded)
      return publicReadKey(apiRateLimitScope, clientAddressOfRequest(request, trustedHops));
    const memo = forwarded === undefined ? peer : `${peer} ${forwarded}`;
    let key = countKeys.get(memo);
    if (key === undefined) {
      key = publicReadKey(apiRateLimitScope, clientAddressOf(peer, forwarded, trustedHops));
      if (countKeys.size >= 10_000) countKeys.clear();
      countKeys.set(memo, key);
    }
    return key;
  };

  /** Today (UTC) for `now()`, made again only when the day turns: toISOString costs a microsecond. */
  let today = { day: '', from: 0, until: 0 };
  const dayOf = (time: number): string => {
    if (time < today.from || time >= today.until) {
      const from = time - (time % 86_400_000);
      today = { day: new Date(from).toISOString().slice(0, 10), from, until: from + 86_400_000 };
    }
    return today.day;
  };

  return {
    keep,

    /** How many clients' count keys are remembered (bounded: see countKeyOf). */
    get rememberedCountKeys(): number {
      return countKeys.size;
    },

    /** From the route: this request's answer is the rendered search result (for `keep`). */
    rendered(request: Request, made: Rendered): void {
      rendered.set(request, made);
    },

    /**
     * Answers a repeated search whose result is current; false leaves the request to the app, and so does
     * `passOn` when the client turns out to be over its limit. `sent` is told once the answer is written.
     */
    answer(
      request: IncomingMessage,
      response: ServerResponse,
      passOn: () => void,
      sent?: () => void,
    ): boolean {
      if (request.method !== 'GET' || !request.url?.startsWith(searchPath)) return false;
      const entry = answers.get(request.url);
      const encoding = variantFor(request.headers['accept-encoding']);
      const variant = entry && encoding ? entry[encoding] : undefined;
      if (!entry || !variant || variant.rateLimitAt === 0) return false;
      if (!search.isCurrent(entry.result) || entry.day !== dayOf(now().getTime())) return false;
      const hit = counters.hit(countKeyOf(request), limit.windowMs, { limit: limit.limit });
      // Counted in the database, the answer waits for the count; should counting fail (the database away),
      // the app answers, and reports it, as it would without this path.
      if (hit instanceof Promise)
        hit
          .then((counted) => send(variant, response, counted, passOn, sent), passOn)
          .catch(() => response.destroy());
      else send(variant, response, hit, passOn, sent);
      return true;
    },
  };
}

export type ApiFastPath = ReturnType<typeof createApiFastPath>;

/** The two answers the route gives: gzip to a client that takes it, plain to one that names no encoding. */
function variantFor(header: string | string[] | undefined): 'gzip' | 'plain' | undefined {
  if (header === undefined) return 'plain';
  return acceptsGzip(header) ? 'gzip' : undefined;
}
