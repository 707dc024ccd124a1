import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { answerFreshBadge, type BadgeCache } from '../features/registry/badge-cache';
import type { ApiFastPath } from '../features/registry/api-fast-path';
import type { ProofFastPath } from '../features/transparency/proof-fast-path';
import type { AppEnv } from '../platform/web/env';
import { pageCacheRoute, type HttpMetrics } from '../platform/web/metrics';
import type { PageCache } from '../platform/web/page-cache';

/** Seconds since `started` (a `performance.now()`), as the request metrics take them. */
const secondsSince = (started: number) => (performance.now() - started) / 1000;

export interface FrontDoor {
  server: Server;
  /**
   * Stops accepting connections and waits for the requests in flight, each connection closing after its
   * answer; after `drainMs` the connections still open are closed. Resolves whether all finished in time.
   */
  drain(drainMs: number): Promise<boolean>;
}

/**
 * The node:http server: fresh badges, pages, repeated API searches and the log's proofs are answered before
 * the app (registry/badge-cache.ts, platform/web/page-cache.ts, registry/api-fast-path.ts,
 * transparency/proof-fast-path.ts), counted in the request
 * metrics like the app's own answers; everything else is Hono's.
 */
export function createFrontDoor(options: {
  app: Hono<AppEnv>;
  badges: BadgeCache;
  pages: PageCache;
  apiSearches: ApiFastPath;
  logProofs: ProofFastPath;
  metrics: HttpMetrics;
}): FrontDoor {
  const { badges, pages, apiSearches, logProofs, metrics } = options;
  const appListener = getRequestListener(options.app.fetch);
  let stopping = false;
  // Each route's tallies found once, not by a key made per request (the badge's answer is a few µs).
  const recordBadge = metrics.recorder('/badge/:file');
  const recordPage = metrics.recorder(pageCacheRoute);
  const recordApiSearch = metrics.recorder('/api/v1/products');
  // Counted under the route the app counts them under (its path without the query).
  const recordProof = {
    inclusion: metrics.recorder('/log/proof/inclusion'),
    consistency: metrics.recorder('/log/proof/consistency'),
  };
  const server = createServer(
    {
      // A client that trickles its headers (slowloris) is cut off after 20 s, checked every 2 s rather than
      // Node's 30; a whole request may take 3 minutes, enough for a 10 MB upload at half a megabit.
      headersTimeout: 20_000,
      requestTimeout: 180_000,
      connectionsCheckingInterval: 2_000,
    },
    (request, response) => {
      // While shutting down, each connection closes after its answer, so none is left to cut mid-request.
      if (stopping) response.shouldKeepAlive = false;
      const started = performance.now();
      const method = request.method ?? 'GET';
      if (answerFreshBadge(badges, request, response))
        return recordBadge(method, response.statusCode, secondsSince(started));
      if (pages.answerFresh(request, response))
        return recordPage(method, response.statusCode, secondsSince(started));
      const toApp = () => void appListener(request, response);
      const sent = () => recordApiSearch(method, 200, secondsSince(started));
      if (apiSearches.answer(request, response, toApp, sent)) return;
      const proofSent = (kind: 'inclusion' | 'consistency') =>
        recordProof[kind](method, 200, secondsSince(started));
      if (!logProofs.answer(request, response, toApp, proofSent)) toApp();
    },
  );

  return {
    server,
    drain(drainMs) {
      stopping = true;
      return new Promise<boolean>((resolve) => {
        // Idle keep-alive connections would hold close() open; busy ones finish their request first and
        // are idle from then on (a request that began before the shutdown may have kept its connection).
        const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
        const deadline = setTimeout(() => {
          clearInterval(closeIdle);
          server.closeAllConnections();
          resolve(false);
        }, drainMs);
        deadline.unref();
        server.close(() => {
          clearInterval(closeIdle);
          clearTimeout(deadline);
          resolve(true);
        });
        server.closeIdleConnections();
      });
    },
  };
}
