import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { parseForm } from '../../platform/web/forms';
import { signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import { assignReviewer, unassignReviewer } from './assignment';
import { reviewDependenciesOf } from './dependencies';
import { pauseReviews, resumeReviews, saveProgramSettings } from './pause';
import { ReviewAdminPage, type AdminState } from './pages/review-admin';
import { assignSchema, pauseSchema, programSettingsSchema, unassignSchema } from './schemas';

type Ctx = Context<AppEnv>;

/** The admin's view of the review: pausing, reviewers per application, capacity figures, pool and queue. */
export function registerReviewAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const dependencies = reviewDependenciesOf(services);
  const home = (c: Ctx, notice: string) =>
    c.redirect(`/${c.get('locale')}/admin/reviews?notice=${notice}`, 303);
  const adminPage = (c: Ctx, state: AdminState = {}) => renderAdminPage(c, services, state);

  routes.get('/:locale/admin/reviews', 'admin', (c) => adminPage(c));

  routes.post('/:locale/admin/reviews/pause', 'admin', async (c) => {
    const form = parseForm(pauseSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return adminPage(c, { errors: form.errors, values: form.values, status: 422 });
    const message = { en: form.data.messageEn, de: form.data.messageDe };
    await pauseReviews(dependencies, { actor: signedInPrincipal(c), message });
    return home(c, 'paused');
  });

  routes.post('/:locale/admin/reviews/resume', 'admin', async (c) => {
    const result = await resumeReviews(dependencies, { actor: signedInPrincipal(c) });
    if (result.kind === 'resumed') return home(c, 'resumed');
    return adminPage(c, { problem: c.get('m').reviewAdmin.notPaused, status: 409 });
  });

  routes.post('/:locale/admin/reviews/settings', 'admin', async (c) => {
    const form = parseForm(programSettingsSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return adminPage(c, { errors: form.errors, values: form.values, status: 422 });
    await saveProgramSettings(dependencies, { actor: signedInPrincipal(c), settings: form.data });
    return home(c, 'saved');
  });

  routes.post('/:locale/admin/applications/:applicationId/assign', 'admin', async (c) => {
    const m = c.get('m');
    const form = parseForm(assignSchema(m), await c.req.parseBody());
    const result = await assignReviewer(dependencies, {
      actor: signedInPrincipal(c),
      applicationId: c.req.param('applicationId') ?? '',
      // No reviewer chosen is no reviewer in the pool: refused once the application is known to be open.
      reviewerId: form.ok ? form.data.reviewerId : '',
    });
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind !== 'refused') return home(c, 'assigned');
    const problems = {
      'member-of-company': m.reviewAdmin.memberOfCompany,
      conflicted: m.reviewAdmin.conflicted,
      'took-part': m.reviewAdmin.tookPart,
      'no-two-factor': m.reviewAdmin.noTwoFactor,
      'not-a-reviewer': m.reviewAdmin.notAReviewer,
    };
    const status = result.refusal === 'not-a-reviewer' ? 422 : 409;
    return adminPage(c, { problem: problems[result.refusal], status });
  });

  routes.post('/:locale/admin/applications/:applicationId/unassign', 'admin', async (c) => {
    const m = c.get('m');
    const form = parseForm(unassignSchema(m), await c.req.parseBody());
    const result = await unassignReviewer(dependencies, {
      actor: signedInPrincipal(c),
      applicationId: c.req.param('applicationId') ?? '',
      change: form.ok ? form.data : undefined,
    });
    if (result.kind === 'unassigned') return home(c, 'unassigned');
    if (result.kind === 'not-found') return renderNotFound(c);
    return adminPage(c, { problem: m.reviewAdmin.unassignReasonMissing, status: 422 });
  });
}

async function renderAdminPage(c: Ctx, services: AppServices, state: AdminState) {
  const { review, reviewers, settings } = services;
  const m = c.get('m');
  const [current, pool, open, timings] = await Promise.all([
    settings.review(),
    reviewers.pool(),
    review.openApplications(),
    review.timings(),
  ]);
  const assignments = new Map(
    await Promise.all(open.map(async (entry) => [entry.id, await review.assignments(entry.id)] as const)),
  );
  return page(
    c,
    { title: m.reviewAdmin.title, indexable: false, status: state.status ?? 200 },
    <ReviewAdminPage
      m={m}
      locale={c.get('locale')}
      notice={m.reviewAdmin.notices[c.req.query('notice') ?? '']}
      state={state}
      current={current}
      defaultValidityMonths={services.config.certificationValidityMonths}
      pool={pool}
      open={open}
      timings={timings}
      assignments={assignments}
    />,
  );
}
