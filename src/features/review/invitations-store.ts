import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../platform/db/dialect';
import type { Database } from '../../platform/db/schema';

/**
 * The columns of Better Auth's user and credential tables that a new account needs. Better Auth owns these
 * tables; its adapter writes dates as ISO text and booleans as 0/1 on SQLite, and native types on
 * PostgreSQL, and so does this store, so an account created here is one Better Auth signs in.
 */
interface AccountTables {
  user: {
    id: string;
    name: string;
    email: string;
    emailVerified: boolean | number;
    image: string | null;
    createdAt: string | Date;
    updatedAt: string | Date;
    role: string;
    locale: string;
    twoFactorEnabled: boolean | number;
  };
  account: {
    id: string;
    accountId: string;
    providerId: string;
    userId: string;
    password: string;
    createdAt: string | Date;
    updatedAt: string | Date;
  };
}

export interface NewInvitation {
  email: string;
  name: string;
  locale: string;
  tokenHash: string;
  invitedBy: string;
  expiresAt: Date;
}

/** Reviewer invitations and the accounts made from them; every function runs in the caller's transaction. */
export function createInvitationRepository(db: Kysely<Database>, dialect: DialectName) {
  const date = (value: Date) => (dialect === 'sqlite' ? value.toISOString() : value);
  const flag = (value: boolean) => (dialect === 'sqlite' ? Number(value) : value);
  return {
    async create(invitation: NewInvitation, now: Date): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('reviewer_invitation')
        .values({
          id,
          email: invitation.email,
          name: invitation.name,
          locale: invitation.locale,
          token_hash: invitation.tokenHash,
          invited_by: invitation.invitedBy,
          created_at: now.toISOString(),
          expires_at: invitation.expiresAt.toISOString(),
          used_at: null,
          user_id: null,
        })
        .execute();
      return id;
    },

    /** A new invitation to an address replaces the open ones: only the newest link works. */
    async expireOpen(email: string, now: Date): Promise<void> {
      await db
        .updateTable('reviewer_invitation')
        .set({ expires_at: now.toISOString() })
        .where('email', '=', email)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.toISOString())
        .execute();
    },

    findByTokenHash(tokenHash: string) {
      return db
        .selectFrom('reviewer_invitation')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },

    /** Marks the invitation used, if it still is open: of two people opening the link at once, one wins. */
    async claim(id: string, userId: string, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('reviewer_invitation')
        .set({ used_at: now.toISOString(), user_id: userId })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    recent(limit = 50) {
      return db
        .selectFrom('reviewer_invitation')
        .select(['id', 'email', 'name', 'created_at', 'expires_at', 'used_at'])
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },

    async emailRegistered(email: string): Promise<boolean> {
      const row = await db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirst();
      return row !== undefined;
    },

    /**
     * A reviewer account with a verified address (the invitation link went to it) and no second factor yet,
     * which the reviewer must set up before any reviewer page opens.
     */
    async createReviewerAccount(
      account: { name: string; email: string; locale: string; passwordHash: string },
      now: Date,
    ): Promise<string> {
      const auth = db as unknown as Kysely<AccountTables>;
      const userId = randomUUID();
      await auth
        .insertInto('user')
        .values({
          id: userId,
          name: account.name,
          email: account.email,
          emailVerified: flag(true),
          image: null,
          createdAt: date(now),
          updatedAt: date(now),
          role: 'reviewer',
          locale: account.locale,
          twoFactorEnabled: flag(false),
        })
        .execute();
      await auth
        .insertInto('account')
        .values({
          id: randomUUID(),
          accountId: userId,
          providerId: 'credential',
          userId,
          password: account.passwordHash,
          createdAt: date(now),
          updatedAt: date(now),
        })
        .execute();
      return userId;
    },
  };
}
