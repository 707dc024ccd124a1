import type { Context } from 'hono';
import { askCompany } from './ask';
import { isApplicationStatus } from '../applications/rules';
import type { AppEnv } from '../../platform/web/env';
import { messageSchema } from '../applications';
import { decisionSchema, reviewFormSchema, verdictSchema } from './schemas';
import {
  bodyLimitOf,
  charactersOf,
  fieldLimits,
  parseForm,
  valuesOf,
  type FieldErrors,
} from '../../platform/web/forms';
import { signedInPrincipal, textFormLimit, type RouteRegistry } from '../../platform/web/routing';
import { decide } from './decide';
import { recordReview } from './record-review';
import { reviewDependenciesOf } from './dependencies';
import { parseReviewForm } from './review-form';
import { loadForReview, workspaceData, type ReviewTarget } from './workspace-data';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import { ReviewListPage } from './pages/review-list';
import { WorkspacePage, type WorkspaceState } from './pages/workspace';
import { registerReviewerProfileRoutes } from './profile-routes';
import { registerInvitationRoutes } from './invitation-routes';

type Ctx = Context<AppEnv>;

const workspaceNotices = ['saved', 'submitted', 'decided', 'message'] as const;

/** The reviewer's list, the workspace of one application, its decision and the reviewers' questions. */
export function registerReviewRoutes(routes: RouteRegistry, services: AppServices): void {
  const dependencies = reviewDependenciesOf(services);
  // The review form carries a verdict and a comment for every criterion of the largest version.
  const mostCriteria = Math.max(
    ...[...services.criteria.versions.values()].map((version) => version.criteria.length),
  );
  const workspaceLimit = textFormLimit(
    charactersOf(reviewFormSchema) + mostCriteria * charactersOf(verdictSchema),
  );
  const load = (c: Ctx) => loadForReview(services, signedInPrincipal(c), c.req.param('applicationId') ?? '');
  const workspaceOf = (c: Ctx, target: ReviewTarget, state: WorkspaceState = {}) =>
    renderWorkspace(c, services, target, state);
  const backTo = (c: Ctx, applicationId: string, notice: string, anchor = '') =>
    c.redirect(`/${c.get('locale')}/review/applications/${applicationId}?notice=${notice}${anchor}`, 303);

  routes.get('/:locale/review', 'reviewer', async (c) => {
    const m = c.get('m');
    const [mine, reReviews] = await Promise.all([
      services.review.assignedTo(currentUser(c).id),
      services.reReviews.forReviewer(currentUser(c).id),
    ]);
    const open = mine.flatMap((entry) =>
      isApplicationStatus(entry.status) && entry.status !== 'withdrawn'
        ? [{ ...entry, status: entry.status }]
        : [],
    );
    const isAdmin = signedInPrincipal(c).role === 'admin';
    return page(
      c,
      { title: m.review.title, indexable: false },
      <ReviewListPage m={m} locale={c.get('locale')} isAdmin={isAdmin} open={open} reReviews={reReviews} />,
    );
  });

  registerReviewerProfileRoutes(routes, services);
  registerInvitationRoutes(routes, services);

  routes.get('/:locale/review/applications/:applicationId', 'reviewer', async (c) => {
    const target = await load(c);
    return target ? workspaceOf(c, target) : renderNotFound(c);
  });

  routes.post('/:locale/review/applications/:applicationId', 'reviewer', workspaceLimit, async (c) => {
    const target = await load(c);
    if (!target) return renderNotFound(c);
    const m = c.get('m');
    if (!target.editable) return renderError(c, 409, m.errors.title, m.review.notReviewable);
    const form = parseReviewForm(m, await c.req.parseBody(), target.version.criteria);
    if (!form.ok) return workspaceOf(c, target, { errors: form.errors, values: form.values, status: 422 });
    const result = await recordReview(dependencies, {
      actor: signedInPrincipal(c),
      applicationId: target.application.id,
      round: target.application.round,
      verdicts: form.verdicts,
      review: form.review,
    });
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'not-reviewable') return renderError(c, 409, m.errors.title, m.review.notReviewable);
    return backTo(c, target.application.id, result.kind);
  });

  routes.post(
    '/:locale/review/applications/:applicationId/decide',
    'reviewer',
    bodyLimitOf(decisionSchema),
    async (c) => {
      const target = await load(c);
      if (!target) return renderNotFound(c);
      const m = c.get('m');
      const form = await parseDecisionForm(c);
      if (!form.ok)
        return workspaceOf(c, target, { decisionErrors: form.errors, values: form.values, status: 422 });
      const result = await decide(dependencies, {
        actor: signedInPrincipal(c),
        applicationId: target.application.id,
        ...form.data,
      });
      if (result.kind === 'not-found') return renderNotFound(c);
      if (result.kind === 'already-decided')
        return renderError(c, 409, m.errors.title, m.review.alreadyDecided);
      if (result.kind === 'decided') return backTo(c, target.application.id, 'decided');
      const decisionErrors = { outcome: m.review.refusals[result.refusal] ?? result.refusal };
      const status = result.refusal === 'not-allowed' ? 422 : 409;
      return workspaceOf(c, target, { decisionErrors, values: form.values, status });
    },
  );

  routes.post(
    '/:locale/review/applications/:applicationId/criteria/:criterionId/messages',
    'reviewer',
    async (c) => {
      const target = await load(c);
      const criterion = target?.version.criteria.find((item) => item.id === c.req.param('criterionId'));
      if (!target || !criterion) return renderNotFound(c);
      const m = c.get('m');
      const { application } = target;
      const form = parseForm(messageSchema(m), await c.req.parseBody());
      if (!form.ok)
        return workspaceOf(c, target, { errors: { body: form.errors['body'] ?? '' }, status: 422 });
      const user = currentUser(c);
      const asked = await askCompany(services, {
        applicationId: application.id,
        criterionId: criterion.id,
        author: { id: user.id, name: user.name },
        body: form.data.body,
      });
      if (asked === 'not-reviewable') return renderError(c, 409, m.errors.title, m.review.notReviewable);
      return backTo(c, application.id, 'message', `#criterion-${criterion.id}`);
    },
  );
}

