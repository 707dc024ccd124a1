/** The reviewer pool's growth: invitations by mail and each reviewer's expertise (migration 0024). Part of the `Database` of schema.ts. */

/** An admin's invitation to become a reviewer; only the SHA-256 of its token is stored. */
export interface ReviewerInvitationTable {
  id: string;
  email: string;
  name: string;
  locale: string;
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  /** Set once, when the account is created from it: the link works once. */
  used_at: string | null;
  user_id: string | null;
}

/** A dimension a reviewer says they know well; automatic assignment prefers them where it matters. */
export interface ReviewerExpertiseTable {
  user_id: string;
  dimension: string;
}
