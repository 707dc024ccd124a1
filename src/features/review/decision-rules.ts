import type { CriteriaVersion, Criterion } from '../criteria/rules';
import { dimensions, isRequiredDimension, type Dimension } from '../criteria/dimensions-rules';

/**
 * The decision rule of the mark, as pure functions over a criteria version and per-criterion outcomes.
 * The applicant's self-assessment and, later, the reviewers' verdicts are judged by the same rule.
 */
export const answerStatuses = ['met', 'not-met', 'not-applicable'] as const;
export type AnswerStatus = (typeof answerStatuses)[number];

export function isAnswerStatus(value: unknown): value is AnswerStatus {
  return typeof value === 'string' && (answerStatuses as readonly string[]).includes(value);
}

/** One criterion's answer, as far as the rules care. */
export interface AnswerState {
  status: AnswerStatus | null;
  explanation: string;
  evidenceCount: number;
  /** Copied from another application and not yet confirmed by a person. */
  needsConfirmation: boolean;
}

export type AnswerProblem =
  | 'unanswered'
  | 'not-applicable-not-allowed'
  | 'justification-missing'
  | 'evidence-missing'
  | 'needs-confirmation';

/** What is wrong with one answer on its own terms (completeness, not the outcome). */
export function answerProblems(criterion: Criterion, answer: AnswerState | undefined): AnswerProblem[] {
  if (!answer?.status) return criterion.level === 'optional' ? [] : ['unanswered'];
  const problems: AnswerProblem[] = [];
  if (answer.status === 'not-applicable' && !criterion.naAllowed) problems.push('not-applicable-not-allowed');
  const needs =
    answer.status === 'met'
      ? criterion.met
      : answer.status === 'not-applicable'
        ? criterion.notApplicable
        : [];
  if (needs.includes('justification') && answer.explanation.trim() === '')
    problems.push('justification-missing');
  if (needs.includes('evidence') && answer.evidenceCount === 0) problems.push('evidence-missing');
  if (answer.needsConfirmation) problems.push('needs-confirmation');
  return problems;
}

/** Whether an outcome satisfies a criterion: met, or not applicable where that is allowed. */
export function satisfies(criterion: Criterion, status: AnswerStatus | null | undefined): boolean {
  return status === 'met' || (status === 'not-applicable' && criterion.naAllowed);
}

export type RuleFailure =
  | { kind: 'required-not-satisfied'; criterionId: string }
  | { kind: 'recommended-share'; dimension: Dimension; satisfied: number; needed: number };

export interface DimensionResult {
  dimension: Dimension;
  required: { total: number; satisfied: number };
  recommended: { total: number; satisfied: number; needed: number };
  optional: { total: number; satisfied: number };
}

export interface Evaluation {
  passes: boolean;
  failures: RuleFailure[];
  dimensions: DimensionResult[];
}

/**
 * All required criteria satisfied, and in each required dimension at least the version's share of
 * recommended criteria satisfied. Openness is never required, so its share is not enforced.
 */
export function evaluate(
  version: CriteriaVersion,
  outcomeOf: (criterionId: string) => AnswerStatus | null | undefined,
): Evaluation {
  const failures: RuleFailure[] = [];
  const results = dimensions.map((dimension): DimensionResult => {
    const inDimension = version.criteria.filter((criterion) => criterion.dimension === dimension);
    const count = (level: Criterion['level']) => {
      const atLevel = inDimension.filter((criterion) => criterion.level === level);
      return {
        total: atLevel.length,
        satisfied: atLevel.filter((criterion) => satisfies(criterion, outcomeOf(criterion.id))).length,
      };
    };
    for (const criterion of inDimension) {
      if (criterion.level === 'required' && !satisfies(criterion, outcomeOf(criterion.id))) {
        failures.push({ kind: 'required-not-satisfied', criterionId: criterion.id });
      }
    }
    const recommended = count('recommended');
    const needed = isRequiredDimension(dimension)
      ? Math.ceil(recommended.total * version.recommendedShare)
      : 0;
    if (recommended.satisfied < needed) {
      failures.push({ kind: 'recommended-share', dimension, satisfied: recommended.satisfied, needed });
    }
    return {
      dimension,
      required: count('required'),
      recommended: { ...recommended, needed },
      optional: count('optional'),
    };
  });
  return { passes: failures.length === 0, failures, dimensions: results };
}

export type SubmissionBlocker =
  { kind: 'answer'; criterionId: string; problem: AnswerProblem } | { kind: 'rule'; failure: RuleFailure };

/**
 * Everything that stops an application from being submitted: incomplete answers, and a self-assessment
 * that could not pass the rule anyway (reviewer time is the program's scarcest resource).
 */
export function submissionBlockers(
  version: CriteriaVersion,
  answers: ReadonlyMap<string, AnswerState>,
): SubmissionBlocker[] {
  const blockers: SubmissionBlocker[] = [];
  const unanswered = new Set<string>();
  for (const criterion of version.criteria) {
    for (const problem of answerProblems(criterion, answers.get(criterion.id))) {
      if (problem === 'unanswered') unanswered.add(criterion.id);
      blockers.push({ kind: 'answer', criterionId: criterion.id, problem });
    }
  }
  // Unanswered criteria are already reported; the rule adds what a complete answer set would still fail.
  for (const failure of evaluate(version, (id) => answers.get(id)?.status).failures) {
    if (failure.kind === 'required-not-satisfied' && unanswered.has(failure.criterionId)) continue;
    blockers.push({ kind: 'rule', failure });
  }
  return blockers;
}

/** How many criteria of a dimension have an answer with no problems, for the task list. */
export function dimensionProgress(
  version: CriteriaVersion,
  answers: ReadonlyMap<string, AnswerState>,
  dimension: Dimension,
): { complete: number; total: number } {
  const inDimension = version.criteria.filter((criterion) => criterion.dimension === dimension);
  const complete = inDimension.filter((criterion) => {
    const answer = answers.get(criterion.id);
    return answer?.status != null && answerProblems(criterion, answer).length === 0;
  }).length;
  return { complete, total: inDimension.length };
}
