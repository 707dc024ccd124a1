import { createAuditLog } from '../../platform/audit/store';
import type { JobQueue } from '../../platform/jobs/queue';
import {
  createReReviewRepository,
  createReviewerRepository,
  fillAssignmentsJob,
  type ReReviewWorkflow,
} from '../review';
import { createAccountData } from './account-data';

export interface DepartureDependencies {
  reReviewWorkflow: ReReviewWorkflow;
  jobs: JobQueue;
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
      // Better Auth deleted the account in a transaction of its own; what follows is one more, whose
      // job hands a deleted reviewer's open applications to someone else.
      const unfinished = await deps.jobs.transaction(async (trx) => {
        await createAccountData(trx).forgetName(userId);
        await createReviewerRepository(trx).forgetPoolMember(userId);
        const withdrawn = await createReReviewRepository(trx).withdrawReviewer(userId);
        await createAuditLog(trx).append(
          { actorId: null, action: 'account-deleted', subjectId: userId },
          deps.now(),
        );
        await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
        return withdrawn;
      });
      for (const reReviewId of unfinished) await deps.reReviewWorkflow.refill(reReviewId);
    },
  };
}

export type Departures = ReturnType<typeof createDepartures>;
