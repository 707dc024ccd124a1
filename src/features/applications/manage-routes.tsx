import type { Context } from 'hono';
import type { AppServices } from '../../app/services';
import type { AppEnv } from '../../platform/web/env';
import { bodyLimitOf, parseForm } from '../../platform/web/forms';
import { signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { appeal } from './appeal';
import type { ApplicationLoader } from './load';
import type { ApplicantActionDependencies } from './manage-access';
import { renderApplicationPage } from './pages/application-page';
import { appealSchema } from './schemas';
import { resubmit, submit } from './submit';
import { deleteDraft, keep, withdraw } from './withdraw';

type Ctx = Context<AppEnv>;

/** The answers the company's actions share: the application is gone, not theirs to act on, or has moved on. */
function refused(c: Ctx, kind: 'not-found' | 'forbidden' | 'locked' | 'changed' | 'not-possible') {
  const m = c.get('m');
  if (kind === 'not-found') return renderNotFound(c);
  if (kind === 'forbidden') return renderError(c, 403, m.errors.forbiddenTitle, m.applications.notAllowed);
  const message = {
    locked: m.applications.locked,
    changed: m.applications.changed,
    'not-possible': m.applications.appealNotPossible,
  }[kind];
  return renderError(c, 409, m.errors.title, message);
}

/** What the company's owners and administrators do with an application: each route calls one use case. */
export function registerManageRoutes(
  routes: RouteRegistry,
  services: AppServices,
  load: ApplicationLoader,
): void {
  const deps: ApplicantActionDependencies = { ...services, baseUrl: services.config.baseUrl };
  const request = (c: Ctx) => ({
    actor: signedInPrincipal(c),
    applicationId: c.req.param('applicationId') ?? '',
  });
  // Reached only once the action succeeded, so the id in the URL is the application's.
  const here = (c: Ctx, notice?: string) =>
    `/${c.get('locale')}/applications/${c.req.param('applicationId') ?? ''}${notice ? `?notice=${notice}` : ''}`;

  // Refused while a reviewer's question waits: the page says which, and nothing the company wrote is lost.
  const unanswered = async (c: Ctx, criterionIds: readonly string[]) => {
    const loaded = await load.application(c);
    if (!loaded) return renderNotFound(c);
    const m = c.get('m');
    const questions = criterionIds.map((id) => `${m.applications.answerQuestion(id)}.`);
    const refusal = [m.applications.notResubmitted, ...questions].join(' ');
    return renderApplicationPage(c, services, loaded, { refusal, status: 409 });
  };

  routes.post('/:locale/applications/:applicationId/submit', 'signed-in', async (c) => {
    const result = await submit(deps, request(c));
    if (result.kind === 'submitted') return c.redirect(here(c, 'submitted'), 303);
    // The application page lists what keeps it from review.
    if (result.kind === 'incomplete') return c.redirect(here(c), 303);
    return refused(c, result.kind);
  });

  routes.post('/:locale/applications/:applicationId/resubmit', 'signed-in', async (c) => {
    const result = await resubmit(deps, request(c));
    if (result.kind === 'resubmitted') return c.redirect(here(c, 'resubmitted'), 303);
    if (result.kind === 'incomplete') return c.redirect(here(c), 303);
    if (result.kind === 'unanswered') return unanswered(c, result.criterionIds);
    return refused(c, result.kind);
  });

  routes.post('/:locale/applications/:applicationId/withdraw', 'signed-in', async (c) => {
    const result = await withdraw(deps, request(c));
    return result.kind === 'withdrawn' ? c.redirect(here(c, 'withdrawn'), 303) : refused(c, result.kind);
  });

  routes.post('/:locale/applications/:applicationId/delete', 'signed-in', async (c) => {
    const result = await deleteDraft(deps, request(c));
    if (result.kind !== 'deleted') return refused(c, result.kind);
    return c.redirect(`/${c.get('locale')}/companies/${result.companySlug}/products?notice=deleted`, 303);
  });

  const keepOrRelease = (kept: boolean) => async (c: Ctx) => {
    const result = await keep(deps, { ...request(c), kept });
    return result.kind === 'kept' || result.kind === 'released'
      ? c.redirect(here(c, result.kind), 303)
      : refused(c, result.kind);
  };
  routes.post('/:locale/applications/:applicationId/keep', 'signed-in', keepOrRelease(true));
  routes.post('/:locale/applications/:applicationId/release', 'signed-in', keepOrRelease(false));

  routes.post(
    '/:locale/applications/:applicationId/appeal',
    'signed-in',
    bodyLimitOf(appealSchema),
    async (c) => {
      const form = parseForm(appealSchema(c.get('m')), await c.req.parseBody());
      const result = await appeal(deps, { ...request(c), reasons: form.ok ? form.data.reasons : undefined });
      if (result.kind === 'appealed') return c.redirect(here(c, 'appealed'), 303);
      if (result.kind !== 'invalid' || form.ok)
        return refused(c, result.kind === 'invalid' ? 'not-possible' : result.kind);
      const loaded = await load.application(c);
      if (!loaded) return renderNotFound(c);
      const values = { reasons: form.values['reasons'] ?? '' };
      return renderApplicationPage(c, services, loaded, { errors: form.errors, values, status: 422 });
    },
  );
}
