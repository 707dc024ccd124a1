import type { Logger } from 'pino';
import type { ApplicationRow } from '../../platform/db/schema';
import type { MailKind } from './notification-rules';
import { pickReviewers, queuePlace, type Outcome } from './rules';
import type { Locale, Messages } from '../../platform/i18n';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobQueue } from '../../platform/jobs/queue';
import { enqueueMails } from './notify';
import type { ApplicationRepository } from '../applications/store';
import type { AuditLog } from '../../platform/audit/store';
import type { CompanyRepository } from '../companies/store';
import type { ProductRepository } from '../products/store';
import type { ReviewRepository } from './store';
import type { ReviewerRepository } from './reviewers-store';
import type { SettingsRepository } from '../../platform/settings/store';

export interface ReviewWorkflowDependencies {
  applications: ApplicationRepository;
  products: ProductRepository;
  review: ReviewRepository;
  reviewers: ReviewerRepository;
  companies: CompanyRepository;
  settings: SettingsRepository;
  audit: AuditLog;
  jobs: JobQueue;
  mailer: QueuedMailer;
  baseUrl: string;
  logger: Logger;
  now: () => Date;
}

interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: string;
}

/**
 * The review's moving parts that span several tables and send mail: queueing and assignment by load,
 * the start of each round, decisions, pausing and resuming. Every state change is written to the audit
 * log; mail failures are logged and never undo a change that was already made.
 */
