import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
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
} satisfies Record<string, RateLimit>;

export type RateLimits = Record<keyof typeof defaultRateLimits, RateLimit>;

/** The client's address: the socket's peer, or the proxy's forwarded address when told to trust it. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Limits only form submissions (POST); showing the form again is always allowed. */
export function limitSubmissions(
  name: string,
  rule: RateLimit,
  trustProxy: boolean,
): MiddlewareHandler<AppEnv> {
  const limiter = rateLimiter<AppEnv>({
    windowMs: rule.windowMs,
    limit: rule.limit,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => `${name}:${clientAddress(c, trustProxy)}`,
    handler: (c) => renderError(c, 429, c.get('m').errors.title, c.get('m').errors.rateLimited),
  });
  return async (c, next) => (c.req.method === 'POST' ? limiter(c, next) : next());
}

/**
 * The limit of the public read-only endpoints (open data API, transparency log): standard RateLimit
 * headers and a JSON 429, counted per client under `scope`.
 */
export function limitPublicReads(
  limit: RateLimit,
  scope: string,
  trustProxy: boolean,
): MiddlewareHandler<AppEnv> {
  return rateLimiter<AppEnv>({
    windowMs: limit.windowMs,
    limit: limit.limit,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => `${scope}:${clientAddress(c, trustProxy)}`,
    handler: (c) =>
      c.json({ error: 'Too many requests', message: 'Please slow down and try again in a minute.' }, 429),
  });
}
