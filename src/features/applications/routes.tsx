import type { AppServices } from '../../app/services';
import type { RouteRegistry } from '../../platform/web/routing';
import { renderNotFound } from '../../platform/web/views/error-page';
import { registerAnswerRoutes } from './answer-routes';
import { registerEvidenceRoutes } from './evidence-routes';
import { applicationExport } from './export';
import { createApplicationLoader } from './load';
import { registerManageRoutes } from './manage-routes';
import { renderApplicationPage } from './pages/application-page';
import { renderPrintPage } from './pages/print-page';

/** The self-assessment: the application, its answers and evidence, and what the company does with it. */
export function registerApplicationRoutes(routes: RouteRegistry, services: AppServices): void {
  const load = createApplicationLoader(services);

  routes.get('/:locale/applications/:applicationId', 'signed-in', async (c) => {
    const loaded = await load.application(c);
    return loaded ? renderApplicationPage(c, services, loaded) : renderNotFound(c);
  });

  routes.get('/:locale/applications/:applicationId/export.json', 'signed-in', async (c) => {
    const loaded = await load.application(c);
    if (!loaded) return renderNotFound(c);
    c.header(
      'Content-Disposition',
      `attachment; filename="trustmark-application-${loaded.application.id}.json"`,
    );
    c.header('Cache-Control', 'private, no-store');
    return c.json(applicationExport(loaded, await services.applications.answers(loaded.application.id)));
  });

  routes.get('/:locale/applications/:applicationId/print', 'signed-in', async (c) => {
    const loaded = await load.application(c);
    return loaded ? renderPrintPage(c, services, loaded) : renderNotFound(c);
  });

  registerAnswerRoutes(routes, services, load);
  registerEvidenceRoutes(routes, services, load);
  registerManageRoutes(routes, services, load);
}
