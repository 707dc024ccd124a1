import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { isCompanyRole, type CompanyRole } from './rules';

export interface CompanyMembership {
  companyId: string;
  name: string;
  slug: string;
  role: CompanyRole;
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
      .select(['organization.id', 'organization.name', 'organization.slug', 'member.role'])
      .where(column, '=', value)
      .where('member.userId', '=', userId)
      .executeTakeFirst();
    if (!row || !isCompanyRole(row.role)) return undefined;
    return { companyId: row.id, name: row.name, slug: row.slug, role: row.role };
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
  };
}

export type CompanyRepository = ReturnType<typeof createCompanyRepository>;
