import type { Principal } from '../../platform/auth/access';
import { createAuditLog } from '../../platform/audit/store';
import { createCompanyRepository } from '../companies';
import { fillAssignmentsJob } from './decide';
import type { ReviewDependencies } from './dependencies';
import { createReviewerRepository } from './reviewers-store';
import { createReviewRepository } from './store';
import type { Dimension } from '../criteria/dimensions-rules';

type Reviewer = Principal & { userId: string };
type Dependencies = Pick<ReviewDependencies, 'jobs' | 'now'>;

const isStaff = (actor: Reviewer) => actor.role === 'reviewer' || actor.role === 'admin';

/**
 * A reviewer's capacity and availability: the profile and the job that gives them (or takes into account
 * that they no longer take) applications are one transaction.
 */
export async function saveReviewerProfile(
  deps: Dependencies,
  request: { actor: Reviewer; capacity: number; available: boolean },
): Promise<{ kind: 'saved' } | { kind: 'not-allowed' }> {
  if (!isStaff(request.actor)) return { kind: 'not-allowed' };
  await deps.jobs.transaction(async (trx) => {
    const { actor, capacity, available } = request;
    await createReviewerRepository(trx).saveProfile(actor.userId, capacity, available, deps.now());
    await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
  });
  return { kind: 'saved' };
}

/**
 * A reviewer declares a conflict of interest with a company: the declaration, their leaving every open
 * application of it, the audit entries and the job that finds those applications someone else are one
 * transaction.
 */
export async function declareConflict(
  deps: Dependencies,
  request: { actor: Reviewer; companyId: string; reason: string },
): Promise<{ kind: 'declared' } | { kind: 'not-found' }> {
  if (!isStaff(request.actor)) return { kind: 'not-found' };
  const { actor, companyId, reason } = request;
  return deps.jobs.transaction(async (trx) => {
    if (!(await createCompanyRepository(trx).find(companyId))) return { kind: 'not-found' };
    const now = deps.now();
    const audit = createAuditLog(trx);
    const review = createReviewRepository(trx);
    await createReviewerRepository(trx).declareConflict(actor.userId, companyId, reason, now);
    await audit.append(
      { actorId: actor.userId, action: 'conflict-declared', subjectId: companyId, reason },
      now,
    );
    for (const entry of await review.openApplications()) {
      if (entry.companyId !== companyId || !(await review.unassign(entry.id, actor.userId))) continue;
      await audit.append(
        {
          actorId: actor.userId,
          action: 'unassigned',
          applicationId: entry.id,
          subjectId: actor.userId,
          reason: 'conflict of interest',
        },
        now,
      );
    }
    await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
    return { kind: 'declared' };
  });
}

/** A reviewer withdraws a conflict they declared: the declaration and its audit entry, in one transaction. */
export async function withdrawConflict(
  deps: Dependencies,
  request: { actor: Reviewer; companyId: string },
): Promise<{ kind: 'withdrawn' } | { kind: 'not-found' }> {
  if (!isStaff(request.actor)) return { kind: 'not-found' };
  const { actor, companyId } = request;
  return deps.jobs.transaction(async (trx) => {
    if (!(await createReviewerRepository(trx).withdrawConflict(actor.userId, companyId)))
      return { kind: 'not-found' };
    await createAuditLog(trx).append(
      { actorId: actor.userId, action: 'conflict-withdrawn', subjectId: companyId },
      deps.now(),
    );
    return { kind: 'withdrawn' };
  });
}

/**
 * A reviewer states the dimensions they know well. It changes no assignment already made, only which
 * reviewers automatic assignment prefers from now on.
 */
export async function saveExpertise(
  deps: Dependencies,
  request: { actor: Reviewer; expertise: readonly Dimension[] },
): Promise<{ kind: 'saved' } | { kind: 'not-allowed' }> {
  if (!isStaff(request.actor)) return { kind: 'not-allowed' };
  await deps.jobs.transaction((trx) =>
    createReviewerRepository(trx).saveExpertise(request.actor.userId, request.expertise),
  );
  return { kind: 'saved' };
}
