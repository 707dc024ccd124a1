import type { Insertable, Selectable } from 'kysely';
import type {
  NewsPostTable,
  PartnerTable,
  ProgramSettingTable,
  AuditEventTable,
  MailPreferenceTable,
} from './tables/site';
import type {
  UserTable,
  OrganizationTable,
  MemberTable,
  SessionTable,
  InvitationTable,
  UsedTotpCodeTable,
} from './tables/accounts';
import type {
  ProductTable,
  ApplicationTable,
  AnswerTable,
  AnswerRevisionTable,
  EvidenceLinkTable,
  EvidenceFileTable,
} from './tables/applications';
import type {
  ReviewerProfileTable,
  ReviewerConflictTable,
  AssignmentTable,
  ReviewTable,
  VerdictTable,
  RoundSnapshotTable,
  ClarificationMessageTable,
  DecisionTable,
  ReReviewTable,
  ReReviewOpinionTable,
  CriteriaPublicationTable,
} from './tables/review';
import type {
  CertificationTable,
  CertificationEventTable,
  CertificationReminderTable,
  ConcernTable,
  CredentialTable,
} from './tables/registry';
import type { LogEntryTable, LogTileTable, LogCheckpointTable } from './tables/transparency';
import type { JobTable } from './tables/jobs';
import type { SecurityNoticeTable, FirmwareReleaseTable } from './tables/security';
import type { EvidenceCheckTable, EvidencePinTable, SecurityTxtCheckTable } from './tables/evidence';
import type { ReviewerExpertiseTable, ReviewerInvitationTable } from './tables/reviewer-pool';
import type { RateLimitCounterTable } from './tables/rate-limits';

/**
 * The database the application queries, table by table; the row types of each area live in tables/.
 * Timestamps are ISO-8601 UTC strings on both databases so that ordering and comparison behave the same
 * on SQLite and PostgreSQL (node:sqlite cannot bind Date values).
 */
export type * from './tables/site';
export type * from './tables/accounts';
export type * from './tables/applications';
export type * from './tables/review';
export type * from './tables/registry';
export type * from './tables/transparency';
export type * from './tables/jobs';
export type * from './tables/security';
export type * from './tables/evidence';
export type * from './tables/reviewer-pool';
export type * from './tables/rate-limits';

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
  /**
   * SQLite only: the FTS5 index of the certifications' search text and their category and company as
   * filter tokens (migration 0029), keyed by their search keys.
   */
  certification_search: { rowid: number; search_text: string; filters: string };
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
  security_notice: SecurityNoticeTable;
  firmware_release: FirmwareReleaseTable;
  evidence_check: EvidenceCheckTable;
  security_txt_check: SecurityTxtCheckTable;
  evidence_pin: EvidencePinTable;
  reviewer_invitation: ReviewerInvitationTable;
  reviewer_expertise: ReviewerExpertiseTable;
  rate_limit_counter: RateLimitCounterTable;
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
