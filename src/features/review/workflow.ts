import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { createAuditLog } from '../../platform/audit/store';
import { queuePlace } from './rules';
import { pickCoveringReviewers, returningReviewers, weakestDimensions } from './assignment-rules';
import type { CriteriaCatalogue } from '../criteria';
import { dimensions, type Dimension } from '../criteria/dimensions-rules';
import type { Locale } from '../../platform/i18n';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobQueue } from '../../platform/jobs/queue';
import { enqueueMails } from './notify';
import { createApplicationRepository } from '../applications';
import { createReviewRepository, type QueueEntry, type ReviewRepository } from './store';
import type { PoolMember, ReviewerRepository } from './reviewers-store';
import type { SettingsRepository } from '../../platform/settings/store';

export interface ReviewWorkflowDependencies {
  review: ReviewRepository;
  reviewers: ReviewerRepository;
  settings: SettingsRepository;
  jobs: JobQueue;
  mailer: QueuedMailer;
  baseUrl: string;
  now: () => Date;
  /** To read an application's weakest dimensions from its self-assessment. */
  criteria: CriteriaCatalogue;
}

/**
 * Queueing and assignment by load, run by the `review.fill-assignments` job that every change which frees
 * or needs a reviewer enqueues. The other steps of the review are use cases of their own.
 */
export function createReviewWorkflow(deps: ReviewWorkflowDependencies) {
  const { review, reviewers, settings } = deps;

  const reviewerUrl = (locale: Locale, applicationId: string) =>
    `${deps.baseUrl}/${locale}/review/applications/${applicationId}`;

  async function queuePlaceOf(applicationId: string): Promise<number | undefined> {
    const waiting = (await review.openApplications()).filter((entry) => entry.status === 'submitted');
    return queuePlace(waiting, applicationId);
  }

  /**
   * Gives every open application that is short of reviewers as many as the pool allows, oldest first,
   * and starts the review of those that have enough. Does nothing while reviews are paused. Each
   * application's assignments, their audit entries, the reviewers' mail and the start of its review are
   * one transaction: a worker that dies half-way leaves an application as it was, and the retried job
   * picks it up again.
   */
  async function fillAssignments(): Promise<void> {
    const { paused, reviewersPerApplication } = await settings.review();
    if (paused) return;
    const pool = await reviewers.pool();
    for (const entry of await review.openApplications()) {
      await deps.jobs.transaction((trx) => fillOne(trx, entry, pool, reviewersPerApplication));
    }
  }

  /** The application's weakest dimensions, from its answers against its pinned criteria version. */
  async function weakestOf(trx: Kysely<Database>, applicationId: string): Promise<Dimension[]> {
    const applications = createApplicationRepository(trx);
    const application = await applications.find(applicationId);
    const version = application && deps.criteria.versions.get(application.criteria_version);
    if (!version) return [];
    const answers = await applications.answers(applicationId);
    return weakestDimensions(
      version.criteria,
      new Map([...answers].map(([id, answer]) => [id, answer.status])),
      dimensions,
    );
  }

  /** Who reviewed the certified application this one was started from (an update, a renewal), if any. */
  async function certifiedBy(trx: Kysely<Database>, applicationId: string): Promise<Set<string>> {
    const applications = createApplicationRepository(trx);
    const sourceId = (await applications.find(applicationId))?.source_application_id;
    const source = sourceId ? await applications.find(sourceId) : undefined;
    if (source?.status !== 'certified') return new Set();
    return new Set((await createReviewRepository(trx).assignments(source.id)).map((row) => row.reviewerId));
  }

  async function fillOne(
    trx: Kysely<Database>,
    entry: QueueEntry,
    pool: PoolMember[],
    reviewersPerApplication: number,
  ): Promise<void> {
    const reviewIn = createReviewRepository(trx);
    const now = deps.now();
    const assigned = new Set((await reviewIn.assignments(entry.id)).map((row) => row.reviewerId));
    // An appeal goes to reviewers who took no part in the decision it challenges.
    const excluded = entry.appealedAt
      ? new Set([...assigned, ...(await reviewIn.formerReviewers(entry.id))])
      : assigned;
    const weakest = await weakestOf(trx, entry.id);
    const covered = new Set(
      pool.filter((member) => assigned.has(member.reviewerId)).flatMap((m) => [...m.expertise]),
    );
    const needed = reviewersPerApplication - assigned.size;
    // An update of a certified application goes back to its reviewers where they can take it: their
    // verdicts carry over. An appeal never does (its reviewers are excluded above).
    const returning = entry.appealedAt
      ? []
      : returningReviewers(pool, entry.companyId, excluded, await certifiedBy(trx, entry.id), needed);
    const picked = [
      ...returning,
      ...pickCoveringReviewers(
        pool,
        entry.companyId,
        new Set([...excluded, ...returning]),
        needed - returning.length,
        weakest,
        covered,
      ),
    ];
    for (const reviewerId of picked) {
      if (!(await reviewIn.assign(entry.id, reviewerId, null, now))) continue;
      assigned.add(reviewerId);
      const member = pool.find((candidate) => candidate.reviewerId === reviewerId);
      if (member) member.load += 1;
      await createAuditLog(trx).append(
        {
          actorId: null,
          action: 'assigned',
          applicationId: entry.id,
          subjectId: reviewerId,
          reason: returning.includes(reviewerId)
            ? 'as a reviewer of the certified application'
            : member && weakest.some((dimension) => member.expertise.has(dimension))
              ? 'by load and expertise'
              : 'by load',
        },
        now,
      );
      if (!member) continue;
      await enqueueMails(trx, deps.mailer, {
        kind: 'assigned',
        recipients: [{ id: reviewerId, ...member }],
        compose: (m, locale) => ({
          subject: m.reviewMail.assignedSubject(entry.productName),
          body: m.reviewMail.assignedBody(
            entry.productName,
            entry.companyName,
            reviewerUrl(locale, entry.id),
          ),
        }),
      });
    }
    const startsNow = entry.status === 'submitted' && assigned.size >= reviewersPerApplication;
    if (
      startsNow &&
      (await createApplicationRepository(trx).changeStatus(entry.id, 'submitted', 'in-review', now))
    ) {
      await createAuditLog(trx).append(
        { actorId: null, action: 'review-started', applicationId: entry.id },
        now,
      );
    }
  }

  return {
    fillAssignments,
    queuePlaceOf,
  };
}

export type ReviewWorkflow = ReturnType<typeof createReviewWorkflow>;
