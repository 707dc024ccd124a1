import type { Principal } from '../../platform/auth/access';
import { canPerform, type CompanyRole } from '../companies/rules';

/** How the signed-in user stands to one application. */
export interface ApplicationRelation {
  /** A member of the company that applies. */
  member: boolean;
  /**
   * Assigned to review it (or re-review its certification), without a conflict of interest: none declared
   * and no membership of the applying company (src/features/review/reviewers-store.ts, conflictedCompanies).
   */
  assigned: boolean;
}

export type ApplicationAccess =
  { allowed: true; as: 'member' | 'staff' } | { allowed: false; reason: 'not-found' | 'two-factor-required' };

/**
 * Who may see an application's answers, evidence, threads and history. The company's own members always
 * may, whatever their platform role. Staff — admins, and reviewers assigned to it — decide about other
 * people's products, so a stolen password alone must not open those confidential pages: they need the
 * second factor here as everywhere else in their role.
 */
export function decideApplicationAccess(
  principal: Principal,
  relation: ApplicationRelation,
): ApplicationAccess {
  if (relation.member) return { allowed: true, as: 'member' };
  return decideStaffAccess(principal, relation.assigned);
}

/**
 * The staff path alone: for pages (the review workspace, re-reviews) that membership does not open.
 * `conflicted` (a declared conflict, or membership of the applying company) closes it to everyone, admins
 * included: nobody reviews or decides about their own company's product.
 */
export function decideStaffAccess(
  principal: Principal,
  assigned: boolean,
  conflicted = false,
): ApplicationAccess {
  if (conflicted) return { allowed: false, reason: 'not-found' };
  // A user whose reviewer role was taken away keeps no access through an assignment left behind.
  const staff = principal.role === 'admin' || (principal.role === 'reviewer' && assigned);
  if (!staff) return { allowed: false, reason: 'not-found' };
  if (!principal.twoFactorEnabled) return { allowed: false, reason: 'two-factor-required' };
  return { allowed: true, as: 'staff' };
}

export type ManageAccess = { allowed: true } | { allowed: false; reason: 'not-found' | 'forbidden' };

/**
 * Who may act for the company on one application (submit, resubmit, withdraw, delete, appeal, keep): its
 * owners and administrators. Other members are told they may not; staff who may read it are told so too
 * where `staffRefusal` says `forbidden`. Everyone else cannot tell it from an application that does not
 * exist.
 */
export function decideManageAccess(
  principal: Principal,
  relation: { role: CompanyRole | undefined; assigned: boolean },
  staffRefusal: 'forbidden' | 'not-found',
): ManageAccess {
  if (relation.role) {
    return canPerform(relation.role, 'manage-applications')
      ? { allowed: true }
      : { allowed: false, reason: 'forbidden' };
  }
  const readable = decideStaffAccess(principal, relation.assigned).allowed;
  return { allowed: false, reason: readable ? staffRefusal : 'not-found' };
}
