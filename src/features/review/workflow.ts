import type { Logger } from 'pino';
import type { ApplicationRow } from '../../platform/db/schema';
import type { ApplicationStatus } from '../applications/rules';
import type { MailKind } from './notification-rules';
import { pickReviewers, queuePlace } from './rules';
import type { Locale, Messages } from '../../platform/i18n';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobQueue } from '../../platform/jobs/queue';
import { enqueueMails } from './notify';
import type { AnswerRecord, ApplicationRepository } from '../applications/store';
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

/** What a snapshot keeps of an answer: enough to show a reviewer what changed between rounds. */
export interface SnapshotAnswer {
  status: string | null;
  explanation: string;
  evidence: string[];
}

export function snapshotOf(answers: ReadonlyMap<string, AnswerRecord>): string {
  const entries = [...answers.values()].map((answer): [string, SnapshotAnswer] => [
    answer.criterionId,
    {
      status: answer.status,
      explanation: answer.explanation,
      evidence: [
        ...answer.links.map((link) => `${link.title} <${link.url}>`),
        ...answer.files.map((file) => file.file_name),
      ],
    },
  ]);
  return JSON.stringify(Object.fromEntries(entries));
}

export function parseSnapshot(json: string | undefined): Map<string, SnapshotAnswer> {
  if (!json) return new Map();
  return new Map(Object.entries(JSON.parse(json) as Record<string, SnapshotAnswer>));
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

  async function assignedReviewers(applicationId: string): Promise<Recipient[]> {
    const assigned = new Set((await review.assignments(applicationId)).map((row) => row.reviewerId));
    return (await reviewers.pool())
      .filter((member) => assigned.has(member.reviewerId))
      .map((member) => ({
        id: member.reviewerId,
        email: member.email,
        name: member.name,
        locale: member.locale,
      }));
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

  /** Tells the company its application is in the queue (after a submission or an appeal), and where. */
  async function confirmQueued(
    application: ApplicationRow,
    wording: (m: Messages) => {
      subject: (product: string) => string;
      body: (product: string, place: number | undefined, paused: boolean, url: string) => string;
    },
  ): Promise<void> {
    const [product, place, { paused }, members] = await Promise.all([
      productName(application),
      queuePlaceOf(application.id),
      settings.review(),
      deps.companies.members(application.organization_id),
    ]);
    await send('submitted', members, (m, locale) => ({
      subject: wording(m).subject(product),
      body: wording(m).body(product, place, paused, applicantUrl(locale, application.id)),
    }));
  }

  async function startReview(applicationId: string): Promise<void> {
    if (await deps.applications.changeStatus(applicationId, 'submitted', 'in-review', deps.now())) {
      await audit.append({ actorId: null, action: 'review-started', applicationId }, deps.now());
    }
  }

  return {
    fillAssignments,
    queuePlaceOf,

    /** After the applicant submitted: keep the answers of round 1, tell the company, and assign if possible. */
    async submitted(application: ApplicationRow, actorId: string): Promise<void> {
      const answers = await deps.applications.answers(application.id);
      await review.saveSnapshot(application.id, 1, snapshotOf(answers), deps.now());
      await audit.append({ actorId, action: 'submitted', applicationId: application.id }, deps.now());
      await fillAssignments();
      await confirmQueued(application, (m) => ({
        subject: m.reviewMail.submittedSubject,
        body: m.reviewMail.submittedBody,
      }));
    },

    async withdrawn(application: ApplicationRow, actorId: string, from: ApplicationStatus): Promise<void> {
      await audit.append(
        { actorId, action: 'withdrawn', applicationId: application.id, details: { from } },
        deps.now(),
      );
      // The reviewers' capacity is free again for the next in the queue.
      await fillAssignments();
    },

    /**
     * The company appeals a "not certified" decision: the reasons are kept, the application returns to
     * the queue with a new round, and reviewers who took no part are assigned as capacity allows.
     */
    async appeal(application: ApplicationRow, reason: string, actorId: string): Promise<boolean> {
      const answers = await deps.applications.answers(application.id);
      const round = await review.appeal(application.id, reason, snapshotOf(answers), deps.now());
      if (round === undefined) return false;
      await audit.append(
        { actorId, action: 'appealed', applicationId: application.id, details: { round }, reason },
        deps.now(),
      );
      await fillAssignments();
      await confirmQueued(application, (m) => ({
        subject: m.reviewMail.appealSubject,
        body: m.reviewMail.appealBody,
      }));
      return true;
    },

    /** The applicant answered the questions: a new round starts with the answers as they are now. */
    async resubmit(application: ApplicationRow, actorId: string): Promise<number | undefined> {
      const answers = await deps.applications.answers(application.id);
      const round = await review.resubmit(application.id, snapshotOf(answers), deps.now());
      if (round === undefined) return undefined;
      await audit.append(
        { actorId, action: 'resubmitted', applicationId: application.id, details: { round } },
        deps.now(),
      );
      const product = await productName(application);
      await send('resubmitted', await assignedReviewers(application.id), (m, locale) => ({
        subject: m.reviewMail.resubmittedSubject(product),
        body: m.reviewMail.resubmittedBody(product, round, reviewerUrl(locale, application.id)),
      }));
      return round;
    },
  };
}

export type ReviewWorkflow = ReturnType<typeof createReviewWorkflow>;
