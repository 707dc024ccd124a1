/**
 * Who may do what on the platform. Pure rules: no framework, no database.
 * Every route declares one AccessPolicy; the web layer asks decideAccess before running it.
 */
export const platformRoles = ['applicant', 'reviewer', 'admin'] as const;
export type PlatformRole = (typeof platformRoles)[number];

export function isPlatformRole(value: unknown): value is PlatformRole {
  return typeof value === 'string' && (platformRoles as readonly string[]).includes(value);
}

/** Reviewers and admins decide about other people's products, so they must use a second factor. */
export function requiresTwoFactor(role: PlatformRole): boolean {
  return role !== 'applicant';
}

export type AccessPolicy =
  /** Anyone, signed in or not. */
  | 'public'
  /** Any signed-in user with a verified email address. */
  | 'signed-in'
  /** Reviewers and admins, with two-factor set up. */
  | 'reviewer'
  /** Admins, with two-factor set up. */
  | 'admin';

export interface Principal {
  userId: string;
  role: PlatformRole;
  twoFactorEnabled: boolean;
}

export type AccessDecision =
  { allowed: true } | { allowed: false; reason: 'sign-in-required' | 'two-factor-required' | 'forbidden' };

const roleRank: Record<PlatformRole, number> = { applicant: 0, reviewer: 1, admin: 2 };
const policyMinimumRole: Record<Exclude<AccessPolicy, 'public'>, PlatformRole> = {
  'signed-in': 'applicant',
  reviewer: 'reviewer',
  admin: 'admin',
};

export function decideAccess(policy: AccessPolicy, principal: Principal | null): AccessDecision {
  if (policy === 'public') return { allowed: true };
  if (!principal) return { allowed: false, reason: 'sign-in-required' };
  if (roleRank[principal.role] < roleRank[policyMinimumRole[policy]])
    return { allowed: false, reason: 'forbidden' };
  // A reviewer or admin without a second factor may still use applicant pages (to set it up, for one),
  // but nothing that needs their elevated role.
  if (policy !== 'signed-in' && requiresTwoFactor(principal.role) && !principal.twoFactorEnabled) {
    return { allowed: false, reason: 'two-factor-required' };
  }
  return { allowed: true };
}
