import type { Kysely } from 'kysely';
import { toBoolean } from '../../platform/db/dialect';
import type { Database } from '../../platform/db/schema';
import { isCompanyRole } from '../companies/rules';
import type { Membership } from './rules';

const iso = (value: string | Date | null | undefined): string | null =>
  value === null || value === undefined ? null : new Date(value).toISOString();

/**
 * What the platform holds about one person, for their own download, and the step that forgets their
 * name where their work must stay (answers and messages keep an opaque id, shown as a former account).
 */
export function createAccountData(db: Kysely<Database>) {
  return {
    async memberships(userId: string): Promise<Membership[]> {
      const rows = await db
        .selectFrom('member')
        .innerJoin('organization', 'organization.id', 'member.organizationId')
        .select(['organization.name', 'organization.slug', 'member.role'])
        .where('member.userId', '=', userId)
        .orderBy('organization.name')
        .execute();
      return rows.flatMap((row) =>
        isCompanyRole(row.role) ? [{ companyName: row.name, companySlug: row.slug, role: row.role }] : [],
      );
    },

    /** Everything stored about the user, as a plain JSON document (their right of access and portability). */
    async exportFor(userId: string, now: Date): Promise<Record<string, unknown> | undefined> {
      const user = await db
        .selectFrom('user')
        .select(['id', 'name', 'email', 'emailVerified', 'role', 'locale', 'twoFactorEnabled', 'createdAt'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) return undefined;
      const [
        sessions,
        memberships,
        invitations,
        mail,
        profile,
        conflicts,
        revisions,
        messages,
        reviews,
        audit,
        concerns,
        expertise,
        reviewerInvitation,
      ] = await Promise.all([
        db
          .selectFrom('session')
          .select(['createdAt', 'expiresAt', 'ipAddress', 'userAgent'])
          .where('userId', '=', userId)
          .execute(),
        this.memberships(userId),
        db
          .selectFrom('invitation')
          .innerJoin('organization', 'organization.id', 'invitation.organizationId')
          .select(['organization.name', 'invitation.role', 'invitation.status', 'invitation.expiresAt'])
          .where('invitation.email', '=', user.email)
          .execute(),
        db.selectFrom('mail_preference').select(['kind', 'enabled']).where('user_id', '=', userId).execute(),
        db
          .selectFrom('reviewer_profile')
          .select(['capacity', 'available', 'updated_at'])
          .where('user_id', '=', userId)
          .executeTakeFirst(),
        db
          .selectFrom('reviewer_conflict')
          .innerJoin('organization', 'organization.id', 'reviewer_conflict.organization_id')
          .select(['organization.name', 'reviewer_conflict.reason', 'reviewer_conflict.declared_at'])
          .where('reviewer_conflict.reviewer_id', '=', userId)
          .execute(),
        db
          .selectFrom('answer_revision')
          .innerJoin('answer', 'answer.id', 'answer_revision.answer_id')
          .select([
            'answer.application_id',
            'answer.criterion_id',
            'answer_revision.revision',
            'answer_revision.status',
            'answer_revision.explanation',
            'answer_revision.created_at',
          ])
          .where('answer_revision.author_id', '=', userId)
          .orderBy('answer_revision.created_at')
          .execute(),
        db
          .selectFrom('clarification_message')
          .select(['application_id', 'criterion_id', 'round', 'body', 'created_at'])
          .where('author_id', '=', userId)
          .orderBy('created_at')
          .execute(),
        db
          .selectFrom('review')
          .select(['application_id', 'round', 'recommendation', 'rationale', 'submitted_at'])
          .where('reviewer_id', '=', userId)
          .execute(),
        db
          .selectFrom('audit_event')
          .select(['occurred_at', 'action', 'application_id', 'subject_id', 'reason'])
          .where('actor_id', '=', userId)
          .orderBy('occurred_at')
          .execute(),
        db
          .selectFrom('concern')
          .select(['certification_id', 'criterion_id', 'message', 'status', 'created_at'])
          .where('email', '=', user.email)
          .execute(),
        db.selectFrom('reviewer_expertise').select('dimension').where('user_id', '=', userId).execute(),
        db
          .selectFrom('reviewer_invitation')
          .select(['name', 'email', 'created_at', 'used_at'])
          .where((eb) => eb.or([eb('user_id', '=', userId), eb('email', '=', user.email)]))
          .execute(),
      ]);
      return {
        exportedAt: now.toISOString(),
        account: {
          id: user.id,
          name: user.name,
          email: user.email,
          emailVerified: toBoolean(user.emailVerified),
          role: user.role,
          language: user.locale,
          twoFactorEnabled: toBoolean(user.twoFactorEnabled),
          createdAt: iso(user.createdAt),
        },
        sessions: sessions.map((session) => ({
          createdAt: iso(session.createdAt),
          expiresAt: iso(session.expiresAt),
          ipAddress: session.ipAddress,
          userAgent: session.userAgent,
        })),
        companies: memberships.map((membership) => ({
          name: membership.companyName,
          role: membership.role,
        })),
        invitations: invitations.map((invitation) => ({
          company: invitation.name,
          role: invitation.role,
          status: invitation.status,
          expiresAt: iso(invitation.expiresAt),
        })),
        mailPreferences: mail.map((preference) => ({
          kind: preference.kind,
          enabled: preference.enabled === 1,
        })),
        reviewerProfile: profile
          ? { capacity: profile.capacity, available: profile.available === 1, updatedAt: profile.updated_at }
          : null,
        reviewerExpertise: expertise.map((row) => row.dimension),
        reviewerInvitations: reviewerInvitation.map((invitation) => ({
          name: invitation.name,
          email: invitation.email,
          invitedAt: invitation.created_at,
          usedAt: invitation.used_at,
        })),
        conflictsOfInterest: conflicts.map((conflict) => ({
          company: conflict.name,
          reason: conflict.reason,
          declaredAt: conflict.declared_at,
        })),
        answersWritten: revisions.map((revision) => ({
          applicationId: revision.application_id,
          criterionId: revision.criterion_id,
          revision: revision.revision,
          answer: revision.status,
          explanation: revision.explanation,
          savedAt: revision.created_at,
        })),
        clarificationMessages: messages.map((message) => ({
          applicationId: message.application_id,
          criterionId: message.criterion_id,
          round: message.round,
          body: message.body,
          sentAt: message.created_at,
        })),
        reviews: reviews.map((review) => ({
          applicationId: review.application_id,
          round: review.round,
          recommendation: review.recommendation,
          rationale: review.rationale,
          submittedAt: review.submitted_at,
        })),
        actionsOnRecord: audit.map((entry) => ({
          at: entry.occurred_at,
          action: entry.action,
          applicationId: entry.application_id,
          subjectId: entry.subject_id,
          reason: entry.reason,
        })),
        concernsRaised: concerns.map((concern) => ({
          certificationId: concern.certification_id,
          criterionId: concern.criterion_id,
          message: concern.message,
          status: concern.status,
          raisedAt: concern.created_at,
        })),
      };
    },

    /**
     * Removes the user's name from the work that outlives their account: answer history and messages
     * stay (a company and its reviewers rely on them) but say they came from a deleted account.
     */
    async forgetName(userId: string): Promise<void> {
      await db
        .updateTable('answer_revision')
        .set({ author_name: '' })
        .where('author_id', '=', userId)
        .execute();
      await db
        .updateTable('clarification_message')
        .set({ author_name: '' })
        .where('author_id', '=', userId)
        .execute();
    },
  };
}

export type AccountData = ReturnType<typeof createAccountData>;
