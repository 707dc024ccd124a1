import type { Principal } from '../../platform/auth/access';
import { createAuditLog } from '../../platform/audit/store';
import { canApply } from '../applications/rules';
import type { ReviewDependencies } from './dependencies';
import type { Outcome } from './rules';
import { staffApplication } from './staff-access';
import { createReviewRepository, type VerdictInput } from './store';

export interface RecordReviewRequest {
  actor: Principal & { userId: string };
  applicationId: string;
  /** The round the form was filled in for: a form left open over a new round changes nothing. */
  round: number;
  /** The verdicts chosen so far, per criterion. */
  verdicts: readonly VerdictInput[];
  /** Present when the reviewer submits (or revises) their review, not when they only save verdicts. */
  review?: { recommendation: Outcome; rationale: string };
}

export type RecordReviewResult =
  | { kind: 'saved' }
  | { kind: 'submitted' }
  /** Not there, a draft, or not this reviewer's to see. */
  | { kind: 'not-found' }
  /** Not assigned to this reviewer, decided meanwhile, or in another round now. */
  | { kind: 'not-reviewable' };

/**
 * Saves a reviewer's verdicts and, when they submit, their recommendation: access, the state, every
 * verdict, the review and its audit entry are one transaction.
 */
export async function recordReview(
  deps: Pick<ReviewDependencies, 'jobs' | 'now'>,
  request: RecordReviewRequest,
): Promise<RecordReviewResult> {
  return deps.jobs.transaction(async (trx) => {
    const staff = await staffApplication(trx, request.actor, request.applicationId);
    if (!staff) return { kind: 'not-found' };
    const { application, assigned } = staff;
    const review = createReviewRepository(trx);
    // Admins see the workspace too, but only the assigned reviewers give verdicts.
    if (!assigned || !canApply(application.status, 'review') || application.round !== request.round)
      return { kind: 'not-reviewable' };

    const now = deps.now();
    const { userId } = request.actor;
    if (!(await review.saveVerdicts(application.id, userId, request.round, request.verdicts, now)))
      return { kind: 'not-reviewable' };
    if (!request.review) return { kind: 'saved' };
    const { recommendation, rationale } = request.review;
    await review.submitReview(application.id, userId, request.round, recommendation, rationale, now);
    await createAuditLog(trx).append(
      {
        actorId: userId,
        action: 'review-submitted',
        applicationId: application.id,
        details: { round: request.round, recommendation },
      },
      now,
    );
    return { kind: 'submitted' };
  });
}
