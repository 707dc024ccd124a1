import { createAuditLog } from '../../platform/audit/store';
import { fillAssignmentsJob } from '../review';
import {
  manageable,
  type AccessRefusal,
  type ApplicantActionDependencies,
  type ApplicantActionRequest,
} from './manage-access';
import { canApply, transition } from './rules';
import { createApplicationRepository } from './store';

export type WithdrawResult =
  | { kind: 'withdrawn' }
  /** Decided or withdrawn already: nothing left to withdraw. */
  | { kind: 'locked' }
  /** Another request moved the application between reading and writing. */
  | { kind: 'changed' }
  | AccessRefusal;

export type DeleteDraftResult =
  /** The company's slug, for the way back to its products. */
  { kind: 'deleted'; companySlug: string } | { kind: 'locked' } | AccessRefusal;

export type KeepResult = { kind: 'kept' | 'released' } | { kind: 'locked' } | AccessRefusal;

type Dependencies = Pick<ApplicantActionDependencies, 'jobs' | 'now'>;

/**
 * The company withdraws its application before a decision: the status, the audit entry and the job that
 * gives the freed reviewers the next application are one transaction.
 */
export async function withdraw(deps: Dependencies, request: ApplicantActionRequest): Promise<WithdrawResult> {
  return deps.jobs.transaction(async (trx) => {
    const access = await manageable(trx, request);
    if (access.kind !== 'manageable') return access;
    const { application } = access;
    if (!canApply(application.status, 'withdraw')) return { kind: 'locked' };
    const now = deps.now();
    const to = transition(application.status, 'withdraw');
    if (!(await createApplicationRepository(trx).changeStatus(application.id, application.status, to, now)))
      return { kind: 'changed' };
    await createAuditLog(trx).append(
      {
        actorId: request.actor.userId,
        action: 'withdrawn',
        applicationId: application.id,
        details: { from: application.status },
      },
      now,
    );
    // The reviewers' capacity is free again for the next in the queue.
    await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
    return { kind: 'withdrawn' };
  });
}

/** Deletes a draft with its answers and evidence; the audit log keeps that it happened, and who did it. */
export async function deleteDraft(
  deps: Dependencies,
  request: ApplicantActionRequest,
): Promise<DeleteDraftResult> {
  return deps.jobs.transaction(async (trx) => {
    const access = await manageable(trx, request);
    if (access.kind !== 'manageable') return access;
    const { application, membership } = access;
    if (!canApply(application.status, 'delete')) return { kind: 'locked' };
    if (!(await createApplicationRepository(trx).deleteDraft(application.id))) return { kind: 'locked' };
    await createAuditLog(trx).append(
      { actorId: request.actor.userId, action: 'draft-deleted', applicationId: application.id },
      deps.now(),
    );
    return { kind: 'deleted', companySlug: membership.slug };
  });
}

/** Owners and administrators keep an unsuccessful application past the retention period, or let it go. */
export async function keep(
  deps: Dependencies,
  request: ApplicantActionRequest & { kept: boolean },
): Promise<KeepResult> {
  return deps.jobs.transaction(async (trx) => {
    // Only the company's own people learn that the application exists here.
    const access = await manageable(trx, request, 'not-found');
    if (access.kind !== 'manageable') return access;
    const { application } = access;
    if (!(await createApplicationRepository(trx).setKept(application.id, request.kept)))
      return { kind: 'locked' };
    await createAuditLog(trx).append(
      {
        actorId: request.actor.userId,
        action: request.kept ? 'application-kept' : 'application-released',
        applicationId: application.id,
      },
      deps.now(),
    );
    return { kind: request.kept ? 'kept' : 'released' };
  });
}
