import { createHash, randomBytes } from 'node:crypto';
import { decideAccess, type Principal } from '../../platform/auth/access';
import { createAuditLog } from '../../platform/audit/store';
import { isUniqueViolation, type DialectName } from '../../platform/db/dialect';
import { messagesFor, type Locale } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobQueue } from '../../platform/jobs/queue';
import { invitationState, invitationTokenPattern, invitationValidityMs } from './invitation-rules';
import { createInvitationRepository } from './invitations-store';

export interface InvitationDependencies {
  jobs: JobQueue;
  mailer: QueuedMailer;
  dialect: DialectName;
  baseUrl: string;
  now: () => Date;
  /** Better Auth's own password hash, so the account signs in like any other. */
  hashPassword: (password: string) => Promise<string>;
}

/** Only the SHA-256 of a token is stored; the token itself exists in the mail alone. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type InviteResult =
  { kind: 'invited'; id: string } | { kind: 'already-registered' } | { kind: 'not-allowed' };

/**
 * An admin invites someone to the reviewer pool: the invitation (its token hashed), the end of earlier open
 * invitations to the address, the audit entry and the mail with the link are one transaction.
 */
export function inviteReviewer(
  deps: InvitationDependencies,
  request: { actor: Principal; email: string; name: string; locale: Locale },
): Promise<InviteResult> {
  const { actor, name, locale } = request;
  const email = request.email.toLowerCase();
  if (!decideAccess('admin', actor).allowed) return Promise.resolve({ kind: 'not-allowed' });
  return deps.jobs.transaction(async (trx): Promise<InviteResult> => {
    const invitations = createInvitationRepository(trx, deps.dialect);
    if (await invitations.emailRegistered(email)) return { kind: 'already-registered' };
    const now = deps.now();
    const token = randomBytes(32).toString('base64url');
    await invitations.expireOpen(email, now);
    const id = await invitations.create(
      {
        email,
        name,
        locale,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: new Date(now.getTime() + invitationValidityMs),
      },
      now,
    );
    await createAuditLog(trx).append(
      { actorId: actor.userId, action: 'reviewer-invited', subjectId: id, details: { email } },
      now,
    );
    const inviter = await trx
      .selectFrom('user')
      .select('name')
      .where('id', '=', actor.userId)
      .executeTakeFirst();
    const m = messagesFor(locale);
    const url = `${deps.baseUrl}/${locale}/reviewer-invitations/${token}`;
    await deps.mailer.sendIn(
      trx,
      composeMail(
        m,
        email,
        name,
        m.reviewerPool.mailSubject,
        m.reviewerPool.mailBody(inviter?.name ?? '', url),
      ),
    );
    return { kind: 'invited', id };
  });
}

/** The open invitation a link stands for, or undefined: used, expired, forged and malformed look the same. */
export async function openInvitation(
  deps: Pick<InvitationDependencies, 'jobs' | 'dialect' | 'now'>,
  token: string,
) {
  if (!invitationTokenPattern.test(token)) return undefined;
  return deps.jobs.transaction(async (trx) => {
    const invitation = await createInvitationRepository(trx, deps.dialect).findByTokenHash(hashToken(token));
    return invitation && invitationState(invitation, deps.now()) === 'open' ? invitation : undefined;
  });
}

export type AcceptResult =
  | { kind: 'created'; email: string }
  /** Used, expired, forged: the same to whoever holds the link. */
  | { kind: 'invalid' }
  | { kind: 'already-registered' };

/**
 * Someone with an open invitation creates their reviewer account: the claim on the invitation (once only),
 * the account and its audit entry are one transaction. The account has no second factor; every reviewer
 * page sends its owner to set one up first.
 */
export async function acceptReviewerInvitation(
  deps: InvitationDependencies,
  request: { token: string; name: string; password: string },
): Promise<AcceptResult> {
  if (!invitationTokenPattern.test(request.token)) return { kind: 'invalid' };
  // Hashing is slow on purpose: done before the transaction, which on SQLite holds the only connection.
  const passwordHash = await deps.hashPassword(request.password);
  try {
    return await deps.jobs.transaction(async (trx): Promise<AcceptResult> => {
      const invitations = createInvitationRepository(trx, deps.dialect);
      const invitation = await invitations.findByTokenHash(hashToken(request.token));
      const now = deps.now();
      if (!invitation || invitationState(invitation, now) !== 'open') return { kind: 'invalid' };
      if (await invitations.emailRegistered(invitation.email)) return { kind: 'already-registered' };
      const userId = await invitations.createReviewerAccount(
        { name: request.name, email: invitation.email, locale: invitation.locale, passwordHash },
        now,
      );
      if (!(await invitations.claim(invitation.id, userId, now))) throw new InvitationTaken();
      await createAuditLog(trx).append(
        { actorId: userId, action: 'reviewer-invitation-accepted', subjectId: invitation.id },
        now,
      );
      return { kind: 'created', email: invitation.email };
    });
  } catch (error) {
    // Someone else used the link, or signed up with the address, at the same moment: nothing was written.
    if (error instanceof InvitationTaken) return { kind: 'invalid' };
    if (isUniqueViolation(error)) return { kind: 'already-registered' };
    throw error;
  }
}

/** Thrown to roll the account back when the invitation was claimed meanwhile. */
class InvitationTaken extends Error {}

/** The recent invitations, for the admins' page. */
export function listInvitations(deps: Pick<InvitationDependencies, 'jobs' | 'dialect'>) {
  return deps.jobs.transaction((trx) => createInvitationRepository(trx, deps.dialect).recent());
}
