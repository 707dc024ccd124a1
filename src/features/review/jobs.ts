import { z } from 'zod';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobHandler } from '../../platform/jobs/worker';
import type { Lifecycle } from '../registry';
import { createApplicationRepository } from '../applications';
import { fillAssignmentsJob, issueCertificationJob, mailTheCompany } from './decide';

const issuePayload = z.object({ applicationId: z.string(), rationale: z.string(), event: z.string() });

/** The follow-up work of review decisions, run by the job worker. */
export function reviewJobHandlers(deps: {
  lifecycle: Pick<Lifecycle, 'issue'>;
  fillAssignments: () => Promise<void>;
  mailer: QueuedMailer;
  baseUrl: string;
}): Record<string, JobHandler> {
  return {
    // Publishes the certified application, and mails the company the links to its mark in the same
    // transaction. Run twice, the second run finds the certification and does nothing.
    [issueCertificationJob]: async (payload) => {
      const { applicationId, rationale, event } = issuePayload.parse(payload);
      await deps.lifecycle.issue(applicationId, async (trx, certificationId) => {
        const application = await createApplicationRepository(trx).find(applicationId);
        if (!application) return;
        const decision = { ...application, outcome: 'certify' as const, rationale };
        await mailTheCompany(trx, deps, decision, event, certificationId);
      });
    },
    // Assignment by load is idempotent: it only fills what is missing.
    [fillAssignmentsJob]: () => deps.fillAssignments(),
  };
}
