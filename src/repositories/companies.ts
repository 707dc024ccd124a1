import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isCompanyRole, type CompanyRole } from '../domain/company';

export interface CompanyMembership {
  companyId: string;
  name: string;
  slug: string;
  role: CompanyRole;
}

/** Who belongs to which company, read from Better Auth's organisation tables in one query. */
export function createCompanyRepository(db: Kysely<Database>) {
  return {
    async membership(slug: string, userId: string): Promise<CompanyMembership | undefined> {
      const row = await db
        .selectFrom('organization')
        .innerJoin('member', 'member.organizationId', 'organization.id')
        .select(['organization.id', 'organization.name', 'organization.slug', 'member.role'])
        .where('organization.slug', '=', slug)
        .where('member.userId', '=', userId)
        .executeTakeFirst();
      if (!row || !isCompanyRole(row.role)) return undefined;
      return { companyId: row.id, name: row.name, slug: row.slug, role: row.role };
    },

    async membershipById(companyId: string, userId: string): Promise<CompanyMembership | undefined> {
      const row = await db
        .selectFrom('organization')
        .innerJoin('member', 'member.organizationId', 'organization.id')
        .select(['organization.id', 'organization.name', 'organization.slug', 'member.role'])
        .where('organization.id', '=', companyId)
        .where('member.userId', '=', userId)
        .executeTakeFirst();
      if (!row || !isCompanyRole(row.role)) return undefined;
      return { companyId: row.id, name: row.name, slug: row.slug, role: row.role };
    },
  };
}

export type CompanyRepository = ReturnType<typeof createCompanyRepository>;
