import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { decideAccess, type AccessPolicy, type Principal } from '../auth/access';
import { isLocale, messagesFor, negotiateLocale, type Messages } from '../i18n';
import type { AppEnv } from './env';
import { renderError } from './views/error-page';

export interface RouteEntry {
  method: 'GET' | 'POST';
  path: string;
  policy: AccessPolicy;
  /** The largest request body a POST route reads; a larger one is refused with 413. */
  maxBodyBytes?: number;
}

/** How much of a request body a route reads at most, and what it says beyond that. */
export interface BodyLimit {
  maxBytes: number;
  /** The sentence of the 413 answer; by default one naming the limit. */
  message?: (m: Messages) => string;
}

/** Every POST route's limit unless it declares another: an ordinary form is a few short text fields. */
export const formBodyLimit: BodyLimit = { maxBytes: 64 * 1024 };

/**
 * The limit of a form whose text fields together allow `characters`: each character may arrive as up to
 * nine bytes (a three-byte UTF-8 character, percent-encoded), plus room for the form's short fields.
 */
export function textFormLimit(characters: number): BodyLimit {
  return { maxBytes: Math.max(formBodyLimit.maxBytes, characters * 9 + 16 * 1024) };
}

export type AppHandler = Handler<AppEnv>;

/**
 * Registers routes together with their access policy, so that no route can exist without one.
 * The authorization-matrix test reads `entries` and walks every route with every role.
 */
export class RouteRegistry {
  readonly entries: RouteEntry[] = [];

  constructor(private readonly app: Hono<AppEnv>) {}

  get(path: string, policy: AccessPolicy, ...handlers: AppHandler[]): this {
    return this.add('GET', path, policy, handlers);
  }

  /**
   * A POST route reads at most `formBodyLimit` unless a larger limit is declared first; a body beyond
   * it is refused before it is buffered, whether or not it announces its length.
   */
  post(path: string, policy: AccessPolicy, ...handlers: AppHandler[]): this;
  post(path: string, policy: AccessPolicy, limit: BodyLimit, ...handlers: AppHandler[]): this;
  post(path: string, policy: AccessPolicy, ...rest: (BodyLimit | AppHandler)[]): this {
    const [first, ...others] = rest;
    const declared = first !== undefined && typeof first !== 'function';
    const limit = declared ? first : formBodyLimit;
    const handlers = (declared ? others : rest) as AppHandler[];
    return this.add('POST', path, policy, [limitBody(limit), ...handlers], limit.maxBytes);
  }

  /**
   * Whether `path` lacks only its language to be a page's address: "/products/x" for
   * "/:locale/products/:certificationId". Addresses that never take a language (the API, the log, badges,
   * credentials, feeds, assets, health checks) never qualify, whatever follows them.
   */
  isPageWithoutLocale(path: string): boolean {
    // The path is decoded: a control character (%0a, %00, …) would have to go into the Location header,
    // which no header value may carry, and is part of no page's address anyway.
    if ([...path].some((character) => isControlCharacter(character))) return false;
    // Read at the first request, when every route is registered.
    this.pages ??= { unlocalised: this.unlocalisedSegments(), patterns: this.localisedPatterns() };
    const first = path.split('/')[1] ?? '';
    if (isLocale(first) || this.pages.unlocalised.has(first)) return false;
    return this.pages.patterns.some((pattern) => pattern.test(path));
  }

  private pages: { unlocalised: Set<string>; patterns: RegExp[] } | undefined;

  private unlocalisedSegments(): Set<string> {
    const unlocalised = this.entries.filter((entry) => !entry.path.startsWith('/:locale'));
    return new Set(['assets', ...unlocalised.map((entry) => entry.path.split('/')[1] ?? '')]);
  }

  private localisedPatterns(): RegExp[] {
    return this.entries
      .filter((entry) => entry.method === 'GET' && entry.path.startsWith('/:locale/'))
      .map((entry) => {
        const segments = entry.path.slice('/:locale/'.length).split('/');
        // A parameter stands for one whole, non-empty segment; everything else must match as written.
        const parts = segments.map((segment) =>
          segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        );
        return new RegExp(`^/${parts.join('/')}$`);
      });
  }

  /** Mounts a sub-application of public, read-only routes (the open data API) and records them. */
  mountPublic(prefix: string, subApp: Hono<AppEnv>, paths: readonly string[]): this {
    for (const path of paths) this.entries.push({ method: 'GET', path, policy: 'public' });
    this.app.route(prefix, subApp);
    return this;
  }

