import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';

/**
 * Liveness and readiness for orchestrators: /healthz says the process runs; /readyz says it can serve,
 * and fails while the database is unreachable, recovering by itself when it returns.
 */
export function registerHealthRoutes(routes: RouteRegistry, services: AppServices): void {
  routes.get('/healthz', 'public', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });

  routes.get('/readyz', 'public', async (c) => {
    c.header('Cache-Control', 'no-store');
    const databaseReachable = await services.database.isReachable();
    return databaseReachable
      ? c.json({ status: 'ready', database: 'reachable' })
      : c.json({ status: 'unavailable', database: 'unreachable' }, 503);
  });
}
