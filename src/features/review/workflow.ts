import type { Logger } from 'pino';
import type { MailKind } from './notification-rules';
import { pickReviewers, queuePlace } from './rules';
import type { Locale, Messages } from '../../platform/i18n';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobQueue } from '../../platform/jobs/queue';
import { enqueueMails } from './notify';
import type { ApplicationRepository } from '../applications';
import type { AuditLog } from '../../platform/audit/store';
import type { CompanyRepository } from '../companies';
import type { ProductRepository } from '../products';
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

  const reviewerUrl = (locale: Locale, applicationId: string) =>
    `${deps.baseUrl}/${locale}/review/applications/${applicationId}`;

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
  };
}

export type ReviewWorkflow = ReturnType<typeof createReviewWorkflow>;
