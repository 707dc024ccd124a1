import { parseForm } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { renderError } from '../../platform/web/views/error-page';
import { certificationsAdminPage } from './pages/certifications-admin-page';
import { statusChangeSchema } from './schemas';

/** Admins suspend, reinstate or revoke certifications, each with a reason that is shown publicly. */
export function registerCertificationAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { registry, lifecycle } = services;

  routes.get('/:locale/admin/certifications', 'admin', async (c) =>
    certificationsAdminPage(
      c,
      await registry.all(),
      services.now(),
      undefined,
      await services.evidence.overdue(),
    ),
  );

  routes.post('/:locale/admin/certifications/:certificationId/status', 'admin', async (c) => {
    const m = c.get('m');
    const row = await registry.find(c.req.param('certificationId') ?? '');
    if (!row) return renderError(c, 404, m.errors.notFoundTitle, m.errors.notFound);
    const form = parseForm(statusChangeSchema(m), await c.req.parseBody());
    if (!form.ok) {
      const problem = form.errors['reason'] ?? form.errors['action'];
      return certificationsAdminPage(
        c,
        await registry.all(),
        services.now(),
        problem,
        await services.evidence.overdue(),
      );
    }
    if (!(await lifecycle.change(row.id, form.data.action, form.data.reason, currentUser(c).id)))
      return renderError(c, 409, m.errors.title, m.registryAdmin.notAllowed);
    return c.redirect(`/${c.get('locale')}/admin/certifications?notice=changed`, 303);
  });
}
