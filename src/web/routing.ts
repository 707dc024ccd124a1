import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import {
  decideAccess,
  decideApplicationAccess,
  decideStaffAccess,
  type AccessPolicy,
  type ApplicationRelation,
  type Principal,
} from '../domain/access';
import { isLocale } from '../i18n';
import type { AppEnv } from './env';
import { renderError } from './views/error-page';

export interface RouteEntry {
  method: 'GET' | 'POST';
  path: string;
  policy: AccessPolicy;
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

  post(path: string, policy: AccessPolicy, ...handlers: AppHandler[]): this {
    return this.add('POST', path, policy, handlers);
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
  ): this {
    this.entries.push({ method, path, policy });
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

function principalOf(c: Context<AppEnv>): Principal | null {
  const user = c.get('user');
  return user ? { userId: user.id, role: user.role, twoFactorEnabled: user.twoFactorEnabled } : null;
}

/** The access decision for this request's user (or visitor) under `policy`. */
export function accessFor(c: Context<AppEnv>, policy: AccessPolicy) {
  return decideAccess(policy, principalOf(c));
}

/** Whether this request's user may read one application, as a member of its company or as staff. */
export function applicationAccessFor(c: Context<AppEnv>, relation: ApplicationRelation) {
  const principal = principalOf(c);
  return principal
    ? decideApplicationAccess(principal, relation)
    : ({ allowed: false, reason: 'not-found' } as const);
}

/** Whether this request's user may work on one application (or re-review) as staff. */
export function staffAccessFor(c: Context<AppEnv>, assigned: boolean) {
  const principal = principalOf(c);
  return principal
    ? decideStaffAccess(principal, assigned)
    : ({ allowed: false, reason: 'not-found' } as const);
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
