import type { CriteriaVersion } from '../criteria/rules';
import { evaluate, type AnswerStatus, type Evaluation } from './decision-rules';

/**
 * The expert review, as pure rules: reviewers' per-criterion verdicts, the independent first look,
 * when a decision may be taken and by whom, and how reviewers are picked for an application.
 */
export const verdicts = ['accepted', 'needs-clarification', 'not-met'] as const;
export type Verdict = (typeof verdicts)[number];

/** What a reviewer proposes for the round as a whole; the decision itself is a separate, explained act. */
export const outcomes = ['certify', 'request-changes', 'not-certify'] as const;
export type Outcome = (typeof outcomes)[number];

export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && (verdicts as readonly string[]).includes(value);
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (outcomes as readonly string[]).includes(value);
}

/** One assigned reviewer's work in the current round. */
export interface ReviewerRound {
  reviewerId: string;
  /** Set once the reviewer has submitted their review for the round; null while they are still working. */
  recommendation: Outcome | null;
  verdicts: ReadonlyMap<string, Verdict>;
}

/**
 * Independent first look: a reviewer sees the other reviewers' verdicts only after submitting their
 * own for the round. Admins, who settle disagreements, always see them.
 */
export function canSeeOtherReviews(viewer: { isAdmin: boolean }, own: ReviewerRound | undefined): boolean {
  return viewer.isAdmin || own?.recommendation != null;
}

/**
 * The outcome the decision rule judges for a criterion after review: the applicant's answer counts
 * only where every reviewer accepted it.
 */
export function reviewedStatus(
  answer: AnswerStatus | null | undefined,
  reviewersVerdicts: readonly (Verdict | undefined)[],
): AnswerStatus | null {
  if (!answer) return null;
  if (reviewersVerdicts.length === 0) return null;
  return reviewersVerdicts.every((verdict) => verdict === 'accepted') ? answer : 'not-met';
}

export function reviewedEvaluation(
  version: CriteriaVersion,
  answers: ReadonlyMap<string, AnswerStatus | null>,
  rounds: readonly ReviewerRound[],
): Evaluation {
  return evaluate(version, (criterionId) =>
    reviewedStatus(
      answers.get(criterionId),
      rounds.map((round) => round.verdicts.get(criterionId)),
    ),
  );
}

export type DecisionRefusal =
  /** Not every assigned reviewer has submitted their review for this round. */
  | 'reviews-incomplete'
  /** The reviewers propose different outcomes; an admin must settle it. */
  | 'disagreement'
  /** Certification was asked for, but the reviewed answers do not pass the decision rule. */
  | 'rule-fails'
  /** Only the assigned reviewers, or an admin, decide. */
  | 'not-allowed';

export interface DecisionRequest {
  outcome: Outcome;
  actor: { isAdmin: boolean; isAssignedReviewer: boolean };
  rounds: readonly ReviewerRound[];
  /** How many reviewers the application needs; fewer assigned means the review is not complete. */
  reviewersNeeded: number;
  evaluation: Evaluation;
}

/**
 * Whether a decision may be recorded. Every assigned reviewer must have submitted; an assigned reviewer
 * may record an outcome only when all of them propose it, while an admin may settle a disagreement.
 * Nobody, admins included, can certify what fails the decision rule.
 */
export function checkDecision(request: DecisionRequest): DecisionRefusal | null {
  const { actor, rounds, outcome } = request;
  if (!actor.isAdmin && !actor.isAssignedReviewer) return 'not-allowed';
  if (rounds.length < request.reviewersNeeded || rounds.some((round) => round.recommendation === null))
    return 'reviews-incomplete';
  if (!actor.isAdmin && rounds.some((round) => round.recommendation !== outcome)) return 'disagreement';
  if (outcome === 'certify' && !request.evaluation.passes) return 'rule-fails';
  return null;
}

/** A reviewer as assignment sees them. */
export interface ReviewerCandidate {
  reviewerId: string;
  /** Open applications they are assigned to now. */
  load: number;
  /** The most open applications they are willing to take. */
  capacity: number;
  available: boolean;
  /** Companies they declared a conflict of interest with. */
  conflictedCompanyIds: ReadonlySet<string>;
  /** Without a second factor they could not open the application, so they are never given one. */
  twoFactorEnabled: boolean;
}

/** Whether a reviewer may be given (or keep) an application of this company. */
export function mayReview(candidate: ReviewerCandidate, companyId: string): boolean {
  return !candidate.conflictedCompanyIds.has(companyId);
}

/**
 * Picks reviewers for an application by load: never one with a conflict of interest, never one already
 * on it, never one at capacity, unavailable or without two-factor authentication; the least loaded (relative to capacity) first, ties
 * broken by id so the choice is repeatable.
 */
export function pickReviewers(
  candidates: readonly ReviewerCandidate[],
  companyId: string,
  alreadyAssigned: ReadonlySet<string>,
  count: number,
): string[] {
  if (count <= 0) return [];
  return candidates
    .filter(
      (candidate) =>
        candidate.available &&
        candidate.twoFactorEnabled &&
        candidate.load < candidate.capacity &&
        !alreadyAssigned.has(candidate.reviewerId) &&
        mayReview(candidate, companyId),
    )
    .sort(
      (a, b) =>
        a.load / a.capacity - b.load / b.capacity ||
        a.load - b.load ||
        a.reviewerId.localeCompare(b.reviewerId),
    )
    .slice(0, count)
    .map((candidate) => candidate.reviewerId);
}

/** The place of an application in the review queue (1 = next), by the time it was submitted. */
export function queuePlace(
  queue: readonly { id: string; submittedAt: string }[],
  applicationId: string,
): number | undefined {
  const ordered = [...queue].sort(
    (a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id),
  );
  const index = ordered.findIndex((entry) => entry.id === applicationId);
  return index === -1 ? undefined : index + 1;
}

export type ManualAssignmentRefusal =
  'not-a-reviewer' | 'member-of-company' | 'conflicted' | 'no-two-factor' | 'took-part';

/**
 * Whether an admin may put this reviewer on an application by hand: conflicts of interest are refused here
 * as everywhere, and so is a reviewer without two-factor authentication, who could not open it; an appeal
 * goes to reviewers who took no part in the decision it challenges.
 */
export function checkManualAssignment(
  reviewer:
    | {
        memberOfCompanyIds: ReadonlySet<string>;
        conflictedCompanyIds: ReadonlySet<string>;
        twoFactorEnabled: boolean;
      }
    | undefined,
  application: { companyId: string; appealed: boolean; formerReviewer: boolean },
): ManualAssignmentRefusal | null {
  if (!reviewer) return 'not-a-reviewer';
  if (reviewer.memberOfCompanyIds.has(application.companyId)) return 'member-of-company';
  if (reviewer.conflictedCompanyIds.has(application.companyId)) return 'conflicted';
  if (!reviewer.twoFactorEnabled) return 'no-two-factor';
  if (application.appealed && application.formerReviewer) return 'took-part';
  return null;
}

/** Reviews resume only while they are paused: resuming twice would tell the waiting companies twice. */
export function canResume(settings: { paused: boolean }): boolean {
  return settings.paused;
}
