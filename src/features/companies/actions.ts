import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs/queue';
import { isLocale, messagesFor } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { ReleaseFiles } from '../../platform/storage/cleanup';
import { createAuditLog } from '../../platform/audit/store';
import { createApplicationRepository } from '../applications';
import type { Lifecycle } from '../registry';
import { fillAssignmentsJob } from '../review';
import {
  canPerform,
  checkRemoval,
  checkRoleChange,
  invitableRoles,
  invitationValidSeconds,
  pendingInvitationLimit,
  type CompanyRole,
  type RoleChangeRefusal,
} from './rules';
import { createCompanyRepository, type CompanyMembership } from './store';

export interface CompanyActionDependencies {
  jobs: JobQueue;
  mailer: QueuedMailer;
  config: { baseUrl: string };
  lifecycle: Pick<Lifecycle, 'endForClosedCompany' | 'announce'>;
  releaseFiles: ReleaseFiles;
  now: () => Date;
}

export interface CompanyActor {
  userId: string;
}

export type MemberChangeResult =
  | { kind: 'changed' }
  /** No such company, not the actor's company, or no such member in it: outsiders cannot tell. */
  | { kind: 'not-found' }
  | { kind: 'refused'; refusal: RoleChangeRefusal }
  /** Someone changed the member meanwhile; nothing was written. */
  | { kind: 'conflict' };

export type InvitationResult =
  | { kind: 'invited' }
  | { kind: 'not-found' }
  | { kind: 'refused'; refusal: RoleChangeRefusal }
  | { kind: 'already-member' }
  /** The company has as many pending invitations as it may. */
  | { kind: 'limit-reached' };

export type ClosureResult =
  | { kind: 'closed'; name: string }
  | { kind: 'not-found' }
  | { kind: 'refused'; refusal: RoleChangeRefusal }
  | { kind: 'mismatch' };

/** Thrown inside a transaction to roll back what it wrote so far. */
class ChangedMeanwhile extends Error {}

/**
 * Membership changes and closing a company. Each decides access from the actor's own membership, checks
 * the company rules, and writes its rows with their audit entry (and its follow-up jobs) in one transaction.
 */
