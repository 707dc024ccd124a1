/**
 * Roles inside a company (an organisation that applies for the mark) and what each may do.
 * The owner is the single accountable person; ownership can be handed over but never left empty.
 */
export const companyRoles = ['owner', 'admin', 'member'] as const;
export type CompanyRole = (typeof companyRoles)[number];

export function isCompanyRole(value: unknown): value is CompanyRole {
  return typeof value === 'string' && (companyRoles as readonly string[]).includes(value);
}

export type CompanyAction =
  | 'view'
  | 'invite'
  | 'manage-members'
  /** Submit, resubmit, withdraw, delete, appeal, keep: the company's word on its applications. */
  | 'manage-applications'
  /** Security notices and firmware releases: public and permanent, so the company's word, like a submission. */
  | 'publish-security-information'
  | 'transfer-ownership'
  | 'close';

export function canPerform(role: CompanyRole, action: CompanyAction): boolean {
  switch (action) {
    case 'view':
      return true;
    case 'invite':
    case 'manage-members':
    case 'manage-applications':
    case 'publish-security-information':
      return role === 'owner' || role === 'admin';
    case 'transfer-ownership':
    case 'close':
      return role === 'owner';
  }
}

/** How long an invitation can be accepted (Better Auth, which accepts it, checks the stored expiry). */
export const invitationValidSeconds = 60 * 60 * 24 * 7;

/** Pending invitations a company may have at once. */
export const pendingInvitationLimit = 100;

/** Roles an inviter may hand out: nobody can invite someone straight into ownership. */
export function invitableRoles(inviter: CompanyRole): CompanyRole[] {
  return canPerform(inviter, 'invite') ? ['member', 'admin'] : [];
}

export type RoleChangeRefusal = 'not-allowed' | 'owner-must-transfer' | 'use-transfer';

/** Whether `actor` may change `target`'s role to `next`; ownership moves only through a transfer. */
export function checkRoleChange(
  actor: CompanyRole,
  target: CompanyRole,
  next: CompanyRole,
): RoleChangeRefusal | null {
  if (!canPerform(actor, 'manage-members')) return 'not-allowed';
  if (target === 'owner') return 'owner-must-transfer';
  if (next === 'owner') return 'use-transfer';
  return null;
}

/** Removing a member follows the same rule: the owner cannot be removed until ownership has moved. */
export function checkRemoval(actor: CompanyRole, target: CompanyRole): RoleChangeRefusal | null {
  if (!canPerform(actor, 'manage-members')) return 'not-allowed';
  if (target === 'owner') return 'owner-must-transfer';
  return null;
}

/** A company's public handle: lowercase letters, digits and single dashes. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}
