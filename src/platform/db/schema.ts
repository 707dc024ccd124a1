import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Row types of the tables the application queries directly.
 * Timestamps are ISO-8601 UTC strings on both databases so that ordering and comparison behave the same
 * on SQLite and PostgreSQL (node:sqlite cannot bind Date values).
 */
export interface NewsPostTable {
  id: string;
  locale: string;
  slug: string;
  title: string;
  summary: string;
  body_markdown: string;
  published_at: string;
  created_at: string;
  updated_at: string;
  /** draft or published; a published post whose time has not come is scheduled. */
  status: Generated<string>;
  image_key: Generated<string | null>;
  image_type: Generated<string | null>;
  image_alt: Generated<string>;
}

export interface PartnerTable {
  id: string;
  name: string;
  url: string;
  kind: string;
  description_en: string;
  description_de: string;
  sort_order: Generated<number>;
  logo_key: Generated<string | null>;
  logo_type: Generated<string | null>;
  updated_at: Generated<string>;
}

/** The parts of Better Auth's own tables that the application reads (Better Auth owns their schema). */
export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean | number;
  role: string;
  locale: string;
  twoFactorEnabled: boolean | number | null;
  createdAt: string | Date;
}

export interface ProductTable {
  id: string;
  organization_id: string;
  name: string;
  category: string;
  model_numbers: string;
  web_page_url: string;
  description: string;
  firmware_version: string;
  support_end_date: string;
  /** Storage key and detected type of the product's picture, both null when it has none. */
  image_key: string | null;
  image_type: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface ApplicationTable {
  id: string;
  organization_id: string;
  product_id: string;
  criteria_version: number;
  status: string;
  source_application_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  round: Generated<number>;
  decided_at: string | null;
  /** 1 when the company keeps an unsuccessful application past the retention period. */
  kept: Generated<number>;
  /** The company's reasons for its one appeal against "not certified", and when it appealed. */
  appeal_reason: string | null;
  appealed_at: string | null;
}

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

export interface ProgramSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AuditEventTable {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  application_id: string | null;
  subject_id: string | null;
  /** JSON object with what changed. */
  details: string;
  reason: string;
}

export interface MailPreferenceTable {
  user_id: string;
  kind: string;
  enabled: number;
}

export interface AnswerTable {
  id: string;
  application_id: string;
  criterion_id: string;
  status: string | null;
  explanation: string;
  needs_confirmation: number;
  revision: number;
  updated_by: string;
  updated_at: string;
}

export interface AnswerRevisionTable {
  id: string;
  answer_id: string;
  revision: number;
  status: string | null;
  explanation: string;
  author_id: string;
  author_name: string;
  created_at: string;
}

export interface EvidenceLinkTable {
  id: string;
  answer_id: string;
  url: string;
  title: string;
  added_by: string;
  created_at: string;
}

export interface EvidenceFileTable {
  id: string;
  answer_id: string;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  added_by: string;
  created_at: string;
}

/** Better Auth's organisation and membership tables, read to check who belongs to which company. */
export interface OrganizationTable {
  id: string;
  name: string;
  slug: string;
}

export interface MemberTable {
  id: string;
  organizationId: string;
  userId: string;
  role: string;
}

/** Better Auth's sessions and invitations, read for a user's own data export. */
export interface SessionTable {
  id: string;
  userId: string;
  createdAt: string | Date;
  expiresAt: string | Date;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface InvitationTable {
  id: string;
  organizationId: string;
  email: string;
  role: string | null;
  status: string;
  expiresAt: string | Date;
  inviterId: string;
  createdAt: string | Date;
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

export interface CertificationTable {
  id: string;
  application_id: string;
  product_id: string;
  organization_id: string;
  company_name: string;
  company_slug: string;
  product_name: string;
  category: string;
  model_numbers: string;
  web_page_url: string;
  criteria_version: number;
  status: string;
  status_reason: string;
  issued_at: string;
  valid_until: string;
  support_end_date: string;
  published: string;
  search_text: string;
  /** SQLite only: the certification's row in the FTS5 index (see migration 0006). */
  search_key: number | null;
  updated_at: string;
}

export interface LogEntryTable {
  position: number;
  event_id: string;
  leaf: string;
  created_at: string;
}

/** One C2SP tlog-tile of the log's Merkle tree: `width` hashes of 32 bytes of tree level 8·level. */
export interface LogTileTable {
  level: number;
  idx: number;
  width: number;
  hashes: Uint8Array;
  /** A full tile's 255 hashes above its own, level by level up to its root; null for a partial tile. */
  above: Uint8Array | null;
}

export interface LogCheckpointTable {
  size: number;
  note: string;
  created_at: string;
}

export interface CredentialTable {
  certification_id: string;
  status_sequence: number;
  key_id: string;
  jwt: string;
  issued_at: string;
}

export interface ConcernTable {
  id: string;
  certification_id: string;
  criterion_id: string | null;
  message: string;
  email: string;
  locale: string;
  status: string;
  confirmation_hash: string | null;
  created_at: string;
  confirmed_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  outcome_note: Generated<string>;
}

export interface CertificationEventTable {
  id: string;
  certification_id: string;
  kind: string;
  reason: string;
  occurred_at: string;
}

export interface CertificationReminderTable {
  certification_id: string;
  days_before: number;
  sent_at: string;
}

/** A TOTP time step an account has used; a code works once (migration 0015). */
export interface UsedTotpCodeTable {
  user_id: string;
  time_step: number;
  used_at: string;
}

/** A unit of follow-up work, written in the transaction of the change that needs it (see platform/jobs). */
export interface JobTable {
  id: string;
  kind: string;
  /** JSON; each kind's handler validates its own payload. */
  payload: string;
  dedupe_key: string | null;
  status: string;
  attempts: Generated<number>;
  max_attempts: number;
  run_after: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface Database {
  news_post: NewsPostTable;
  partner: PartnerTable;
  user: UserTable;
  organization: OrganizationTable;
  member: MemberTable;
  session: SessionTable;
  invitation: InvitationTable;
  product: ProductTable;
  application: ApplicationTable;
  answer: AnswerTable;
  answer_revision: AnswerRevisionTable;
  evidence_link: EvidenceLinkTable;
  evidence_file: EvidenceFileTable;
  reviewer_profile: ReviewerProfileTable;
  reviewer_conflict: ReviewerConflictTable;
  assignment: AssignmentTable;
  review: ReviewTable;
  verdict: VerdictTable;
  round_snapshot: RoundSnapshotTable;
  clarification_message: ClarificationMessageTable;
  decision: DecisionTable;
  program_setting: ProgramSettingTable;
  audit_event: AuditEventTable;
  mail_preference: MailPreferenceTable;
  certification: CertificationTable;
  /** SQLite only: the FTS5 index of the certifications' search text, keyed by their search keys. */
  certification_search: { rowid: number; search_text: string };
  certification_event: CertificationEventTable;
  log_entry: LogEntryTable;
  log_checkpoint: LogCheckpointTable;
  log_tile: LogTileTable;
  credential: CredentialTable;
  concern: ConcernTable;
  criteria_publication: CriteriaPublicationTable;
  re_review: ReReviewTable;
  re_review_opinion: ReReviewOpinionTable;
  certification_reminder: CertificationReminderTable;
  used_totp_code: UsedTotpCodeTable;
  job: JobTable;
}

export type ConcernRow = Selectable<ConcernTable>;
export type JobRow = Selectable<JobTable>;
export type NewsPost = Selectable<NewsPostTable>;
export type NewNewsPost = Insertable<NewsPostTable>;
export type Partner = Selectable<PartnerTable>;
export type NewPartner = Insertable<PartnerTable>;
export type ProductRow = Selectable<ProductTable>;
export type ApplicationRow = Selectable<ApplicationTable>;
export type AnswerRow = Selectable<AnswerTable>;
export type AnswerRevisionRow = Selectable<AnswerRevisionTable>;
export type EvidenceLinkRow = Selectable<EvidenceLinkTable>;
export type EvidenceFileRow = Selectable<EvidenceFileTable>;
export type ClarificationMessageRow = Selectable<ClarificationMessageTable>;
export type DecisionRow = Selectable<DecisionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type CertificationRow = Selectable<CertificationTable>;
export type CertificationEventRow = Selectable<CertificationEventTable>;
