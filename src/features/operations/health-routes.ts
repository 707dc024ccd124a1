import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';

/**
 * Liveness and readiness for orchestrators and load balancers: /healthz says the process runs; /readyz
 * says this instance can serve — database, job worker, signing keys, not shutting down — and answers 503
 * with the reason while it cannot, recovering by itself. /metrics is Prometheus' (platform/web/metrics.ts),
 * for the configured addresses or the token only; anyone else gets the site's "not found".
 */
export function registerHealthRoutes(routes: RouteRegistry, services: AppServices): void {
  routes.get('/healthz', 'public', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });

  routes.get('/readyz', 'public', async (c) => {
    c.header('Cache-Control', 'no-store');
    const { ready, ...report } = await services.readiness.check();
    return ready ? c.json({ status: 'ready', ...report }) : c.json({ status: 'unavailable', ...report }, 503);
  });

  routes.get('/metrics', 'public', async (c, next) => {
    if (!services.metrics.mayRead(c)) return next();
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', services.metrics.registry.contentType);
    return c.body(await services.metrics.registry.metrics());
  });
}
