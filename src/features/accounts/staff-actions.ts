import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { decideAccess, type PlatformRole, type Principal } from '../../platform/auth/access';
import { createAuditLog } from '../../platform/audit/store';
import { createUserRepository } from './users-store';

export interface StaffDependencies {
  jobs: { transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> };
  now: () => Date;
}

export interface RoleChange {
  actor: Principal;
  userId: string;
  role: PlatformRole;
}

export type RoleChangeResult =
  | { kind: 'changed'; from: PlatformRole }
  /** No such user, or an actor who may not manage users: the same to the caller. */
  | { kind: 'not-found' }
  /** Admins cannot change their own role: the platform must never be left without one by accident. */
  | { kind: 'own-role' };

/**
 * Grants or withdraws a platform role. The new role, the end of the user's sessions (the role and its
 * two-factor requirement apply from their next sign-in, never to a session opened under the old one) and
 * the audit entry are one transaction: granting review or admin rights is a decision on the record.
 */
export function changePlatformRole(deps: StaffDependencies, change: RoleChange): Promise<RoleChangeResult> {
  return deps.jobs.transaction(async (trx): Promise<RoleChangeResult> => {
    if (!decideAccess('admin', change.actor).allowed) return { kind: 'not-found' };
    const users = createUserRepository(trx);
    const target = await users.findById(change.userId);
    if (!target) return { kind: 'not-found' };
    if (target.id === change.actor.userId) return { kind: 'own-role' };
    await users.setRole(target.id, change.role);
    await users.endSessions(target.id);
    await recordStaffChange(trx, deps.now(), change, target.role);
    return { kind: 'changed', from: target.role };
  });
}

function recordStaffChange(trx: Kysely<Database>, now: Date, change: RoleChange, from: PlatformRole) {
  return createAuditLog(trx).append(
    {
      actorId: change.actor.userId,
      action: 'role-changed',
      subjectId: change.userId,
      details: { from, to: change.role },
    },
    now,
  );
}
