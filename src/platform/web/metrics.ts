import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { AppEnv } from './env';
import { clientAddress, normaliseAddress } from './rate-limits';

/** Methods counted by name; anything else a client invents is `other`, so labels stay few. */
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route label of answers made in front of the app by the page cache (any cached page). */
export const pageCacheRoute = '(page cache)';
/** The route label of requests no route matched (each invented address would be a series otherwise). */
export const unmatchedRoute = '(unmatched)';

/**
 * Request counts and latency by route pattern (`/en/products/:id`, never the address itself, so the number
 * of series is bounded by the routes), for the app and for the answers made in front of it. Each
 * instance has its own registry: several servers run in one test process.
 */
export function createHttpMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'trustmark_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'trustmark_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (until the handler returned), by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // The labelled children, found once: the hot paths count tens of thousands of requests a second.
  const counters = new Map<string, ReturnType<typeof requests.labels>>();
  const timers = new Map<string, ReturnType<typeof duration.labels>>();

  const record = (rawMethod: string, route: string, status: number, seconds: number) => {
    const method = knownMethods.has(rawMethod) ? rawMethod : 'other';
    const counterKey = `${method} ${status} ${route}`;
    let counter = counters.get(counterKey);
    if (!counter) {
      counter = requests.labels(method, route, String(status));
      counters.set(counterKey, counter);
    }
    counter.inc();
    const timerKey = `${method} ${route}`;
    let timer = timers.get(timerKey);
    if (!timer) {
      timer = duration.labels(method, route);
      timers.set(timerKey, timer);
    }
    timer.observe(seconds);
  };

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = performance.now();
    await next();
    const pattern = routePath(c);
    const route = pattern === '*' || pattern === '/*' || pattern === '' ? unmatchedRoute : pattern;
    record(c.req.method, route, c.res.status, (performance.now() - started) / 1000);
  };

  return { registry, record, middleware };
}

export type HttpMetrics = ReturnType<typeof createHttpMetrics>;

/**
 * Who may read /metrics: a caller with the bearer token (compared in constant time), or one whose address
 * — as the rate limits see it, the entry the outermost trusted proxy appended, never one the client wrote
 * — is listed. Everyone else is told the address does not exist.
 */
export function metricsAccess(options: {
  allow: readonly string[];
  token: string | undefined;
  trustedHops: number;
}): (c: Context<AppEnv>) => boolean {
  const allowed = new Set(options.allow.map((address) => normaliseAddress(address) ?? address));
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const expected = options.token ? digest(options.token) : undefined;
  return (c) => {
    const authorization = c.req.header('authorization') ?? '';
    if (expected && authorization.startsWith('Bearer ')) {
      // Hashes have one length, so comparing them takes the same time whatever was sent.
      if (timingSafeEqual(digest(authorization.slice('Bearer '.length)), expected)) return true;
    }
    return allowed.size > 0 && allowed.has(clientAddress(c, options.trustedHops));
  };
}
