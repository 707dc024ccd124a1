import { createAuditLog } from '../../platform/audit/store';
import { withRecommendedShare } from '../criteria/rules';
import { fillAssignmentsJob, createReviewRepository } from '../review';
import { submissionBlockers, type SubmissionBlocker } from '../review/decision-rules';
import { unansweredQuestions } from '../review/carry-rules';
import { mailQueued, mailResubmitted } from './action-mail';
import {
  manageable,
  type AccessRefusal,
  type ApplicantActionDependencies,
  type ApplicantActionRequest,
} from './manage-access';
import { canApply } from './rules';
import { snapshotOf } from './snapshot';
import { createApplicationRepository, type AnswerRecord } from './store';
import { enqueueEvidenceChecks } from '../evidence';

export type SubmitResult =
  | { kind: 'submitted' }
  /** The answers do not pass yet; the application page lists what is missing. */
  | { kind: 'incomplete'; blockers: SubmissionBlocker[] }
  /** No longer a draft (submitted meanwhile, or withdrawn). */
  | { kind: 'locked' }
  | AccessRefusal;

export type ResubmitResult =
  | { kind: 'resubmitted'; round: number }
  | { kind: 'incomplete'; blockers: SubmissionBlocker[] }
  /** A reviewer's question on each of these criteria waits for the company's answer. */
  | { kind: 'unanswered'; criterionIds: string[] }
  /** The reviewers did not ask for changes, or the company resubmitted meanwhile. */
  | { kind: 'locked' }
  | AccessRefusal;

/** What keeps these answers from review, by the application's pinned criteria; undefined if they are gone. */
function blockerCheck(
  deps: ApplicantActionDependencies,
  application: { criteria_version: number },
  recommendedShare: number | null,
): ((answers: ReadonlyMap<string, AnswerRecord>) => SubmissionBlocker[]) | undefined {
  const pinned = deps.criteria.versions.get(application.criteria_version);
  if (!pinned) return undefined;
  const version = withRecommendedShare(pinned, recommendedShare);
  return (answers) => submissionBlockers(version, answers);
}

/**
 * Submits a complete draft for review: the status, the answers of round 1, the audit entry, the company's
 * confirmation and the job that assigns reviewers are one transaction.
 */
export async function submit(
  deps: ApplicantActionDependencies,
  request: ApplicantActionRequest,
): Promise<SubmitResult> {
  // Program settings are read before the transaction: on SQLite it holds the only connection.
  const settings = await deps.settings.review();
  return deps.jobs.transaction(async (trx) => {
    const access = await manageable(trx, request);
    if (access.kind !== 'manageable') return access;
    const { application } = access;
    if (!canApply(application.status, 'submit')) return { kind: 'locked' };
    const check = blockerCheck(deps, application, settings.recommendedShare);
    if (!check) return { kind: 'not-found' };
    const applications = createApplicationRepository(trx);
    const now = deps.now();
    const submitted = await applications.submit(application.id, now, check);
    if (!submitted.ok)
      return 'reason' in submitted
        ? { kind: 'locked' }
        : { kind: 'incomplete', blockers: submitted.blockers };
    const answers = await applications.answers(application.id);
    await createReviewRepository(trx).saveSnapshot(application.id, 1, snapshotOf(answers), now);
    await createAuditLog(trx).append(
      { actorId: request.actor.userId, action: 'submitted', applicationId: application.id },
      now,
    );
    await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
    await enqueueEvidenceChecks(deps.jobs, trx, application.id);
    await mailQueued(trx, deps, {
      application,
      paused: settings.paused,
      event: `submitted:${application.id}`,
      wording: (m) => ({ subject: m.reviewMail.submittedSubject, body: m.reviewMail.submittedBody }),
    });
    return { kind: 'submitted' };
  });
}

/**
 * The company answered the reviewers' questions: a new round starts with the answers as they are now, which
 * must still be complete, and only once every question has the company's reply. The round, its snapshot,
 * the audit entry and the reviewers' mail are one transaction.
 */
export async function resubmit(
  deps: ApplicantActionDependencies,
  request: ApplicantActionRequest,
): Promise<ResubmitResult> {
  // Program settings are read before the transaction: on SQLite it holds the only connection.
  const settings = await deps.settings.review();
  return deps.jobs.transaction(async (trx) => {
    const access = await manageable(trx, request);
    if (access.kind !== 'manageable') return access;
    const { application } = access;
    if (!canApply(application.status, 'resubmit')) return { kind: 'locked' };
    const check = blockerCheck(deps, application, settings.recommendedShare);
    if (!check) return { kind: 'not-found' };
    const answers = await createApplicationRepository(trx).answers(application.id);
    const blockers = check(answers);
    if (blockers.length > 0) return { kind: 'incomplete', blockers };
    // A question a reviewer posts meanwhile waits for this transaction, or this one for it: never both pass.
    await createApplicationRepository(trx).hold(application.id);
    const review = createReviewRepository(trx);
    const unanswered = unansweredQuestions(await review.messages(application.id));
    if (unanswered.length > 0) return { kind: 'unanswered', criterionIds: unanswered };
    const now = deps.now();
    const round = await review.resubmit(application.id, snapshotOf(answers), now);
    if (round === undefined) return { kind: 'locked' };
    await createAuditLog(trx).append(
      {
        actorId: request.actor.userId,
        action: 'resubmitted',
        applicationId: application.id,
        details: { round },
      },
      now,
    );
    await mailResubmitted(trx, deps, application, round);
    await enqueueEvidenceChecks(deps.jobs, trx, application.id);
    return { kind: 'resubmitted', round };
  });
}
