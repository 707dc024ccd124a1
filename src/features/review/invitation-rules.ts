/**
 * Invitations to the reviewer pool, as pure rules: how long a link lives and what state an invitation is in.
 * The link's token is random and stored only as its hash, so the database alone cannot be used to sign up.
 */
export const invitationValidityDays = 7;
export const invitationValidityMs = invitationValidityDays * 24 * 60 * 60 * 1000;

/** A token as the link carries it: 32 random bytes, base64url. Anything else is refused before any lookup. */
export const invitationTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export type InvitationState = 'open' | 'used' | 'expired';

export function invitationState(
  invitation: { used_at: string | null; expires_at: string },
  now: Date,
): InvitationState {
  if (invitation.used_at) return 'used';
  return Date.parse(invitation.expires_at) > now.getTime() ? 'open' : 'expired';
}
