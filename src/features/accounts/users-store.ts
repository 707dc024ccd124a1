import type { Kysely } from 'kysely';
import { containsIgnoringCase, toBoolean } from '../../platform/db/dialect';
import type { Database, UserTable } from '../../platform/db/schema';
import { isPlatformRole, type PlatformRole } from '../../platform/auth/access';

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: PlatformRole;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
}

const summaryColumns = ['id', 'name', 'email', 'role', 'emailVerified', 'twoFactorEnabled'] as const;

function toSummary(row: Pick<UserTable, (typeof summaryColumns)[number]>): UserSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: isPlatformRole(row.role) ? row.role : 'applicant',
    emailVerified: toBoolean(row.emailVerified),
    twoFactorEnabled: toBoolean(row.twoFactorEnabled),
  };
}

/**
 * Reads Better Auth's user table for administration. Most writes go through Better Auth itself
 * (see auth/accounts.ts), which owns the table and its per-database value conversions; the platform role
 * (a plain text column) and the end of a user's sessions are written here, so an admin's change of role
 * can be one transaction with its audit entry.
 */
export function createUserRepository(db: Kysely<Database>) {
  return {
    async search(term: string, limit = 100): Promise<UserSummary[]> {
      let query = db.selectFrom('user').select(summaryColumns).orderBy('email').limit(limit);
      if (term) {
        query = query.where((eb) =>
          eb.or([containsIgnoringCase(eb.ref('name'), term), containsIgnoringCase(eb.ref('email'), term)]),
        );
      }
      return (await query.execute()).map(toSummary);
    },

    async findById(id: string): Promise<UserSummary | undefined> {
      const row = await db.selectFrom('user').select(summaryColumns).where('id', '=', id).executeTakeFirst();
      return row ? toSummary(row) : undefined;
    },

    /** Sets the role; false when there is no such user. */
    async setRole(id: string, role: PlatformRole): Promise<boolean> {
      const result = await db.updateTable('user').set({ role }).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Signs the user out everywhere: their next request starts a new session under their current role. */
    async endSessions(id: string): Promise<void> {
      await db.deleteFrom('session').where('userId', '=', id).execute();
    },

    async countWithRole(role: PlatformRole): Promise<number> {
      const row = await db
        .selectFrom('user')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('role', '=', role)
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('user')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
