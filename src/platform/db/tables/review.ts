/** The expert review: reviewers, assignments, reviews, verdicts, rounds, clarifications, decisions, re-reviews, criteria versions. Part of the `Database` of schema.ts. */
import type { Generated } from 'kysely';

export interface ReviewerProfileTable {
  user_id: string;
  capacity: number;
  /** 0 or 1: an unavailable reviewer keeps their work but gets nothing new. */
  available: number;
  updated_at: string;
}

export interface ReviewerConflictTable {
  reviewer_id: string;
  organization_id: string;
  reason: string;
  declared_at: string;
}

export interface AssignmentTable {
  application_id: string;
  reviewer_id: string;
  assigned_by: string | null;
  assigned_at: string;
}

export interface ReviewTable {
  application_id: string;
  reviewer_id: string;
  round: number;
  recommendation: string | null;
  rationale: string;
  submitted_at: string | null;
  updated_at: string;
}

export interface VerdictTable {
  application_id: string;
  reviewer_id: string;
  round: number;
  criterion_id: string;
  verdict: string;
  comment: string;
  updated_at: string;
}

export interface RoundSnapshotTable {
  application_id: string;
  round: number;
  /** JSON: criterion id -> { status, explanation, evidence } as the answers stood when the round began. */
  answers: string;
  created_at: string;
}

export interface ClarificationMessageTable {
  id: string;
  application_id: string;
  criterion_id: string;
  round: number;
  author_id: string;
  author_side: string;
  author_name: string;
  body: string;
  created_at: string;
}

export interface DecisionTable {
  id: string;
  application_id: string;
  round: number;
  outcome: string;
  rationale: string;
  decided_by: string;
  decided_at: string;
}

export interface ReReviewTable {
  id: string;
  concern_id: string;
  certification_id: string;
  status: string;
  outcome: string | null;
  statement: Generated<string>;
  opened_by: string;
  opened_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface ReReviewOpinionTable {
  re_review_id: string;
  reviewer_id: string;
  assigned_at: string;
  recommendation: string | null;
  rationale: Generated<string>;
  submitted_at: string | null;
}

export interface CriteriaPublicationTable {
  version: number;
  published_at: string;
  published_by: string | null;
}
