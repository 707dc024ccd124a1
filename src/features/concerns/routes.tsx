import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { reReviewDecisionSchema, decideReReview, reviewDependenciesOf } from '../review';
import { parseForm } from '../../platform/web/forms';
import { limitSubmissions } from '../../platform/web/rate-limits';
import { signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { createConcernActions } from './actions';
import { concernDecisionSchema, concernSchema } from './schemas';
import {
  concernConfirmedPage,
  concernFormPage,
  concernSentPage,
  confirmConcernPage,
  type ConcernFormState,
} from './pages/concern-form-page';
import { triagePage, type TriageState } from './pages/triage-page';

type Ctx = Context<AppEnv>;

/**
 * Concerns about certified products: anyone raises one (optionally about one criterion) and confirms
 * it by mail; admins uphold or reject it with a public note. The product page counts the outcomes.
 */
export function registerConcernRoutes(routes: RouteRegistry, services: AppServices): void {
  const { concerns, criteria, config, formGuard } = services;
  const actions = createConcernActions(services);
  const closed = (c: Ctx) => renderError(c, 409, c.get('m').errors.title, c.get('m').concerns.closed);

  /** The concern form for the certification in the URL, or why there is none. */
  async function showConcernForm(c: Ctx, state: ConcernFormState = {}) {
    const target = await actions.target(c.req.param('certificationId') ?? '');
    if (!target) return renderNotFound(c);
    if (!target.open) return closed(c);
    return concernFormPage(c, { row: target.row, criteria, formToken: formGuard.issue() }, state);
  }

  routes.get('/:locale/products/:certificationId/concern', 'public', (c) => showConcernForm(c));

  routes.post(
    '/:locale/products/:certificationId/concern',
    'public',
    limitSubmissions('concerns', services.rateLimits.concerns, config.trustProxy, services.rateLimitCounters),
    async (c) => {
      const m = c.get('m');
      const form = parseForm(concernSchema(m), await c.req.parseBody());
      if (!form.ok) return showConcernForm(c, { errors: form.errors, values: form.values, status: 422 });
      const { criterion, message, email, formToken } = form.data;
      const values = { criterion, message, email };
      const guard = formGuard.check(formToken);
      if (guard !== 'ok') {
        const problem = guard === 'expired' ? m.contact.expired : m.contact.tooFast;
        return showConcernForm(c, { errors: { form: problem }, values, status: 422 });
      }
      const request = { certificationId: c.req.param('certificationId') ?? '', locale: c.get('locale') };
      const result = await actions.raise({ ...request, criterion, message, email });
      if (result.kind === 'not-found') return renderNotFound(c);
      if (result.kind === 'closed') return closed(c);
      if (result.kind === 'unknown-criterion')
        return showConcernForm(c, {
          errors: { criterion: m.concerns.unknownCriterion },
          values,
          status: 422,
        });
      return concernSentPage(c);
    },
  );

  routes.get('/:locale/concerns/confirm', 'public', (c) =>
    confirmConcernPage(c, (c.req.query('token') ?? '').slice(0, 100)),
  );

  routes.post('/:locale/concerns/confirm', 'public', async (c) => {
    const m = c.get('m');
    const token = String((await c.req.parseBody())['token'] ?? '').slice(0, 100);
    if (!(await actions.confirm(token, c.get('locale'))))
      return renderError(c, 410, m.concerns.confirmTitle, m.concerns.invalidLink);
    return concernConfirmedPage(c);
  });

  /** The admins' list, with each concern under re-review and its reviewers' opinions. */
  async function showTriage(c: Ctx, state: TriageState = {}) {
    const rows = await concerns.forTriage();
    const underReReview = new Map(
      await Promise.all(
        rows
          .filter((row) => row.status === 're-review')
          .map(async (row) => {
            const reReview = await services.reReviews.forConcern(row.id);
            const opinions = reReview ? await services.reReviews.opinions(reReview.id) : [];
            return [row.id, reReview ? { id: reReview.id, opinions } : undefined] as const;
          }),
      ),
    );
    return triagePage(c, { rows, underReReview }, state);
  }

  routes.get('/:locale/admin/concerns', 'admin', (c) => showTriage(c));

  // A concern can go to a re-review instead: reviewers who took no part look again (see re-reviews.tsx).
  routes.post('/:locale/admin/concerns/:concernId/re-review', 'admin', async (c) => {
    const m = c.get('m');
    const concern = await concerns.find(c.req.param('concernId') ?? '');
    if (!concern || concern.status === 'unconfirmed') return renderNotFound(c);
    const outcome = await services.reReviewWorkflow.open(concern, currentUser(c).id);
    if (outcome === 'not-found') return renderNotFound(c);
    if (outcome === 'no-reviewers') return showTriage(c, { problem: m.reReview.noReviewers, status: 409 });
    if (outcome === 'not-open') return showTriage(c, { problem: m.concerns.alreadyDecided, status: 409 });
    return c.redirect(`/${c.get('locale')}/admin/concerns?notice=re-review-opened`, 303);
  });

  routes.post('/:locale/admin/re-reviews/:reReviewId/decide', 'admin', async (c) => {
    const m = c.get('m');
    const id = c.req.param('reReviewId') ?? '';
    if (!(await services.reReviews.find(id))) return renderNotFound(c);
    const form = parseForm(reReviewDecisionSchema(m), await c.req.parseBody());
    if (!form.ok)
      return showTriage(c, {
        status: 422,
        decision: { reReviewId: id, errors: form.errors, values: form.values },
      });
    const result = await decideReReview(reviewDependenciesOf(services), {
      actor: signedInPrincipal(c),
      reReviewId: id,
      outcome: form.data.outcome,
      statement: form.data.statement,
    });
    if (result.kind === 'not-found') return renderNotFound(c);
    const refusals = { incomplete: m.reReview.incomplete, 'already-decided': m.reReview.alreadyDecided };
    if (result.kind !== 'decided') return showTriage(c, { problem: refusals[result.kind], status: 409 });
    return c.redirect(`/${c.get('locale')}/admin/concerns?notice=re-review-decided`, 303);
  });

  routes.post('/:locale/admin/concerns/:concernId/decide', 'admin', async (c) => {
    const m = c.get('m');
    const concernId = c.req.param('concernId') ?? '';
    const form = parseForm(concernDecisionSchema(m), await c.req.parseBody());
    if (!form.ok) {
      // An unknown concern stays unknown, whatever was posted about it.
      const concern = await concerns.find(concernId);
      if (!concern || concern.status === 'unconfirmed') return renderNotFound(c);
      return showTriage(c, { problem: form.errors['note'] ?? form.errors['decision'] });
    }
    const result = await actions.decide(signedInPrincipal(c), { concernId, ...form.data });
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'already-decided')
      return renderError(c, 409, m.errors.title, m.concerns.alreadyDecided);
    return c.redirect(`/${c.get('locale')}/admin/concerns?notice=decided`, 303);
  });
}
