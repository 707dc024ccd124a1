import type { Kysely } from 'kysely';
import type { Principal } from '../../platform/auth/access';
import { createAuditLog } from '../../platform/audit/store';
import type { ApplicationRow, Database } from '../../platform/db/schema';
import { createApplicationRepository } from '../applications';
import { createCompanyRepository } from '../companies';
import { createProductRepository } from '../products';
import { fillAssignmentsJob } from './decide';
import type { ReviewDependencies } from './dependencies';
import { enqueueMails } from './notify';
import { createReviewerRepository } from './reviewers-store';
import { checkManualAssignment, type ManualAssignmentRefusal } from './rules';
import { createReviewRepository, openReviewStatuses } from './store';

type Admin = Principal & { userId: string };

export type AssignResult =
  | { kind: 'assigned' }
  /** Not there, or not open for review: outsiders cannot tell these apart. */
  | { kind: 'not-found' }
  | { kind: 'already' }
  | { kind: 'refused'; refusal: ManualAssignmentRefusal };

/** The application an admin may change the reviewers of: one waiting for, in or between review rounds. */
async function openApplication(trx: Kysely<Database>, actor: Admin, applicationId: string) {
  if (actor.role !== 'admin') return undefined;
  const application = await createApplicationRepository(trx).find(applicationId);
  return application && openReviewStatuses.includes(application.status) ? application : undefined;
}

/**
 * An admin assigns a reviewer by hand: the assignment, its audit entry, the reviewer's mail and, once the
 * application has its reviewers, the start of the review are one transaction.
 */
export async function assignReviewer(
  deps: Pick<ReviewDependencies, 'jobs' | 'mailer' | 'settings' | 'baseUrl' | 'now'>,
  request: { actor: Admin; applicationId: string; reviewerId: string },
): Promise<AssignResult> {
  // Program settings are read before the transaction: on SQLite it holds the only connection.
  const { reviewersPerApplication } = await deps.settings.review();
  return deps.jobs.transaction(async (trx) => {
    const application = await openApplication(trx, request.actor, request.applicationId);
    if (!application) return { kind: 'not-found' };
    const review = createReviewRepository(trx);
    const member = await createReviewerRepository(trx).member(request.reviewerId);
    const refusal = checkManualAssignment(member, {
      companyId: application.organization_id,
      appealed: application.appealed_at !== null,
      formerReviewer: (await review.formerReviewers(application.id)).has(request.reviewerId),
    });
    if (refusal || !member) return { kind: 'refused', refusal: refusal ?? 'not-a-reviewer' };
    const now = deps.now();
    if (!(await review.assign(application.id, member.reviewerId, request.actor.userId, now)))
      return { kind: 'already' };
    await createAuditLog(trx).append(
      {
        actorId: request.actor.userId,
        action: 'assigned',
        applicationId: application.id,
        subjectId: member.reviewerId,
        reason: 'by an admin',
      },
      now,
    );
    await mailTheReviewer(trx, deps, application, { id: member.reviewerId, ...member });
    if ((await review.assignments(application.id)).length >= reviewersPerApplication) {
      await startReview(trx, application.id, now);
    }
    return { kind: 'assigned' };
  });
}

async function mailTheReviewer(
  trx: Kysely<Database>,
  deps: Pick<ReviewDependencies, 'mailer' | 'baseUrl'>,
  application: ApplicationRow,
  reviewer: { id: string; email: string; name: string; locale: string },
): Promise<void> {
  const [product, company] = await Promise.all([
    createProductRepository(trx).find(application.organization_id, application.product_id),
    createCompanyRepository(trx).find(application.organization_id),
  ]);
  const productName = product?.name ?? '';
  await enqueueMails(trx, deps.mailer, {
    kind: 'assigned',
    recipients: [reviewer],
    compose: (m, locale) => ({
      subject: m.reviewMail.assignedSubject(productName),
      body: m.reviewMail.assignedBody(
        productName,
        company?.name ?? '',
        `${deps.baseUrl}/${locale}/review/applications/${application.id}`,
      ),
    }),
  });
}

/** A submitted application with enough reviewers is in review. */
async function startReview(trx: Kysely<Database>, applicationId: string, now: Date): Promise<void> {
  if (await createApplicationRepository(trx).changeStatus(applicationId, 'submitted', 'in-review', now)) {
    await createAuditLog(trx).append({ actorId: null, action: 'review-started', applicationId }, now);
  }
}

/**
 * An admin takes a reviewer off an application, with a reason: the assignment, its audit entry and the
 * job that finds someone else are one transaction.
 */
export async function unassignReviewer(
  deps: Pick<ReviewDependencies, 'jobs' | 'now'>,
  request: {
    actor: Admin;
    applicationId: string;
    /** Whom to take off and why; undefined when the form did not say. */
    change: { reviewerId: string; reason: string } | undefined;
  },
): Promise<{ kind: 'unassigned' } | { kind: 'not-found' } | { kind: 'reason-missing' }> {
  return deps.jobs.transaction(async (trx) => {
    const application = await openApplication(trx, request.actor, request.applicationId);
    if (!application) return { kind: 'not-found' };
    if (!request.change) return { kind: 'reason-missing' };
    const { reviewerId, reason } = request.change;
    if (!(await createReviewRepository(trx).unassign(application.id, reviewerId)))
      return { kind: 'not-found' };
    await createAuditLog(trx).append(
      {
        actorId: request.actor.userId,
        action: 'unassigned',
        applicationId: application.id,
        subjectId: reviewerId,
        reason,
      },
      deps.now(),
    );
    await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
    return { kind: 'unassigned' };
  });
}