  private add(
    method: RouteEntry['method'],
    path: string,
    policy: AccessPolicy,
    handlers: AppHandler[],
    maxBodyBytes?: number,
  ): this {
    this.entries.push({ method, path, policy, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
    const checks = path.startsWith('/:locale')
      ? [requireKnownLocale, requireAccess(policy)]
      : [requireAccess(policy)];
    const guarded = [...checks, ...handlers] as [MiddlewareHandler<AppEnv>, ...AppHandler[]];
    if (method === 'GET') this.app.get(path, ...guarded);
    else this.app.post(path, ...guarded);
    return this;
  }
}

/** "/fr/contact" is not a page: only supported locales may fill the :locale segment. */
const requireKnownLocale: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isLocale(c.req.param('locale'))) return c.notFound();
  return next();
};

export function principalOf(c: Context<AppEnv>): Principal | null {
  const user = c.get('user');
  return user ? { userId: user.id, role: user.role, twoFactorEnabled: user.twoFactorEnabled } : null;
}

/** The signed-in user as a use case's access decision sees them; only for routes whose policy signs in. */
export function signedInPrincipal(c: Context<AppEnv>): Principal {
  const principal = principalOf(c);
  if (!principal) throw new Error('signedInPrincipal on a route that does not require signing in');
  return principal;
}

/** Refuses a body beyond `limit` with 413: a page in the visitor's language, or JSON under /api. */
function limitBody(limit: BodyLimit): MiddlewareHandler<AppEnv> {
  const tooLarge = (ctx: Context<AppEnv>) => {
    const m = ctx.get('m') ?? messagesFor(negotiateLocale(ctx.req.header('accept-language')));
    const message = limit.message?.(m) ?? m.errors.bodyTooLarge(formatBytes(limit.maxBytes));
    // The rest of the body is not read: the connection ends with the answer.
    ctx.header('Connection', 'close');
    if (ctx.req.path.startsWith('/api/')) return ctx.json({ error: 'Payload too large', message }, 413);
    return renderError(ctx, 413, m.errors.bodyTooLargeTitle, message);
  };
  const counting = bodyLimit({ maxSize: limit.maxBytes, onError: (c) => tooLarge(c as Context<AppEnv>) });
  return (c, next) => {
    // A body that states its length is judged by it, as hono's bodyLimit judges it, but without first
    // turning the request into a web stream (which cost an autosave more than its form took to read).
    // One sent in chunks is counted as it arrives.
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counting(c, next);
    return parseInt(length, 10) > limit.maxBytes ? Promise.resolve(tooLarge(c)) : next();
  };
}

/** A byte count as people read it: "64 KB", "10 MB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.floor(bytes / 1024)} KB`;
}

/** The access decision for this request's user (or visitor) under `policy`. */
export function accessFor(c: Context<AppEnv>, policy: AccessPolicy) {
  return decideAccess(policy, principalOf(c));
}

function requireAccess(policy: AccessPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const decision = accessFor(c, policy);
    if (decision.allowed) return next();
    return refuse(c, decision.reason);
  };
}

function refuse(c: Context<AppEnv>, reason: 'sign-in-required' | 'two-factor-required' | 'forbidden') {
  const locale = c.get('locale');
  const m = c.get('m');
  if (reason === 'sign-in-required') {
    if (c.req.method === 'GET') {
      const next = new URL(c.req.url).pathname + new URL(c.req.url).search;
      return c.redirect(`/${locale}/sign-in?next=${encodeURIComponent(next)}`, 303);
    }
    return renderError(c, 401, m.errors.forbiddenTitle, m.errors.signInRequired);
  }
  if (reason === 'two-factor-required') {
    if (c.req.method === 'GET') return c.redirect(`/${locale}/account/two-factor?required=1`, 303);
    return renderError(c, 403, m.errors.forbiddenTitle, m.errors.twoFactorRequired);
  }
  return renderError(c, 403, m.errors.forbiddenTitle, m.errors.forbidden);
}

/** Any origin will do: only whether `next` stays on it matters, and only its path is kept. */
const nextBase = 'http://trustmark.invalid';

/**
 * Only same-site paths are accepted as a place to return to after signing in. `next` is read the way a
 * browser reads a Location header (tabs and newlines dropped, backslashes as slashes, dot segments
 * resolved), and the result must neither leave the site nor begin with "//", which a browser would
 * read as another host.
 */
export function safeNextPath(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || next.length > 500) return fallback;
  let url: URL;
  try {
    url = new URL(next, nextBase);
  } catch {
    return fallback;
  }
  if (url.origin !== nextBase) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? fallback : path;
}

/** C0 controls, DEL and C1 controls: never part of an address a header may carry. */
function isControlCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
