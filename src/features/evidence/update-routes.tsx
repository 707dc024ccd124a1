import type { Context } from 'hono';
import type { AppServices } from '../../app/services';
import type { AppEnv } from '../../platform/web/env';
import type { RouteRegistry } from '../../platform/web/routing';
import { currentUser } from '../../platform/web/session';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { evidenceDe } from './messages.de';
import { evidenceEn } from './messages.en';
import { updatePage } from './pages/update-page';
import { startEvidenceUpdate, updateView } from './update';

type Ctx = Context<AppEnv>;

/**
 * A company's update of a certified product whose evidence changed: the notice with the way to start it
 * (linked from the mail), and starting it. Only the company's members see either; everybody else a 404.
 */
export function registerEvidenceUpdateRoutes(routes: RouteRegistry, services: AppServices): void {
  const path = '/:locale/companies/:slug/products/:productId/update';
  const actor = (c: Ctx) => ({ userId: currentUser(c).id, name: currentUser(c).name });
  const refOf = (c: Ctx) => ({ slug: c.req.param('slug') ?? '', productId: c.req.param('productId') ?? '' });

  async function criteriaCount(view: { certified?: { certification: { application_id: string } } }) {
    if (!view.certified) return 0;
    const source = await services.applications.find(view.certified.certification.application_id);
    return (source && services.criteria.versions.get(source.criteria_version)?.criteria.length) ?? 0;
  }

  routes.get(path, 'signed-in', async (c) => {
    const view = await updateView(services.database.db, actor(c), refOf(c));
    if (!view) return renderNotFound(c);
    return updatePage(c, view, await criteriaCount(view));
  });

  routes.post(path, 'signed-in', async (c) => {
    const result = await startEvidenceUpdate(services, actor(c), refOf(c));
    if (result.kind === 'not-found') return renderNotFound(c);
    const locale = c.get('locale');
    if (result.kind === 'started') return c.redirect(`/${locale}/applications/${result.applicationId}`, 303);
    // Started meanwhile (a second click, a teammate): the open application is where to go on.
    if (result.openApplicationId)
      return c.redirect(`/${locale}/applications/${result.openApplicationId}`, 303);
    const u = (locale === 'de' ? evidenceDe : evidenceEn).update;
    const message = result.refusal === 'nothing-changed' ? u.nothingChanged : u.notCertified;
    return renderError(c, 409, c.get('m').errors.title, message);
  });
}
