import type { AppServices } from '../../app/services';
import type { RouteRegistry } from '../../platform/web/routing';
import { renderNotFound } from '../../platform/web/views/error-page';
import { pinPage } from './pages/pin-page';

/** Admins open a pinned evidence link: its hash and time as reviewed, the last re-check, the text kept. */
export function registerEvidenceAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  routes.get('/:locale/admin/evidence/:pinId', 'admin', async (c) => {
    const pin = await services.evidence.pin(c.req.param('pinId') ?? '');
    return pin ? pinPage(c, pin) : renderNotFound(c);
  });
}
