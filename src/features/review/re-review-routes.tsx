import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { parseForm } from '../../platform/web/forms';
import { signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import { staffAccessFor } from '../applications';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import { reviewDependenciesOf } from './dependencies';
import { ReReviewOpinionPage, type OpinionState } from './pages/re-review';
import { giveReReviewOpinion } from './re-review-steps';
import { reReviewOpinionSchema } from './schemas';

type Ctx = Context<AppEnv>;

/** The reviewers' side of re-reviews; admins open and decide them from the concerns page. */
export function registerReReviewRoutes(routes: RouteRegistry, services: AppServices): void {
  const dependencies = reviewDependenciesOf(services);
  const load = (c: Ctx) => loadOwn(c, services);

  routes.get('/:locale/review/re-reviews/:reReviewId', 'reviewer', async (c) => {
    const loaded = await load(c);
    return loaded ? opinionPage(c, loaded) : renderNotFound(c);
  });

  routes.post('/:locale/review/re-reviews/:reReviewId', 'reviewer', async (c) => {
    const loaded = await load(c);
    if (!loaded) return renderNotFound(c);
    const m = c.get('m');
    const form = parseForm(reReviewOpinionSchema(m), await c.req.parseBody());
    if (!form.ok) return opinionPage(c, loaded, { errors: form.errors, values: form.values, status: 422 });
    const result = await giveReReviewOpinion(dependencies, {
      actor: signedInPrincipal(c),
      reReviewId: loaded.reReview.id,
      ...form.data,
    });
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'closed') return renderError(c, 409, m.errors.title, m.reReview.closed);
    return c.redirect(`/${c.get('locale')}/review/re-reviews/${loaded.reReview.id}?notice=submitted`, 303);
  });
}

/**
 * A re-review the signed-in reviewer was asked for, unless they have a conflict with the company (one
 * they declared or joined since); anyone else gets the same 404 as for nothing.
 */
async function loadOwn(c: Ctx, services: AppServices) {
  const reReview = await services.reReviews.find(c.req.param('reReviewId') ?? '');
  if (!reReview) return undefined;
  const opinions = await services.reReviews.opinions(reReview.id);
  const own = opinions.find((opinion) => opinion.reviewerId === currentUser(c).id);
  if (!own) return undefined;
  const conflicted = await services.reviewers.isConflicted(currentUser(c).id, reReview.organization_id);
  return staffAccessFor(c, true, conflicted).allowed ? { reReview, own } : undefined;
}

function opinionPage(
  c: Ctx,
  loaded: NonNullable<Awaited<ReturnType<typeof loadOwn>>>,
  state: OpinionState = {},
) {
  const m = c.get('m');
  const { reReview, own } = loaded;
  const notice = c.req.query('notice') === 'submitted' ? m.reReview.submitted : undefined;
  return page(
    c,
    { title: m.reReview.title(reReview.product_name), indexable: false, status: state.status ?? 200 },
    <ReReviewOpinionPage
      m={m}
      locale={c.get('locale')}
      notice={notice}
      reReview={reReview}
      own={own}
      state={state}
    />,
  );
}
