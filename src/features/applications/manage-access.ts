import type { Kysely } from 'kysely';
import type { Principal } from '../../platform/auth/access';
import type { ApplicationRow, Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs/queue';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { ReviewSettings } from '../../platform/settings/store';
import type { CriteriaCatalogue } from '../criteria';
import { createCompanyRepository, type CompanyMembership } from '../companies';
import { createReviewRepository, createReviewerRepository } from '../review';
import { decideManageAccess } from './access-rules';
import type { ApplicationStatus } from './rules';
import { createApplicationRepository } from './store';

/** What the company's actions on an application need: the queue for their transaction and follow-up work. */
export interface ApplicantActionDependencies {
  jobs: JobQueue;
  mailer: QueuedMailer;
  criteria: CriteriaCatalogue;
  settings: { review(): Promise<ReviewSettings> };
  baseUrl: string;
  now: () => Date;
}

export interface ApplicantActionRequest {
  actor: Principal;
  applicationId: string;
}

/** Refusals every action shares: not there (or not the actor's to know of), or not the actor's to decide. */
export type AccessRefusal = { kind: 'not-found' } | { kind: 'forbidden' };

export type Manageable =
  | {
      kind: 'manageable';
      application: ApplicationRow & { status: ApplicationStatus };
      membership: CompanyMembership;
    }
  | AccessRefusal;

/**
 * The application, read in the action's transaction, if the actor may act for its company. Staff who may
 * read it learn that they may not act (`forbidden`) unless `staffRefusal` hides it from them as well.
 */
export async function manageable(
  trx: Kysely<Database>,
  request: ApplicantActionRequest,
  staffRefusal: 'forbidden' | 'not-found' = 'forbidden',
): Promise<Manageable> {
  const application = await createApplicationRepository(trx).find(request.applicationId);
  if (!application) return { kind: 'not-found' };
  const membership = await createCompanyRepository(trx).membershipById(
    application.organization_id,
    request.actor.userId,
  );
  const assigned = !membership && (await isAssignedReviewer(trx, application, request.actor.userId));
  const access = decideManageAccess(request.actor, { role: membership?.role, assigned }, staffRefusal);
  if (!access.allowed) return { kind: access.reason };
  if (!membership) return { kind: 'not-found' };
  return { kind: 'manageable', application, membership };
}

/** Assigned reviewers without a conflict may read a submitted application (see access-rules.ts). */
async function isAssignedReviewer(
  trx: Kysely<Database>,
  application: ApplicationRow,
  userId: string,
): Promise<boolean> {
  if (application.status === 'draft') return false;
  const assignments = await createReviewRepository(trx).assignments(application.id);
  if (!assignments.some((row) => row.reviewerId === userId)) return false;
  return !(await createReviewerRepository(trx).isConflicted(userId, application.organization_id));
}