/** The decision form: its rationale field is named apart from the review form's on the same page. */
async function parseDecisionForm(c: Ctx) {
  const m = c.get('m');
  const body = await c.req.parseBody();
  const form = parseForm(decisionSchema(m), {
    outcome: body['outcome'],
    rationale: body['decisionRationale'],
  });
  const { outcome = 0, rationale = 0 } = fieldLimits(decisionSchema(m));
  const values = valuesOf(
    { outcome: body['outcome'] ?? '', decisionRationale: body['decisionRationale'] ?? '' },
    { outcome, decisionRationale: rationale },
  );
  if (form.ok) return { ok: true as const, data: form.data, values };
  const errors: FieldErrors = {};
  if (form.errors['rationale']) errors['decisionRationale'] = form.errors['rationale'];
  if (form.errors['outcome']) errors['outcome'] = form.errors['outcome'];
  return { ok: false as const, errors, values };
}

async function renderWorkspace(c: Ctx, services: AppServices, target: ReviewTarget, state: WorkspaceState) {
  const m = c.get('m');
  const data = await workspaceData(services, target, currentUser(c).id);
  const noticeKey = workspaceNotices.find((key) => key === c.req.query('notice'));
  const notices = {
    saved: m.review.verdictsSaved,
    submitted: m.review.reviewSubmitted,
    decided: m.review.decided,
    message: m.review.messageSent,
  };
  return page(
    c,
    { title: m.review.workspaceTitle(target.product.name), indexable: false, status: state.status ?? 200 },
    <WorkspacePage
      data={data}
      m={m}
      locale={c.get('locale')}
      state={state}
      notice={noticeKey && notices[noticeKey]}
    />,
  );
}
