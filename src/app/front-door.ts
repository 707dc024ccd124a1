import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { answerFreshBadge, type BadgeCache } from '../features/registry/badge-cache';
import type { ApiFastPath } from '../features/registry/api-fast-path';
import type { ProofFastPath } from '../features/transparency/proof-fast-path';
import type { AppEnv } from '../platform/web/env';
import { pageCacheRoute, type HttpMetrics } from '../platform/web/metrics';
import type { PageCache } from '../platform/web/page-cache';

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
      const took = () => (performance.now() - started) / 1000;
      if (answerFreshBadge(badges, request, response))
        return metrics.record(method, '/badge/:file', response.statusCode, took());
      if (pages.answerFresh(request, response))
        return metrics.record(method, pageCacheRoute, response.statusCode, took());
      let passedOn = false;
      const toApp = () => void appListener(request, response);
      const passOn = () => {
        passedOn = true;
        toApp();
      };
      // The route a fast answer is counted under, as the app counts it (its path without the query).
      let route = '/api/v1/products';
      let answered = apiSearches.answer(request, response, passOn);
      if (!answered && logProofs.answer(request, response, passOn))
        [route, answered] = [request.url?.split('?')[0] ?? '', true];
      if (!answered) return toApp();
      response.once('finish', () => {
        if (!passedOn) metrics.record(method, route, 200, took());
      });
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
