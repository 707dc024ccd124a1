import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { isCompanyRole, type CompanyRole } from './rules';

export interface CompanyMembership {
  companyId: string;
  name: string;
  slug: string;
  role: CompanyRole;
  /** The membership's own id (Better Auth's member row). */
  memberId: string;
}

/** Who belongs to which company, read from Better Auth's organisation tables in one query. */
export function createCompanyRepository(db: Kysely<Database>) {
  async function membershipWhere(
    column: 'organization.slug' | 'organization.id',
    value: string,
    userId: string,
  ): Promise<CompanyMembership | undefined> {
    const row = await db
      .selectFrom('organization')
      .innerJoin('member', 'member.organizationId', 'organization.id')
      .select([
        'organization.id',
        'organization.name',
        'organization.slug',
        'member.role',
        'member.id as memberId',
      ])
      .where(column, '=', value)
      .where('member.userId', '=', userId)
      .executeTakeFirst();
    if (!row || !isCompanyRole(row.role)) return undefined;
    return { companyId: row.id, name: row.name, slug: row.slug, role: row.role, memberId: row.memberId };
  }

  return {
    membership(slug: string, userId: string): Promise<CompanyMembership | undefined> {
      return membershipWhere('organization.slug', slug, userId);
    },

    membershipById(companyId: string, userId: string): Promise<CompanyMembership | undefined> {
      return membershipWhere('organization.id', companyId, userId);
    },

    find(companyId: string): Promise<{ id: string; name: string; slug: string } | undefined> {
      return db
        .selectFrom('organization')
        .select(['id', 'name', 'slug'])
        .where('id', '=', companyId)
        .executeTakeFirst();
    },

    /** Every company by name, for reviewers declaring their conflicts of interest. */
    list(): Promise<{ id: string; name: string }[]> {
      return db.selectFrom('organization').select(['id', 'name']).orderBy('name').execute();
    },

    /** Addresses and names of a company's members, with their roles, for mail about its applications. */
    members(
      companyId: string,
    ): Promise<{ id: string; email: string; name: string; locale: string; role: string }[]> {
      return db
        .selectFrom('member')
        .innerJoin('user', 'user.id', 'member.userId')
        .select(['user.id', 'user.email', 'user.name', 'user.locale', 'member.role'])
        .where('member.organizationId', '=', companyId)
        .execute();
    },

    /** One member of one company: a member id from another company finds nothing. */
    async member(
      companyId: string,
      memberId: string,
    ): Promise<{ id: string; userId: string; role: CompanyRole; name: string } | undefined> {
      const row = await db
        .selectFrom('member')
        .innerJoin('user', 'user.id', 'member.userId')
        .select(['member.id', 'member.userId', 'member.role', 'user.name'])
        .where('member.organizationId', '=', companyId)
        .where('member.id', '=', memberId)
        .executeTakeFirst();
      return row && isCompanyRole(row.role) ? { ...row, role: row.role } : undefined;
    },

    /** Changes a member's role if it still is `from`; false when someone changed it meanwhile. */
    async setRole(memberId: string, from: CompanyRole, to: CompanyRole): Promise<boolean> {
      const result = await db
        .updateTable('member')
        .set({ role: to })
        .where('id', '=', memberId)
        .where('role', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async removeMember(memberId: string, role: CompanyRole): Promise<boolean> {
      const result = await db
        .deleteFrom('member')
        .where('id', '=', memberId)
        .where('role', '=', role)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** Deletes the company with its invitations and members; its products and applications cascade. */
    async remove(companyId: string): Promise<boolean> {
      await db.deleteFrom('invitation').where('organizationId', '=', companyId).execute();
      await db.deleteFrom('member').where('organizationId', '=', companyId).execute();
      const result = await db.deleteFrom('organization').where('id', '=', companyId).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    async pendingInvitations(companyId: string): Promise<number> {
      const rows = await db
        .selectFrom('invitation')
        .select('id')
        .where('organizationId', '=', companyId)
        .where('status', '=', 'pending')
        .execute();
      return rows.length;
    },

    /** The pending invitation of this address into this company, if there is one. */
    pendingInvitation(companyId: string, email: string): Promise<{ id: string } | undefined> {
      return db
        .selectFrom('invitation')
        .select('id')
        .where('organizationId', '=', companyId)
        .where('email', '=', email)
        .where('status', '=', 'pending')
        .executeTakeFirst();
    },

    /** A new invitation, in Better Auth's own table, where accepting and declining find it. */
    async addInvitation(invitation: {
      id: string;
      companyId: string;
      email: string;
      role: CompanyRole;
      inviterId: string;
      expiresAt: Date;
      now: Date;
    }): Promise<void> {
      await db
        .insertInto('invitation')
        .values({
          id: invitation.id,
          organizationId: invitation.companyId,
          email: invitation.email,
          role: invitation.role,
          status: 'pending',
          inviterId: invitation.inviterId,
          expiresAt: invitation.expiresAt.toISOString(),
          createdAt: invitation.now.toISOString(),
        })
        .execute();
    },

    /** A pending invitation sent again is valid for a fresh period (its role stays as first offered). */
    async renewInvitation(id: string, expiresAt: Date): Promise<void> {
      await db
        .updateTable('invitation')
        .set({ expiresAt: expiresAt.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    /** Cancels a pending invitation of this company; false when there is none (or it was answered). */
    async cancelInvitation(companyId: string, invitationId: string): Promise<boolean> {
      const result = await db
        .updateTable('invitation')
        .set({ status: 'canceled' })
        .where('id', '=', invitationId)
        .where('organizationId', '=', companyId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type CompanyRepository = ReturnType<typeof createCompanyRepository>;
