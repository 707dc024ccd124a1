import type { Lifecycle } from '../registry/lifecycle';
import type { ApplicationRepository } from '../applications/store';
import type { AuditLog } from '../../platform/audit/store';
import type { ReReviewRepository } from '../review/re-reviews-store';
import type { ReReviewWorkflow } from '../review/re-review';
import type { ReviewWorkflow } from '../review/workflow';
import type { ReleaseFiles } from '../../platform/storage/cleanup';
import type { AccountData } from './account-data';

export interface DepartureDependencies {
  accountData: AccountData;
  applications: ApplicationRepository;
  reReviews: ReReviewRepository;
  reReviewWorkflow: ReReviewWorkflow;
  workflow: ReviewWorkflow;
  lifecycle: Lifecycle;
  audit: AuditLog;
  releaseFiles: ReleaseFiles;
  now: () => Date;
}

/**
 * What follows when a person deletes their account or an owner closes their company: the record keeps
 * what it must without the person's name, marks end, files go, and reviewers' work is handed on.
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

    /**
     * Closes a company: its marks end first (nothing of it may stay valid once it is gone), then
     * `deleteCompany` removes it with its products and applications, then its unshared evidence files.
     * False, with nothing deleted, when `deleteCompany` refuses.
     */
    async closeCompany(
      company: { id: string; name: string },
      actorId: string,
      publicReason: string,
      deleteCompany: () => Promise<boolean>,
    ): Promise<boolean> {
      await deps.lifecycle.endForClosedCompany(company.id, publicReason, actorId);
      const storedFiles = await deps.applications.companyStoredFiles(company.id);
      if (!(await deleteCompany())) return false;
      await deps.releaseFiles(storedFiles);
      await deps.audit.append(
        { actorId, action: 'company-closed', subjectId: company.id, details: { name: company.name } },
        deps.now(),
      );
      // Its reviewers' capacity is free again.
      await deps.workflow.fillAssignments();
      return true;
    },
  };
}

export type Departures = ReturnType<typeof createDepartures>;
