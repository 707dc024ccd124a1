import type { Context } from 'hono';
import type { AppServices } from '../../app/services';
import type { ApplicationRow } from '../../platform/db/schema';
import type { AppEnv } from '../../platform/web/env';
import { currentUser } from '../../platform/web/session';
import { canPerform } from '../companies/rules';
import { withRecommendedShare } from '../criteria/rules';
import { applicationAccessFor } from './access';
import { canApply } from './rules';

type Ctx = Context<AppEnv>;

export type LoadedApplication = NonNullable<Awaited<ReturnType<ApplicationLoader['application']>>>;

/** The application pages' way to the record in the URL, with what the signed-in user may do with it. */
export function createApplicationLoader(services: AppServices) {
  const { applications, companies, products, criteria, review, reviewers } = services;

  async function isAssignedReviewer(application: ApplicationRow, userId: string): Promise<boolean> {
    if (application.status === 'draft') return false;
    const assigned = (await review.assignments(application.id)).some((row) => row.reviewerId === userId);
    return assigned && !(await reviewers.isConflicted(userId, application.organization_id));
  }

  /**
   * The application in the URL if the signed-in user may see it: members of its company, and read-only
   * its assigned reviewers (unless conflicted) and admins, with their second factor. Everyone else gets
   * the same 404 as for an application that does not exist.
   */
  async function visible(c: Ctx) {
    const found = await applications.find(c.req.param('applicationId') ?? '');
    if (!found) return undefined;
    const user = currentUser(c);
    const membership = await companies.membershipById(found.organization_id, user.id);
    const relation = {
      member: Boolean(membership),
      assigned: !membership && (await isAssignedReviewer(found, user.id)),
    };
    if (!applicationAccessFor(c, relation).allowed) return undefined;
    const pinned = criteria.versions.get(found.criteria_version);
    if (!pinned) return undefined;
    const canEdit = Boolean(membership) && canApply(found.status, 'edit');
    return { application: found, membership, pinned, canEdit };
  }

  /** The visible application with its product and what the user may do with it, for its pages. */
  async function application(c: Ctx) {
    const seen = await visible(c);
    if (!seen) return undefined;
    const { application: found, membership, pinned, canEdit } = seen;
    const product = await products.find(found.organization_id, found.product_id);
    if (!product) return undefined;
    const version = withRecommendedShare(pinned, (await services.settings.review()).recommendedShare);
    const canManage = Boolean(membership && canPerform(membership.role, 'manage-applications'));
    return { application: found, membership, version, product, canEdit, canManage };
  }

  /** The application and the criterion in the URL, if both are there for this user. */
  async function criterion(c: Ctx) {
    const loaded = await application(c);
    if (!loaded) return undefined;
    const id = c.req.param('criterionId');
    const found = loaded.version.criteria.find((candidate) => candidate.id === id);
    return found ? { loaded, criterion: found } : undefined;
  }

  /**
   * What saving an answer needs — the visible application, whether the user may edit it, the criterion
   * in its version — without what only its page shows (product, review settings): an autosave comes
   * every few seconds per person typing. Its page, when one is answered, is loaded with `criterion`.
   */
  async function answerable(c: Ctx) {
    const seen = await visible(c);
    const id = c.req.param('criterionId');
    const found = seen?.pinned.criteria.find((candidate) => candidate.id === id);
    return seen && found
      ? { application: seen.application, canEdit: seen.canEdit, criterion: found }
      : undefined;
  }

  return { application, criterion, answerable };
}

export type ApplicationLoader = ReturnType<typeof createApplicationLoader>;

/** Where an application's pages live, in the request's language. */
export function applicationPath(c: Ctx, loaded: { application: { id: string } }): string {
  return `/${c.get('locale')}/applications/${loaded.application.id}`;
}
