import type { AdminAction } from '../registry/rules';
import type { ConcernDecision } from '../concerns/rules';

/**
 * A re-review after a concern, as plain rules. Reviewers who took no part in the certification give
 * an opinion each; once all have, an admin records the outcome with a public statement.
 */
export const reReviewOutcomes = ['confirm', 'suspend', 'revoke'] as const;
export type ReReviewOutcome = (typeof reReviewOutcomes)[number];

export function isReReviewOutcome(value: unknown): value is ReReviewOutcome {
  return typeof value === 'string' && (reReviewOutcomes as readonly string[]).includes(value);
}

/** What the outcome means for the concern: confirming the mark rejects it, anything else upholds it. */
export function concernDecisionFor(outcome: ReReviewOutcome): ConcernDecision {
  return outcome === 'confirm' ? 'rejected' : 'upheld';
}

/** The change to the certification an outcome makes; none when the mark is confirmed. */
export function certificationActionFor(outcome: ReReviewOutcome): AdminAction | undefined {
  return outcome === 'confirm' ? undefined : outcome;
}

/** An outcome may be recorded only once every assigned reviewer has given an opinion. */
export function opinionsComplete(
  opinions: readonly { recommendation: string | null }[],
  needed: number,
): boolean {
  return opinions.length >= needed && opinions.every((opinion) => opinion.recommendation !== null);
}
