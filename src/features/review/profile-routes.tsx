import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { parseForm } from '../../platform/web/forms';
import { signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import { reviewDependenciesOf } from './dependencies';
import { ReviewerProfilePage, type ProfileState } from './pages/reviewer-profile';
import { declareConflict, saveExpertise, saveReviewerProfile, withdrawConflict } from './reviewer-profile';
import { expertiseSchema } from './pool-schemas';
import { conflictSchema, reviewerProfileSchema } from './schemas';

type Ctx = Context<AppEnv>;

/** A reviewer's own profile: capacity, availability and declared conflicts of interest. */
export function registerReviewerProfileRoutes(routes: RouteRegistry, services: AppServices): void {
  const dependencies = reviewDependenciesOf(services);
  const profile = (c: Ctx, state: ProfileState = {}) => renderProfile(c, services, state);
  const saved = (c: Ctx, notice: 'saved' | 'conflict' | 'expertise') =>
    c.redirect(`/${c.get('locale')}/review/profile?notice=${notice}`, 303);

  routes.get('/:locale/review/profile', 'reviewer', (c) => profile(c));

  routes.post('/:locale/review/profile', 'reviewer', async (c) => {
    const form = parseForm(reviewerProfileSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return profile(c, { errors: form.errors, values: form.values, status: 422 });
    await saveReviewerProfile(dependencies, { actor: signedInPrincipal(c), ...form.data });
    return saved(c, 'saved');
  });

  routes.post('/:locale/review/expertise', 'reviewer', async (c) => {
    const form = parseForm(expertiseSchema(c.get('m')), await c.req.parseBody({ all: true }));
    if (!form.ok) return profile(c, { errors: form.errors, status: 422 });
    await saveExpertise(dependencies, { actor: signedInPrincipal(c), ...form.data });
    return saved(c, 'expertise');
  });

  routes.post('/:locale/review/conflicts', 'reviewer', async (c) => {
    const form = parseForm(conflictSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return profile(c, { errors: form.errors, values: form.values, status: 422 });
    const result = await declareConflict(dependencies, { actor: signedInPrincipal(c), ...form.data });
    return result.kind === 'declared' ? saved(c, 'conflict') : renderNotFound(c);
  });

  routes.post('/:locale/review/conflicts/:companyId/remove', 'reviewer', async (c) => {
    const companyId = c.req.param('companyId') ?? '';
    const result = await withdrawConflict(dependencies, { actor: signedInPrincipal(c), companyId });
    return result.kind === 'withdrawn' ? saved(c, 'conflict') : renderNotFound(c);
  });
}

async function renderProfile(c: Ctx, services: AppServices, state: ProfileState) {
  const m = c.get('m');
  const user = currentUser(c);
  const [member, companies] = await Promise.all([
    services.reviewers.member(user.id),
    services.reviewers.conflictCandidates(user.id),
  ]);
  const notices: Record<string, string> = {
    saved: m.review.profileSaved,
    conflict: m.review.conflictSaved,
    expertise: m.reviewerPool.expertiseSaved,
  };
  return page(
    c,
    { title: m.review.profile, indexable: false, status: state.status ?? 200 },
    <ReviewerProfilePage
      m={m}
      locale={c.get('locale')}
      notice={notices[c.req.query('notice') ?? '']}
      member={member}
      companies={companies}
      state={state}
    />,
  );
}
