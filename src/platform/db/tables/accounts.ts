/** Accounts (Better Auth's tables and ours beside them): users, companies, members, sessions, invitations, used codes. Part of the `Database` of schema.ts. */

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
  /** The session cookie's value before its signature (platform/auth/session-read.ts). */
  token: string;
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

/** A TOTP time step an account has used; a code works once (migration 0015). */
export interface UsedTotpCodeTable {
  user_id: string;
  time_step: number;
  used_at: string;
}
