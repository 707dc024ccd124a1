import type { AuditLog } from '../../platform/audit/store';
import type { ReReviewRepository, ReReviewWorkflow, ReviewWorkflow } from '../review';
import type { AccountData } from './account-data';

export interface DepartureDependencies {
  accountData: AccountData;
  reReviews: ReReviewRepository;
  reReviewWorkflow: ReReviewWorkflow;
  workflow: ReviewWorkflow;
  audit: AuditLog;
  now: () => Date;
}

/**
 * What follows when a person deletes their account: the record keeps what it must without the
 * person's name, and reviewers' work is handed on. (A company's closure is companies/actions.ts.)
 */
export function createDepartures(deps: DepartureDependencies) {
  return {
    /** After Better Auth deleted the account (and its sessions). */
    async accountDeleted(userId: string): Promise<void> {
      await deps.accountData.forgetName(userId);
      const unfinished = await deps.reReviews.withdrawReviewer(userId);
      await deps.audit.append({ actorId: null, action: 'account-deleted', subjectId: userId }, deps.now());
      // A deleted reviewer's open applications and re-reviews go to someone else.
      await deps.workflow.fillAssignments();
      for (const reReviewId of unfinished) await deps.reReviewWorkflow.refill(reReviewId);
    },
  };
}

export type Departures = ReturnType<typeof createDepartures>;
