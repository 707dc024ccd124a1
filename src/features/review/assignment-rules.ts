import type { Dimension } from '../criteria/dimensions-rules';
import { pickReviewers, type ReviewerCandidate } from './rules';

/**
 * Assignment by expertise, as pure rules. An application's weakest dimensions are read from its
 * self-assessment; automatic assignment then prefers reviewers who know them, within the rules that
 * assignment by load already keeps (available, second factor on, below capacity, no conflict of interest).
 */

/** A reviewer as expertise-aware assignment sees them: the load picture plus what they know well. */
export interface ExpertCandidate extends ReviewerCandidate {
  expertise: ReadonlySet<Dimension>;
}

/**
 * A dimension's weakness: how many of its criteria the company does not answer "met" or "not applicable" —
 * answered "not met", or left open (which only recommended and optional criteria can be at submission).
 * The weakest dimensions are those with the most such criteria, most first (ties in the dimensions' own
 * order); dimensions where everything is met are not weak at all and are left out.
 */
export function weakestDimensions(
  criteria: readonly { id: string; dimension: Dimension }[],
  answers: ReadonlyMap<string, string | null | undefined>,
  order: readonly Dimension[],
): Dimension[] {
  const weakness = new Map<Dimension, number>();
  for (const criterion of criteria) {
    const status = answers.get(criterion.id);
    if (status === 'met' || status === 'not-applicable') continue;
    weakness.set(criterion.dimension, (weakness.get(criterion.dimension) ?? 0) + 1);
  }
  return [...weakness]
    .sort(([a, weakA], [b, weakB]) => weakB - weakA || order.indexOf(a) - order.indexOf(b))
    .map(([dimension]) => dimension);
}

/**
 * Picks `count` reviewers who together cover as much of the weakest dimensions as they can, the weakest
 * counting most (the first of n weighs n, the last 1), one at a time: each next reviewer is the one who adds
 * the most weight not yet covered (by those already on the application, `covered`, or picked before), and
 * among equals the least loaded, exactly as assignment by load would order them. With nobody adding anything,
 * it is assignment by load. Only reviewers assignment by load would accept are considered.
 */
export function pickCoveringReviewers(
  candidates: readonly ExpertCandidate[],
  companyId: string,
  alreadyAssigned: ReadonlySet<string>,
  count: number,
  weakest: readonly Dimension[],
  covered: ReadonlySet<Dimension> = new Set(),
): string[] {
  if (count <= 0) return [];
  const byLoad = pickReviewers(candidates, companyId, alreadyAssigned, candidates.length);
  const expertiseOf = new Map(candidates.map((candidate) => [candidate.reviewerId, candidate.expertise]));
  const weight = new Map(weakest.map((dimension, index) => [dimension, weakest.length - index]));
  const stillCovered = new Set(covered);
  const picked: string[] = [];
  const remaining = [...byLoad];
  while (picked.length < count && remaining.length > 0) {
    const gains = remaining.map((reviewerId) =>
      [...(expertiseOf.get(reviewerId) ?? [])]
        .filter((dimension) => !stillCovered.has(dimension))
        .reduce((sum, dimension) => sum + (weight.get(dimension) ?? 0), 0),
    );
    // The first best in load order: equal gains fall back to assignment by load.
    const best = gains.indexOf(Math.max(...gains));
    const [reviewerId] = remaining.splice(best, 1);
    if (reviewerId === undefined) break;
    picked.push(reviewerId);
    for (const dimension of expertiseOf.get(reviewerId) ?? []) stillCovered.add(dimension);
  }
  return picked;
}

/**
 * The reviewers of the certified application an update or renewal was started from, who may take it again:
 * those assignment by load would accept now (available, second factor on, below capacity, no conflict of
 * interest, not on it already), least loaded first, at most `count`. They know the answers that carry over.
 */
export function returningReviewers(
  candidates: readonly ReviewerCandidate[],
  companyId: string,
  alreadyAssigned: ReadonlySet<string>,
  certifiedBy: ReadonlySet<string>,
  count: number,
): string[] {
  if (count <= 0 || certifiedBy.size === 0) return [];
  return pickReviewers(candidates, companyId, alreadyAssigned, candidates.length)
    .filter((reviewerId) => certifiedBy.has(reviewerId))
    .slice(0, count);
}
