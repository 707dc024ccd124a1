import type { Kysely } from 'kysely';
import type { Principal } from '../../platform/auth/access';
import type { Database } from '../../platform/db/schema';
import { decideStaffAccess } from '../applications/access-rules';
import { createApplicationRepository } from '../applications';
import { createReviewRepository } from './store';
import { createReviewerRepository } from './reviewers-store';

/**
 * The application as staff may work on it, read in the caller's transaction: undefined for a draft, an
 * unknown id, or staff who may not (not assigned, no second factor, a conflict of interest) — outsiders
 * cannot tell these apart. `assigned` says whether the actor is one of its reviewers (admins may not be).
 */
export async function staffApplication(trx: Kysely<Database>, actor: Principal, applicationId: string) {
  const application = await createApplicationRepository(trx).find(applicationId);
  if (!application || application.status === 'draft') return undefined;
  const assigned = (await createReviewRepository(trx).assignments(application.id)).some(
    (row) => row.reviewerId === actor.userId,
  );
  const conflicted = await createReviewerRepository(trx).isConflicted(
    actor.userId,
    application.organization_id,
  );
  return decideStaffAccess(actor, assigned, conflicted).allowed ? { application, assigned } : undefined;
}
