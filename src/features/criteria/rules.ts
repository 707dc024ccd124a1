import type { Dimension } from './dimensions-rules';
import type { BuyerQuestionMap } from './label-rules';

/**
 * A criterion of the mark, as published in one criteria version. Versions are immutable: an
 * application is pinned to the version it started with, and a later version never changes it.
 */
export const criterionLevels = ['required', 'recommended', 'optional'] as const;
export type CriterionLevel = (typeof criterionLevels)[number];

/** What an answer must carry: a written justification, and/or at least one piece of evidence. */
export const answerRequirements = ['justification', 'evidence'] as const;
export type AnswerRequirement = (typeof answerRequirements)[number];

export interface CriterionText {
  title: string;
  question: string;
  guidance: string;
  evidence: string;
}

export interface Criterion {
  id: string;
  dimension: Dimension;
  level: CriterionLevel;
  naAllowed: boolean;
  /** What a "met" answer must carry. */
  met: AnswerRequirement[];
  /** What a "not applicable" answer must carry (empty when N/A is not allowed). */
  notApplicable: AnswerRequirement[];
  mappings: { etsi: string[]; usLabel: string[] };
  /** Texts by locale code. */
  texts: Record<string, CriterionText>;
  /** What reviewers look for, by locale code (reviewer-guidance.<locale>.yaml); absent for a version without it. */
  reviewerGuidance?: Record<string, string>;
}

export interface CriteriaVersion {
  version: number;
  publishedOn: string;
  /** In each required dimension, the share of recommended criteria that must be met or justified N/A. */
  recommendedShare: number;
  criteria: Criterion[];
  /**
   * Which criteria answer each of the consumer label's four questions (criteria/vN/label.yaml). The loader
   * always sets it; versions made by hand for rule tests may leave it out, and their label has no answers.
   */
  buyerQuestions?: BuyerQuestionMap;
}

/** The version as decisions see it: the program may set one share of recommended criteria for all. */
export function withRecommendedShare(version: CriteriaVersion, share: number | null): CriteriaVersion {
  return share === null || share === version.recommendedShare
    ? version
    : { ...version, recommendedShare: share };
}
