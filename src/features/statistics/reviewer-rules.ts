import { percentile } from './rules';

/**
 * Per reviewer: reviews done, the median time from being given the work to submitting it, and how often
 * their verdicts were later overturned. Pure: the store hands in plain rows.
 */

export interface SubmittedReview {
  reviewerId: string;
  applicationId: string;
  round: number;
  submittedAt: string;
  /** When the reviewer was assigned (the current assignment), null if they have since been taken off. */
  assignedAt: string | null;
  /** When the round began (its snapshot was taken), null where none was recorded. */
  roundStartedAt: string | null;
}

/**
 * The time a review took: from when the reviewer could start it — the later of their assignment and the
 * start of the round (a round-2 review starts when the company resubmits, not at the first assignment) —
 * to its submission. Undefined when neither start is known.
 */
export function reviewHours(review: SubmittedReview): number | undefined {
  const starts = [review.assignedAt, review.roundStartedAt].filter((start): start is string => !!start);
  if (starts.length === 0) return undefined;
  const start = Math.max(...starts.map((start) => Date.parse(start)));
  return Math.max(0, (Date.parse(review.submittedAt) - start) / 3_600_000);
}

/**
 * Whether the decision of the round went against a reviewer's verdict on a criterion:
 * - they found it "not met" or "needs clarification", and the application was certified in that round
 *   anyway (certifying settles every criterion as good enough); or
 * - they accepted it, another reviewer of the round found it "not met", and the round ended "not certified"
 *   (the decision went the other reviewer's way).
 * Verdicts of rounds without a decision, or ending in a request for changes, are never overturned: the
 * company's next answer, not the decision, settles them.
 */
export function isOverturned(
  verdict: string,
  outcome: string | undefined,
  othersVerdicts: readonly string[],
): boolean {
  if (outcome === 'certify') return verdict !== 'accepted';
  if (outcome === 'not-certify') return verdict === 'accepted' && othersVerdicts.includes('not-met');
  return false;
}

export interface ReviewerFigures {
  reviewerId: string;
  reviews: number;
  medianHours: number | undefined;
  /** Verdicts in decided rounds (certified or not), the base of the overturned share. */
  decidedVerdicts: number;
  overturned: number;
  /** Share (0..1) of decided verdicts overturned; undefined when none was decided. */
  overturnedShare: number | undefined;
}

export function reviewerFigures(
  reviews: readonly SubmittedReview[],
  verdicts: readonly {
    applicationId: string;
    round: number;
    reviewerId: string;
    criterionId: string;
    verdict: string;
  }[],
  decisions: readonly { applicationId: string; round: number; outcome: string }[],
): ReviewerFigures[] {
  const roundKey = (entry: { applicationId: string; round: number }) =>
    JSON.stringify([entry.applicationId, entry.round]);
  const outcomeOf = new Map(decisions.map((decision) => [roundKey(decision), decision.outcome]));
  // Each verdict's fellow verdicts (same round, same criterion), looked up once instead of per verdict.
  const byCriterion = new Map<string, { reviewerId: string; verdict: string }[]>();
  for (const verdict of verdicts) {
    const key = JSON.stringify([verdict.applicationId, verdict.round, verdict.criterionId]);
    byCriterion.set(key, [...(byCriterion.get(key) ?? []), verdict]);
  }
  const reviewerIds = [...new Set(reviews.map((review) => review.reviewerId))].sort();
  return reviewerIds.map((reviewerId) => {
    const own = reviews.filter((review) => review.reviewerId === reviewerId);
    const hours = own.map(reviewHours).filter((value): value is number => value !== undefined);
    let decidedVerdicts = 0;
    let overturned = 0;
    for (const verdict of verdicts) {
      if (verdict.reviewerId !== reviewerId) continue;
      const outcome = outcomeOf.get(roundKey(verdict));
      if (outcome !== 'certify' && outcome !== 'not-certify') continue;
      decidedVerdicts += 1;
      const others = (
        byCriterion.get(JSON.stringify([verdict.applicationId, verdict.round, verdict.criterionId])) ?? []
      )
        .filter((other) => other.reviewerId !== reviewerId)
        .map((other) => other.verdict);
      if (isOverturned(verdict.verdict, outcome, others)) overturned += 1;
    }
    return {
      reviewerId,
      reviews: own.length,
      medianHours: percentile(hours, 50),
      decidedVerdicts,
      overturned,
      overturnedShare: decidedVerdicts === 0 ? undefined : overturned / decidedVerdicts,
    };
  });
}