export function createCompanyActions(deps: CompanyActionDependencies) {
  /** The actor's membership and the named member, both in this transaction. */
  async function actorAndMember(trx: Kysely<Database>, actor: CompanyActor, slug: string, memberId: string) {
    const companies = createCompanyRepository(trx);
    const me = await companies.membership(slug, actor.userId);
    if (!me) return undefined;
    const target = await companies.member(me.companyId, memberId);
    return target ? { me, target, companies } : undefined;
  }

  const audit = (
    trx: Kysely<Database>,
    actor: CompanyActor,
    action: string,
    me: CompanyMembership,
    details: object,
  ) =>
    createAuditLog(trx).append(
      { actorId: actor.userId, action, subjectId: me.companyId, details: { company: me.name, ...details } },
      deps.now(),
    );

  async function rollingBackConflicts(work: () => Promise<MemberChangeResult>): Promise<MemberChangeResult> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ChangedMeanwhile) return { kind: 'conflict' };
      throw error;
    }
  }

  /** The invitation mail, in the inviter's language, enqueued with the invitation. */
  async function mailInvitation(
    trx: Kysely<Database>,
    me: CompanyMembership,
    inviterId: string,
    invitation: { id: string; email: string; expiresAt: Date },
  ) {
    const inviter = (await createCompanyRepository(trx).members(me.companyId)).find(
      (row) => row.id === inviterId,
    );
    const locale = isLocale(inviter?.locale) ? inviter.locale : 'en';
    const m = messagesFor(locale);
    const url = `${deps.config.baseUrl}/${locale}/invitations/${encodeURIComponent(invitation.id)}`;
    const body = m.mail.inviteBody(inviter?.name ?? '', me.name, url);
    await deps.mailer.sendIn(
      trx,
      composeMail(m, invitation.email, '', m.mail.inviteSubject(me.name), body),
      `invitation:${invitation.id}:${invitation.expiresAt.toISOString()}`,
    );
  }

  return {
    /**
     * Invites an address into the company, or sends a pending invitation again with a fresh expiry. The
     * invitation, its audit entry and its mail are one transaction; the invitee answers through Better Auth.
     */
    invite(
      actor: CompanyActor,
      request: { slug: string; email: string; role: CompanyRole },
    ): Promise<InvitationResult> {
      return deps.jobs.transaction(async (trx) => {
        const companies = createCompanyRepository(trx);
        const me = await companies.membership(request.slug, actor.userId);
        if (!me) return { kind: 'not-found' };
        if (!invitableRoles(me.role).includes(request.role))
          return { kind: 'refused', refusal: 'not-allowed' };
        if ((await companies.members(me.companyId)).some((member) => member.email === request.email))
          return { kind: 'already-member' };
        const now = deps.now();
        const expiresAt = new Date(now.getTime() + invitationValidSeconds * 1000);
        const pending = await companies.pendingInvitation(me.companyId, request.email);
        const id = pending?.id ?? randomUUID();
        if (pending) {
          await companies.renewInvitation(id, expiresAt);
        } else {
          if ((await companies.pendingInvitations(me.companyId)) >= pendingInvitationLimit)
            return { kind: 'limit-reached' };
          const { email, role } = request;
          await companies.addInvitation({
            id,
            companyId: me.companyId,
            email,
            role,
            inviterId: actor.userId,
            expiresAt,
            now,
          });
        }
        await audit(trx, actor, pending ? 'invitation-renewed' : 'member-invited', me, {
          invitationId: id,
          role: request.role,
        });
        await mailInvitation(trx, me, actor.userId, { id, email: request.email, expiresAt });
        return { kind: 'invited' };
      });
    },

    /** Cancels a pending invitation: its link stops working. */
    cancelInvitation(
      actor: CompanyActor,
      request: { slug: string; invitationId: string },
    ): Promise<MemberChangeResult> {
      return deps.jobs.transaction(async (trx) => {
        const companies = createCompanyRepository(trx);
        const me = await companies.membership(request.slug, actor.userId);
        if (!me) return { kind: 'not-found' };
        if (!canPerform(me.role, 'invite')) return { kind: 'refused', refusal: 'not-allowed' };
        if (!(await companies.cancelInvitation(me.companyId, request.invitationId)))
          return { kind: 'not-found' };
        await audit(trx, actor, 'invitation-cancelled', me, { invitationId: request.invitationId });
        return { kind: 'changed' };
      });
    },

    /** Makes a member an admin or a plain member; the owner's role moves only by a transfer. */
    changeRole(
      actor: CompanyActor,
      request: { slug: string; memberId: string; role: CompanyRole },
    ): Promise<MemberChangeResult> {
      return deps.jobs.transaction(async (trx) => {
        const found = await actorAndMember(trx, actor, request.slug, request.memberId);
        if (!found) return { kind: 'not-found' };
        const { me, target, companies } = found;
        const refusal = checkRoleChange(me.role, target.role, request.role);
        if (refusal) return { kind: 'refused', refusal };
        if (!(await companies.setRole(target.id, target.role, request.role))) return { kind: 'conflict' };
        await audit(trx, actor, 'member-role-changed', me, {
          userId: target.userId,
          from: target.role,
          to: request.role,
        });
        return { kind: 'changed' };
      });
    },

    async removeMember(actor: CompanyActor, request: { slug: string; memberId: string }) {
      return deps.jobs.transaction(async (trx): Promise<MemberChangeResult> => {
        const found = await actorAndMember(trx, actor, request.slug, request.memberId);
        if (!found) return { kind: 'not-found' };
        const { me, target, companies } = found;
        const refusal = checkRemoval(me.role, target.role);
        if (refusal) return { kind: 'refused', refusal };
        if (!(await companies.removeMember(target.id, target.role))) return { kind: 'conflict' };
        await audit(trx, actor, 'member-removed', me, { userId: target.userId, role: target.role });
        return { kind: 'changed' };
      });
    },

    /** Promotes the new owner and steps the old one down to admin: the company always has one owner. */
    transferOwnership(actor: CompanyActor, request: { slug: string; memberId: string }) {
      return rollingBackConflicts(() =>
        deps.jobs.transaction(async (trx): Promise<MemberChangeResult> => {
          const found = await actorAndMember(trx, actor, request.slug, request.memberId);
          if (!found) return { kind: 'not-found' };
          const { me, target, companies } = found;
          if (!canPerform(me.role, 'transfer-ownership')) return { kind: 'refused', refusal: 'not-allowed' };
          if (target.userId === actor.userId) return { kind: 'not-found' };
          if (!(await companies.setRole(target.id, target.role, 'owner'))) return { kind: 'conflict' };
          if (!(await companies.setRole(me.memberId, 'owner', 'admin'))) throw new ChangedMeanwhile();
          await audit(trx, actor, 'ownership-transferred', me, { from: actor.userId, to: target.userId });
          return { kind: 'changed' };
        }),
      );
    },

    /**
     * Closes a company: its marks end (nothing of it may stay valid once it is gone), the company goes with
     * its members, products and applications, and its reviewers' capacity is handed on — one transaction.
     * Its files go once that has committed, unless another company's record still holds them.
     */
    async close(
      actor: CompanyActor,
      request: { slug: string; confirmSlug: string; publicReason: string },
    ): Promise<ClosureResult> {
      const closed = await deps.jobs.transaction(async (trx) => {
        const companies = createCompanyRepository(trx);
        const me = await companies.membership(request.slug, actor.userId);
        if (!me) return { kind: 'not-found' as const };
        if (!canPerform(me.role, 'close'))
          return { kind: 'refused' as const, refusal: 'not-allowed' as const };
        if (request.confirmSlug !== me.slug) return { kind: 'mismatch' as const };
        const ended = await deps.lifecycle.endForClosedCompany(
          trx,
          me.companyId,
          request.publicReason,
          actor.userId,
        );
        const storedFiles = await createApplicationRepository(trx).companyStoredFiles(me.companyId);
        if (!(await companies.remove(me.companyId))) return { kind: 'not-found' as const };
        await createAuditLog(trx).append(
          {
            actorId: actor.userId,
            action: 'company-closed',
            subjectId: me.companyId,
            details: { name: me.name },
          },
          deps.now(),
        );
        await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
        return { kind: 'closed' as const, name: me.name, ended, storedFiles };
      });
      if (closed.kind !== 'closed') return closed;
      deps.lifecycle.announce(closed.ended);
      await deps.releaseFiles(closed.storedFiles);
      return { kind: 'closed', name: closed.name };
    },
  };
}

export type CompanyActions = ReturnType<typeof createCompanyActions>;
