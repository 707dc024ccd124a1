import type { PlatformRole } from './access';
import type { Auth } from './auth';

/**
 * Changes to accounts that no public auth endpoint allows, made through Better Auth's own adapter
 * so that its tables stay consistent on every database.
 */
export function createAccountAdministration(auth: Auth) {
  return {
    /**
     * Sets a user's platform role and ends their sessions, so the new role (and its two-factor
     * requirement) applies from their next sign-in, never to a session opened under the old one.
     */
    async changeRole(userId: string, role: PlatformRole): Promise<void> {
      const { internalAdapter } = await auth.$context;
      await internalAdapter.updateUser(userId, { role });
      await internalAdapter.deleteUserSessions(userId);
    },

    /** Used only to seed demo accounts, whose addresses cannot receive mail. */
    async markEmailVerified(userId: string): Promise<void> {
      const { internalAdapter } = await auth.$context;
      await internalAdapter.updateUser(userId, { emailVerified: true });
    },
  };
}

export type AccountAdministration = ReturnType<typeof createAccountAdministration>;
