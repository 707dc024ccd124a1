import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { collectDefaultMetrics, Registry, type Metric } from 'prom-client';
import type { AppEnv } from './env';
import { clientAddress, normaliseAddress } from './rate-limits';

/** Methods counted by name; anything else a client invents is `other`, so labels stay few. */
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route label of answers made in front of the app by the page cache (any cached page). */
export const pageCacheRoute = '(page cache)';
/** The route label of requests no route matched (each invented address would be a series otherwise). */
export const unmatchedRoute = '(unmatched)';

/** Upper bounds of the latency histogram's buckets, in seconds. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What one method and route pattern has answered: by status, and its latencies by bucket. */
interface RouteTally {
  method: string;
  route: string;
  statuses: Map<number, number>;
  /** Observations per bucket (not cumulative; the last is beyond every bound). */
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * Request counts and latency by route pattern (`/:locale/products/:certificationId`, never the address
 * itself, so the number of series is bounded by the routes), for the app and for the answers made in
 * front of it. Tallied in plain numbers and turned into Prometheus' counter and histogram when scraped:
 * prom-client's own `inc` and `observe` hash their labels on every call, some 4 µs a request, a sixth of
 * what a cached badge costs. Each instance has its own registry (several servers run in one test process).
 */
export function createHttpMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const tallies = new Map<string, RouteTally>();

  const tallyOf = (method: string, route: string): RouteTally => {
    const key = `${method} ${route}`;
    let tally = tallies.get(key);
    if (!tally) {
      tally = {
        method,
        route,
        statuses: new Map(),
        buckets: latencyBuckets.map(() => 0).concat(0),
        sum: 0,
        count: 0,
      };
      tallies.set(key, tally);
    }
    return tally;
  };
  const observe = (tally: RouteTally, status: number, seconds: number) => {
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    let bucket = 0;
    while (bucket < latencyBuckets.length && seconds > (latencyBuckets[bucket] ?? Infinity)) bucket++;
    tally.buckets[bucket] = (tally.buckets[bucket] ?? 0) + 1;
    tally.sum += seconds;
    tally.count += 1;
  };
  const methodOf = (rawMethod: string) => (knownMethods.has(rawMethod) ? rawMethod : 'other');

  const record = (rawMethod: string, route: string, status: number, seconds: number) =>
    observe(tallyOf(methodOf(rawMethod), route), status, seconds);

  /**
   * `record` for one route known in advance (the answers made in front of the app): its tallies are found
   * by method alone, without making the `method route` key on every request.
   */
  const recorder = (route: string) => {
    const byMethod = new Map<string, RouteTally>();
    return (rawMethod: string, status: number, seconds: number): void => {
      let tally = byMethod.get(rawMethod);
      if (!tally) {
        tally = tallyOf(methodOf(rawMethod), route);
        // Only known methods are kept by their own name: a client inventing methods adds no entries.
        if (knownMethods.has(rawMethod)) byMethod.set(rawMethod, tally);
      }
      observe(tally, status, seconds);
    };
  };

  const requestsName = 'trustmark_http_requests_total';
  const requestsHelp = 'HTTP requests answered, by method, route pattern and status.';
  registerCollected(registry, requestsName, requestsHelp, 'counter', () =>
    [...tallies.values()].flatMap(({ method, route, statuses }) =>
      [...statuses].map(([status, value]) => ({ labels: { method, route, status: String(status) }, value })),
    ),
  );
  const durationName = 'trustmark_http_request_duration_seconds';
  const durationHelp =
    'Time to answer an HTTP request (until the handler returned), by method and route pattern.';
  registerCollected(registry, durationName, durationHelp, 'histogram', () =>
    [...tallies.values()].flatMap(({ method, route, buckets, sum, count }) => {
      let cumulative = 0;
      const bounds = [...latencyBuckets.map(String), '+Inf'];
      return [
        ...bounds.map((le, index) => {
          cumulative += buckets[index] ?? 0;
          return { metricName: `${durationName}_bucket`, labels: { le, method, route }, value: cumulative };
        }),
        { metricName: `${durationName}_sum`, labels: { method, route }, value: sum },
        { metricName: `${durationName}_count`, labels: { method, route }, value: count },
      ];
    }),
  );

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = performance.now();
    await next();
    const pattern = routePath(c);
    const route = pattern === '*' || pattern === '/*' || pattern === '' ? unmatchedRoute : pattern;
    record(c.req.method, route, c.res.status, (performance.now() - started) / 1000);
  };

  return { registry, record, recorder, middleware };
}

/** A series whose values are made when scraped, in the shape prom-client's own metrics give them. */
function registerCollected(
  registry: Registry,
  name: string,
  help: string,
  type: 'counter' | 'histogram',
  values: () => { metricName?: string; labels: Record<string, string>; value: number }[],
): void {
  const collected = {
    name,
    help,
    type,
    get: () => ({ name, help, type, aggregator: 'sum', values: values() }),
    reset: () => {},
  };
  // The registry reads any metric through `get()`; prom-client's types list only its own classes.
  registry.registerMetric(collected as unknown as Metric);
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
