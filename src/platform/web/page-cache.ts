import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';
import { acceptsGzip } from './compression';
import { hasSessionCookie } from './session';

interface Variant {
  /** Name, value, name, value…: as node:http's writeHead takes them without further work. */
  headers: string[];
  body: Buffer<ArrayBuffer>;
}

/** A rendered page as every visitor without a session gets it, plain and gzip-compressed. */
interface CachedPage {
  plain: Variant;
  gzipped: Variant;
  /** When it was rendered (ms since the epoch). */
  at: number;
  bytes: number;
  /** Kept until the site's stamp changes rather than for `freshnessMs` (see `until`). */
  stamp?: string | undefined;
}

export interface PageCacheOptions {
  /** How long a rendered page is served again, as rendered: a change made elsewhere shows after it. */
  freshnessMs?: number;
  maxEntries?: number;
  /** The plain and compressed bodies of all entries together. */
  maxBytes?: number;
  /**
   * The current stamp of what stamped pages are rendered from, if known without waiting (undefined
   * otherwise): a page kept with a stamp (`until`) is served while this returns the same one.
   */
  currentStamp?: () => string | undefined;
}

/** Longer addresses (a query string padded on purpose) are rendered but not kept: keys count towards memory. */
const maxKeyLength = 512;

/** Pages smaller than this go uncompressed, as the compression middleware sends them. */
const compressionThreshold = 1024;

/**
 * Public pages rendered once and served again, for half a second, to every visitor without a session cookie.
 *
 * A page opts in with `remember` on its route (`keep` wraps the app's middleware and does the storing),
 * which makes it the same for every such visitor: its
 * address (which carries the language) and the site's content decide it, and nothing per request (no
 * form token, no nonce, no signed-in header). Only a 200 answer without Set-Cookie to a GET without a
 * session is kept; `answerFresh` answers those visitors in front of the app, so no middleware, session
 * check or compression runs for them. Any change made through this instance (`invalidate`) drops every
 * entry at once, including a render still under way; changes made elsewhere show once an entry is
 * `freshnessMs` old (server.ts keeps the data pages are rendered from fresh enough for a second in all). The entries are bounded in number and bytes, oldest dropped first.
 */
export function createPageCache(options: PageCacheOptions = {}) {
  const freshnessMs = options.freshnessMs ?? 500;
  // Room for a thousand product pages (the demo product: 8 kB compressed, several times that plain) beside
  // the other pages: they are kept until they change.
  const maxEntries = options.maxEntries ?? 4000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, CachedPage>();
  let bytes = 0;
  let generation = 0;

  function drop(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  }

  function store(key: string, entry: CachedPage): void {
    drop(key);
    if (entry.bytes > maxBytes) return;
    entries.set(key, entry);
    bytes += entry.bytes;
    while (entries.size > maxEntries || bytes > maxBytes) drop(entries.keys().next().value ?? '');
  }

  function fresh(key: string): CachedPage | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.stamp !== undefined) return entry.stamp === options.currentStamp?.() ? entry : undefined;
    return Date.now() - entry.at <= freshnessMs ? entry : undefined;
  }

  // Requests whose route opted in; the answer is stored by `keep`, once every header is on it.
  const opted = new WeakSet<Request>();
  // Of those, the ones kept until the stamp they were rendered at changes.
  const stamps = new WeakMap<Request, string>();

  /** On a route: its page is the same for every visitor without a session, and may be kept. */
  const remember: MiddlewareHandler<AppEnv> = async (c, next) => {
    opted.add(c.req.raw);
    await next();
  };

  /**
   * Around the app's middleware (inside compression, outside the security headers and sessions): stores
   * an opted-in answer when every visitor without a session would get the same, and sends it on.
   */
  const keep: MiddlewareHandler<AppEnv> = async (c, next) => {
    const key = requestTarget(c.env);
    const renderedIn = generation;
    await next();
    const response = c.res;
    if (!opted.has(c.req.raw) || key === undefined || key.length > maxKeyLength) return;
    if (renderedIn !== generation) return;
    if (c.req.method !== 'GET' || c.get('user') || hasSessionCookie(c.req.header('cookie'))) return;
    if (response.status !== 200 || response.headers.has('set-cookie')) return;
    if (response.headers.has('content-encoding')) return;
    if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return;
    const entry = cachedPage(response.headers, Buffer.from(await response.arrayBuffer()));
    entry.stamp = stamps.get(c.req.raw);
    store(key, entry);
    const variant = acceptsGzip(c.req.header('accept-encoding')) ? entry.gzipped : entry.plain;
    c.res = new Response(variant.body, { status: 200, headers: headerPairs(variant.headers) });
  };

  return {
    remember,
    keep,

    /**
     * From a route that opted in with `remember`: this page was rendered from what `stamp` describes, read
     * before its data, and may be served until the stamp changes instead of for `freshnessMs`.
     */
    until(request: Request, stamp: string): void {
      stamps.set(request, stamp);
    },

    /** Drops every entry, and any render under way is not kept: something on the site changed. */
    invalidate(): void {
      generation++;
      entries.clear();
      bytes = 0;
    },

    /** The fast path in front of the app: answers a fresh page to a GET without a session. */
    answerFresh(request: IncomingMessage, response: ServerResponse): boolean {
      if (request.method !== 'GET' || hasSessionCookie(request.headers.cookie)) return false;
      const entry = fresh(request.url ?? '');
      if (!entry) return false;
      const variant = acceptsGzip(request.headers['accept-encoding']) ? entry.gzipped : entry.plain;
      response.writeHead(200, variant.headers);
      response.end(variant.body);
      return true;
    },

    /** How many pages are kept and their bytes (tests check the bounds). */
    size(): { entries: number; bytes: number } {
      return { entries: entries.size, bytes };
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;

/** The request line's target ("/en/products?q=lamp"), exactly as the fast path sees it. */
function requestTarget(env: unknown): string | undefined {
  const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.url;
}

function cachedPage(rendered: Headers, body: Buffer<ArrayBuffer>): CachedPage {
  const common: string[] = [];
  for (const [name, value] of rendered) {
    if (name !== 'content-length' && name !== 'vary') common.push(name, value);
  }
  const vary = rendered.get('vary');
  common.push('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  const plain = { headers: [...common, 'content-length', String(body.length)], body };
  const compressed = body.length < compressionThreshold ? body : gzipSync(body);
  const gzipped =
    compressed === body
      ? plain
      : {
          headers: [...common, 'content-encoding', 'gzip', 'content-length', String(compressed.length)],
          body: compressed,
        };
  return {
    plain,
    gzipped,
    at: Date.now(),
    bytes: body.length + (compressed === body ? 0 : compressed.length),
  };
}

function headerPairs(flat: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index < flat.length; index += 2) pairs.push([flat[index] ?? '', flat[index + 1] ?? '']);
  return pairs;
}
