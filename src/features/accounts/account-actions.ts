import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { Auth } from '../../platform/auth/auth';
import { attempt } from '../../platform/web/auth-calls';
import { optionalMailKinds, type OptionalMailKind } from '../review/notification-rules';
import { deletionBlockers, mayDelete, type DeletionBlockers } from '../privacy/rules';
import type { AccountData, Departures } from '../privacy';
import { createMailPreferenceRepository } from './mail-preferences-store';
import type { UserRepository } from './users-store';

/** Saves which optional mails a user wants, every kind at once: those not in `enabled` are turned off. */
export function saveMailPreferences(
  deps: { jobs: { transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> } },
  userId: string,
  enabled: (kind: OptionalMailKind) => boolean,
): Promise<void> {
  return deps.jobs.transaction(async (trx) => {
    const preferences = createMailPreferenceRepository(trx);
    for (const kind of optionalMailKinds) await preferences.set(userId, kind, enabled(kind));
  });
}

export interface DeletionDependencies {
  auth: Auth;
  accountData: Pick<AccountData, 'memberships'>;
  users: Pick<UserRepository, 'countWithRole'>;
  departures: Pick<Departures, 'accountDeleted'>;
}

/** What stands in the way of deleting an account: companies it owns, being the last administrator. */
export async function accountDeletionBlockers(
  deps: Omit<DeletionDependencies, 'auth' | 'departures'>,
  user: { id: string; role: string },
): Promise<DeletionBlockers> {
  return deletionBlockers(await deps.accountData.memberships(user.id), {
    isAdmin: user.role === 'admin',
    administrators: await deps.users.countWithRole('admin'),
  });
}

export type DeletionResult =
  { kind: 'deleted'; response: Response } | { kind: 'blocked' } | { kind: 'wrong-password' };

/**
 * Deletes the signed-in user's account once they confirmed it with their password. Better Auth deletes the
 * account and its sessions (the `response` carries the cookies that end the session); what follows — names
 * forgotten where work stays, reviewers' work handed on — is the departures' part.
 */
export async function deleteAccount(
  deps: DeletionDependencies,
  request: { user: { id: string; role: string }; password: string; headers: Headers },
): Promise<DeletionResult> {
  // Checked again here: owners hand their companies on first, and the last administrator stays.
  if (!mayDelete(await accountDeletionBlockers(deps, request.user))) return { kind: 'blocked' };
  const outcome = await attempt(() =>
    deps.auth.api.deleteUser({
      body: { password: request.password },
      headers: request.headers,
      asResponse: true,
    }),
  );
  if (!outcome.ok) return { kind: 'wrong-password' };
  await deps.departures.accountDeleted(request.user.id);
  return { kind: 'deleted', response: outcome.value };
}
