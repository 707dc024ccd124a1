import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { ReviewerCandidate } from './rules';
import { toBoolean } from '../../platform/db/dialect';
import { openReviewStatuses } from './store';
import { dimensions, type Dimension } from '../criteria/dimensions-rules';

/** A reviewer takes this many open applications until they say otherwise. */
export const defaultCapacity = 5;

export interface PoolMember extends ReviewerCandidate {
  name: string;
  email: string;
  locale: string;
  /** The conflicts they declared themselves, as their profile lists them. */
  conflicts: { companyId: string; companyName: string; reason: string }[];
  /** Companies they belong to: a conflict of interest whether declared or not. */
  memberOfCompanyIds: ReadonlySet<string>;
  /** The dimensions they say they know well (their profile), which assignment prefers where weakest. */
  expertise: ReadonlySet<Dimension>;
}

/**
 * The one rule for a reviewer's conflicts of interest: the companies they declared, and the companies they
 * are a member of (nobody reviews their own company's product). Assignment, the admin's choice and every
 * staff access check use this set.
 */
export function conflictedCompanies(declared: Iterable<string>, memberOf: Iterable<string>): Set<string> {
  return new Set([...declared, ...memberOf]);
}

/** The reviewer pool: users with the reviewer role, their capacity, availability and conflicts. */
export function createReviewerRepository(db: Kysely<Database>) {
  return {
    async pool(): Promise<PoolMember[]> {
      const [reviewers, loads, conflicts, memberships, expertise] = await Promise.all([
        db
          .selectFrom('user')
          .leftJoin('reviewer_profile', 'reviewer_profile.user_id', 'user.id')
          .select([
            'user.id',
            'user.name',
            'user.email',
            'user.locale',
            'user.twoFactorEnabled',
            'reviewer_profile.capacity',
            'reviewer_profile.available',
          ])
          .where('user.role', '=', 'reviewer')
          .orderBy('user.name')
          .execute(),
        db
          .selectFrom('assignment')
          .innerJoin('application', 'application.id', 'assignment.application_id')
          .select((eb) => ['assignment.reviewer_id', eb.fn.countAll<number>().as('load')])
          .where('application.status', 'in', openReviewStatuses)
          .groupBy('assignment.reviewer_id')
          .execute(),
        db
          .selectFrom('reviewer_conflict')
          .innerJoin('organization', 'organization.id', 'reviewer_conflict.organization_id')
          .select([
            'reviewer_conflict.reviewer_id',
            'reviewer_conflict.organization_id',
            'reviewer_conflict.reason',
            'organization.name',
          ])
          .orderBy('organization.name')
          .execute(),
        db
          .selectFrom('member')
          .innerJoin('user', 'user.id', 'member.userId')
          .select(['member.userId', 'member.organizationId'])
          .where('user.role', '=', 'reviewer')
          .execute(),
        db.selectFrom('reviewer_expertise').select(['user_id', 'dimension']).execute(),
      ]);
      return reviewers.map((reviewer) => {
        const own = conflicts.filter((conflict) => conflict.reviewer_id === reviewer.id);
        const memberOf = memberships
          .filter((membership) => membership.userId === reviewer.id)
          .map((membership) => membership.organizationId);
        return {
          reviewerId: reviewer.id,
          name: reviewer.name,
          email: reviewer.email,
          locale: reviewer.locale,
          capacity: reviewer.capacity ?? defaultCapacity,
          available: reviewer.available == null ? true : Number(reviewer.available) === 1,
          load: Number(loads.find((row) => row.reviewer_id === reviewer.id)?.load ?? 0),
          conflictedCompanyIds: conflictedCompanies(
            own.map((conflict) => conflict.organization_id),
            memberOf,
          ),
          memberOfCompanyIds: new Set(memberOf),
          expertise: new Set(
            expertise
              .filter((row) => row.user_id === reviewer.id)
              .map((row) => row.dimension)
              .filter((dimension): dimension is Dimension =>
                (dimensions as readonly string[]).includes(dimension),
              ),
          ),
          twoFactorEnabled: toBoolean(reviewer.twoFactorEnabled),
          conflicts: own.map((conflict) => ({
            companyId: conflict.organization_id,
            companyName: conflict.name,
            reason: conflict.reason,
          })),
        };
      });
    },

    async member(reviewerId: string): Promise<PoolMember | undefined> {
      return (await this.pool()).find((member) => member.reviewerId === reviewerId);
    },

    /**
     * The companies a reviewer can declare a conflict with: those that have submitted an application (only
     * they can come to review), and those the reviewer already declared. A company with nothing but drafts
     * stays unknown to reviewers.
     */
    conflictCandidates(reviewerId: string): Promise<{ id: string; name: string }[]> {
      return db
        .selectFrom('organization')
        .select(['organization.id', 'organization.name'])
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('application')
                .select('application.id')
                .whereRef('application.organization_id', '=', 'organization.id')
                .where('application.submitted_at', 'is not', null),
            ),
            eb.exists(
              eb
                .selectFrom('reviewer_conflict')
                .select('reviewer_conflict.reviewer_id')
                .whereRef('reviewer_conflict.organization_id', '=', 'organization.id')
                .where('reviewer_conflict.reviewer_id', '=', reviewerId),
            ),
          ]),
        )
        .orderBy('organization.name')
        .execute();
    },

    /** Whether the user has a conflict of interest with the company: declared, or by membership. */
    async isConflicted(userId: string, companyId: string): Promise<boolean> {
      const [declared, membership] = await Promise.all([
        db
          .selectFrom('reviewer_conflict')
          .select('organization_id')
          .where('reviewer_id', '=', userId)
          .where('organization_id', '=', companyId)
          .execute(),
        db
          .selectFrom('member')
          .select('organizationId')
          .where('userId', '=', userId)
          .where('organizationId', '=', companyId)
          .execute(),
      ]);
      return conflictedCompanies(
        declared.map((row) => row.organization_id),
        membership.map((row) => row.organizationId),
      ).has(companyId);
    },

    async saveProfile(reviewerId: string, capacity: number, available: boolean, now: Date): Promise<void> {
      const values = { capacity, available: available ? 1 : 0, updated_at: now.toISOString() };
      await db
        .insertInto('reviewer_profile')
        .values({ user_id: reviewerId, ...values })
        .onConflict((conflict) => conflict.column('user_id').doUpdateSet(values))
        .execute();
    },

    /** Replaces the reviewer's stated expertise with these dimensions. */
    async saveExpertise(reviewerId: string, chosen: readonly Dimension[]): Promise<void> {
      await db.deleteFrom('reviewer_expertise').where('user_id', '=', reviewerId).execute();
      if (chosen.length === 0) return;
      await db
        .insertInto('reviewer_expertise')
        .values(chosen.map((dimension) => ({ user_id: reviewerId, dimension })))
        .execute();
    },

    /**
     * A deleted account leaves nothing of the pool behind: its expertise goes, and the invitation it was
     * created from keeps only that it was used (the address and name were the person's).
     */
    async forgetPoolMember(userId: string): Promise<void> {
      await db.deleteFrom('reviewer_expertise').where('user_id', '=', userId).execute();
      await db
        .updateTable('reviewer_invitation')
        .set({ email: '', name: '' })
        .where('user_id', '=', userId)
        .execute();
    },

    async declareConflict(reviewerId: string, companyId: string, reason: string, now: Date): Promise<void> {
      await db
        .insertInto('reviewer_conflict')
        .values({
          reviewer_id: reviewerId,
          organization_id: companyId,
          reason,
          declared_at: now.toISOString(),
        })
        .onConflict((conflict) =>
          conflict.columns(['reviewer_id', 'organization_id']).doUpdateSet({ reason }),
        )
        .execute();
    },

    async withdrawConflict(reviewerId: string, companyId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('reviewer_conflict')
        .where('reviewer_id', '=', reviewerId)
        .where('organization_id', '=', companyId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export type ReviewerRepository = ReturnType<typeof createReviewerRepository>;