export function createReviewWorkflow(deps: ReviewWorkflowDependencies) {
  const { review, reviewers, settings, audit } = deps;

  /**
   * Mail that follows a change this workflow has already made: enqueued on its own. (Use cases that have
   * moved to src/features enqueue their mail in the change's own transaction.) Never undoes the change.
   */
  async function send(
    kind: MailKind,
    recipients: readonly Recipient[],
    compose: (m: Messages, locale: Locale) => { subject: string; body: string },
  ) {
    try {
      await deps.jobs.transaction((trx) => enqueueMails(trx, deps.mailer, { kind, recipients, compose }));
    } catch (error) {
      deps.logger.error({ err: error, kind }, 'review mail could not be enqueued');
    }
  }

  const applicantUrl = (locale: Locale, applicationId: string) =>
    `${deps.baseUrl}/${locale}/applications/${applicationId}`;
  const reviewerUrl = (locale: Locale, applicationId: string) =>
    `${deps.baseUrl}/${locale}/review/applications/${applicationId}`;

  async function productName(application: ApplicationRow): Promise<string> {
    return (await deps.products.find(application.organization_id, application.product_id))?.name ?? '';
  }

  async function queuePlaceOf(applicationId: string): Promise<number | undefined> {
    const waiting = (await review.openApplications()).filter((entry) => entry.status === 'submitted');
    return queuePlace(waiting, applicationId);
  }

  /**
   * Gives every open application that is short of reviewers as many as the pool allows, oldest first,
   * and starts the review of those that have enough. Does nothing while reviews are paused.
   */
  async function fillAssignments(): Promise<void> {
    const { paused, reviewersPerApplication } = await settings.review();
    if (paused) return;
    const pool = await reviewers.pool();
    for (const entry of await review.openApplications()) {
      const assigned = new Set((await review.assignments(entry.id)).map((row) => row.reviewerId));
      // An appeal goes to reviewers who took no part in the decision it challenges.
      const excluded = entry.appealedAt
        ? new Set([...assigned, ...(await review.formerReviewers(entry.id))])
        : assigned;
      const picked = pickReviewers(pool, entry.companyId, excluded, reviewersPerApplication - assigned.size);
      for (const reviewerId of picked) {
        if (!(await review.assign(entry.id, reviewerId, null, deps.now()))) continue;
        assigned.add(reviewerId);
        const member = pool.find((candidate) => candidate.reviewerId === reviewerId);
        if (member) member.load += 1;
        await audit.append(
          {
            actorId: null,
            action: 'assigned',
            applicationId: entry.id,
            subjectId: reviewerId,
            reason: 'by load',
          },
          deps.now(),
        );
        if (member) {
          await send('assigned', [{ id: reviewerId, ...member }], (m, locale) => ({
            subject: m.reviewMail.assignedSubject(entry.productName),
            body: m.reviewMail.assignedBody(
              entry.productName,
              entry.companyName,
              reviewerUrl(locale, entry.id),
            ),
          }));
        }
      }
      if (entry.status === 'submitted' && assigned.size >= reviewersPerApplication) {
        await startReview(entry.id);
      }
    }
  }

  async function startReview(applicationId: string): Promise<void> {
    if (await deps.applications.changeStatus(applicationId, 'submitted', 'in-review', deps.now())) {
      await audit.append({ actorId: null, action: 'review-started', applicationId }, deps.now());
    }
  }

  return {
    fillAssignments,
    queuePlaceOf,

    /**
     * An admin assigns a reviewer by hand; conflicts of interest are refused here as everywhere, and so
     * is a reviewer without two-factor authentication, who could not open the application.
     */
    async assignByAdmin(
      application: ApplicationRow,
      reviewerId: string,
      adminId: string,
    ): Promise<
      | 'assigned'
      | 'member-of-company'
      | 'conflicted'
      | 'not-a-reviewer'
      | 'already'
      | 'took-part'
      | 'no-two-factor'
    > {
      const member = await reviewers.member(reviewerId);
      if (!member) return 'not-a-reviewer';
      if (member.memberOfCompanyIds.has(application.organization_id)) return 'member-of-company';
      if (member.conflictedCompanyIds.has(application.organization_id)) return 'conflicted';
      if (!member.twoFactorEnabled) return 'no-two-factor';
      if (application.appealed_at && (await review.formerReviewers(application.id)).has(reviewerId))
        return 'took-part';
      if (!(await review.assign(application.id, reviewerId, adminId, deps.now()))) return 'already';
      await audit.append(
        {
          actorId: adminId,
          action: 'assigned',
          applicationId: application.id,
          subjectId: reviewerId,
          reason: 'by an admin',
        },
        deps.now(),
      );
      const product = await productName(application);
      const company = (await deps.companies.find(application.organization_id))?.name ?? '';
      await send('assigned', [{ id: reviewerId, ...member }], (m, locale) => ({
        subject: m.reviewMail.assignedSubject(product),
        body: m.reviewMail.assignedBody(product, company, reviewerUrl(locale, application.id)),
      }));
      const { reviewersPerApplication } = await settings.review();
      if ((await review.assignments(application.id)).length >= reviewersPerApplication) {
        await startReview(application.id);
      }
      return 'assigned';
    },

    async unassign(
      application: ApplicationRow,
      reviewerId: string,
      actorId: string,
      reason: string,
    ): Promise<boolean> {
      if (!(await review.unassign(application.id, reviewerId))) return false;
      await audit.append(
        { actorId, action: 'unassigned', applicationId: application.id, subjectId: reviewerId, reason },
        deps.now(),
      );
      await fillAssignments();
      return true;
    },

    /**
     * A reviewer declared a conflict with a company: they leave every open application of it at once,
     * and those applications get someone else.
     */
    async conflictDeclared(reviewerId: string, companyId: string, reason: string): Promise<void> {
      await reviewers.declareConflict(reviewerId, companyId, reason, deps.now());
      await audit.append(
        { actorId: reviewerId, action: 'conflict-declared', subjectId: companyId, reason },
        deps.now(),
      );
      for (const entry of await review.openApplications()) {
        if (entry.companyId !== companyId) continue;
        if (await review.unassign(entry.id, reviewerId)) {
          await audit.append(
            {
              actorId: reviewerId,
              action: 'unassigned',
              applicationId: entry.id,
              subjectId: reviewerId,
              reason: 'conflict of interest',
            },
            deps.now(),
          );
        }
      }
      await fillAssignments();
    },

    async reviewSubmitted(applicationId: string, reviewerId: string, round: number, recommendation: Outcome) {
      await audit.append(
        {
          actorId: reviewerId,
          action: 'review-submitted',
          applicationId,
          details: { round, recommendation },
        },
        deps.now(),
      );
    },

    async pause(message: Record<string, string>, adminId: string): Promise<void> {
      await settings.setPause(true, message);
      await audit.append(
        { actorId: adminId, action: 'reviews-paused', reason: message['en'] ?? '' },
        deps.now(),
      );
    },

    /** Resumes reviews, tells every company waiting in the queue, then assigns as capacity allows. */
    async resume(adminId: string): Promise<number> {
      await settings.setPause(false, {});
      await audit.append({ actorId: adminId, action: 'reviews-resumed' }, deps.now());
      const waiting = (await review.openApplications()).filter((entry) => entry.status === 'submitted');
      for (const entry of waiting) {
        const place = queuePlace(waiting, entry.id);
        await send('reviews-resumed', await deps.companies.members(entry.companyId), (m, locale) => ({
          subject: m.reviewMail.resumedSubject,
          body: m.reviewMail.resumedBody(entry.productName, place, applicantUrl(locale, entry.id)),
        }));
      }
      await fillAssignments();
      return waiting.length;
    },
  };
}

export type ReviewWorkflow = ReturnType<typeof createReviewWorkflow>;
