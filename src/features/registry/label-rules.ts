/**
 * The consumer label of a certified product, derived from its published answers and the criteria
 * version it was certified against: a plain outcome per dimension, the openness level, the answers to
 * the four buyer questions and the months of security updates left. Pure rules, no framework.
 */
import { buyerQuestions, type BuyerQuestion } from '../criteria/label-rules';
import { dimensions, type Dimension } from '../criteria/dimensions-rules';
import type { CriteriaVersion, Criterion } from '../criteria/rules';
import type { CertificationStatus } from './rules';

/** An answer as published: only its status matters here. */
export interface PublishedStatus {
  criterionId: string;
  status: string | null;
}

/** How many of a dimension's criteria of one level are fulfilled (met, or accepted as not applicable). */
export interface Tally {
  fulfilled: number;
  total: number;
}

export interface DimensionOutcome {
  dimension: Dimension;
  required: Tally;
  recommended: Tally;
  optional: Tally;
}

/**
 * Openness is never required, so it is shown as a level of its own: none fulfilled, some, every
 * recommended openness criterion, or every openness criterion.
 */
export const opennessLevels = ['none', 'some', 'open', 'fully-open'] as const;
export type OpennessLevel = (typeof opennessLevels)[number];

export type QuestionOutcome = 'yes' | 'partly' | 'no' | 'not-applicable';

export interface QuestionAnswer {
  question: BuyerQuestion;
  outcome: QuestionOutcome;
  /** The criteria that answer it, in the version's order of relevance; the first is linked to. */
  criterionIds: string[];
  met: number;
}

export interface Label {
  outcomes: DimensionOutcome[];
  openness: OpennessLevel;
  questions: QuestionAnswer[];
}

/** What the consumer label shows of one certification. */
export interface LabelFacts {
  id: string;
  status: CertificationStatus;
  validUntil: string;
  supportEndDate: string;
  /** Whole months of security updates left; undefined once support has ended. */
  monthsLeft: number | undefined;
  label: Label;
}

const fulfils = (status: string | null | undefined) => status === 'met' || status === 'not-applicable';

function tally(criteria: readonly Criterion[], statuses: ReadonlyMap<string, string | null>): Tally {
  return {
    fulfilled: criteria.filter((criterion) => fulfils(statuses.get(criterion.id))).length,
    total: criteria.length,
  };
}

function statusesOf(answers: readonly PublishedStatus[]): Map<string, string | null> {
  return new Map(answers.map((answer) => [answer.criterionId, answer.status]));
}

export function dimensionOutcomes(
  version: CriteriaVersion,
  answers: readonly PublishedStatus[],
): DimensionOutcome[] {
  const statuses = statusesOf(answers);
  return dimensions.map((dimension) => {
    const of = (level: Criterion['level']) =>
      version.criteria.filter((criterion) => criterion.dimension === dimension && criterion.level === level);
    return {
      dimension,
      required: tally(of('required'), statuses),
      recommended: tally(of('recommended'), statuses),
      optional: tally(of('optional'), statuses),
    };
  });
}

/** The openness level from the openness dimension's outcome. */
export function opennessLevelOf(outcome: DimensionOutcome): OpennessLevel {
  const { recommended, optional } = outcome;
  const fulfilled = recommended.fulfilled + optional.fulfilled;
  if (fulfilled === 0) return 'none';
  if (fulfilled === recommended.total + optional.total) return 'fully-open';
  return recommended.fulfilled === recommended.total ? 'open' : 'some';
}

/** The level as stored beside a certification for the registry's filter (0 = none … 3 = fully open). */
export function opennessRank(level: OpennessLevel): number {
  return opennessLevels.indexOf(level);
}

/** A buyer question's answer: yes when every criterion covering it is met (or does not apply). */
export function questionAnswer(
  question: BuyerQuestion,
  criterionIds: readonly string[],
  statuses: ReadonlyMap<string, string | null>,
): QuestionAnswer {
  const met = criterionIds.filter((id) => statuses.get(id) === 'met').length;
  const notApplicable = criterionIds.filter((id) => statuses.get(id) === 'not-applicable').length;
  let outcome: QuestionOutcome;
  if (notApplicable === criterionIds.length) outcome = 'not-applicable';
  else if (met + notApplicable === criterionIds.length) outcome = 'yes';
  else outcome = met > 0 ? 'partly' : 'no';
  return { question, outcome, criterionIds: [...criterionIds], met };
}

export function labelOf(version: CriteriaVersion, answers: readonly PublishedStatus[]): Label {
  const outcomes = dimensionOutcomes(version, answers);
  const statuses = statusesOf(answers);
  const openness = outcomes.find((outcome) => outcome.dimension === 'openness');
  return {
    outcomes,
    openness: openness ? opennessLevelOf(openness) : 'none',
    questions: buyerQuestions.flatMap((question) => {
      const covering = version.buyerQuestions?.[question];
      return covering ? [questionAnswer(question, covering, statuses)] : [];
    }),
  };
}

/**
 * Whole months of security updates left on `today` (both YYYY-MM-DD), counting a started month as
 * none; undefined once the support end has passed ("support ended").
 */
export function supportMonthsLeft(supportEndDate: string, today: string): number | undefined {
  if (supportEndDate < today) return undefined;
  const [endYear, endMonth, endDay] = supportEndDate.split('-').map(Number) as [number, number, number];
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const months = (endYear - year) * 12 + (endMonth - month) - (endDay < day ? 1 : 0);
  return Math.max(0, months);
}

/** The first day of `year` after which support must still last to pass "updates until at least <year>". */
export function supportFilterDate(year: number): string {
  // "Until at least 2028" is read as: updates through the end of 2028.
  return `${year}-12-31`;
}
