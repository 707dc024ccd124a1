import { describe, expect, it } from 'vitest';
import {
  decideAccess,
  isPlatformRole,
  requiresTwoFactor,
  type Principal,
} from '../../src/platform/auth/access';
import { decideApplicationAccess, decideStaffAccess } from '../../src/features/applications/access-rules';

const person = (role: Principal['role'], twoFactorEnabled = true): Principal => ({
  userId: 'u1',
  role,
  twoFactorEnabled,
});

describe('decideAccess', () => {
  it('lets anyone through a public route', () => {
    expect(decideAccess('public', null)).toEqual({ allowed: true });
  });

  it('asks visitors to sign in for everything else', () => {
    for (const policy of ['signed-in', 'reviewer', 'admin'] as const) {
      expect(decideAccess(policy, null)).toEqual({ allowed: false, reason: 'sign-in-required' });
    }
  });

  it('ranks roles: admins may review, applicants may do neither', () => {
    expect(decideAccess('reviewer', person('applicant'))).toEqual({ allowed: false, reason: 'forbidden' });
    expect(decideAccess('admin', person('reviewer'))).toEqual({ allowed: false, reason: 'forbidden' });
    expect(decideAccess('reviewer', person('admin'))).toEqual({ allowed: true });
    expect(decideAccess('admin', person('admin'))).toEqual({ allowed: true });
  });

  it('keeps reviewers and admins out of their areas until two-factor is on, but not out of their account', () => {
    expect(decideAccess('reviewer', person('reviewer', false))).toEqual({
      allowed: false,
      reason: 'two-factor-required',
    });
    expect(decideAccess('admin', person('admin', false))).toEqual({
      allowed: false,
      reason: 'two-factor-required',
    });
    expect(decideAccess('signed-in', person('admin', false))).toEqual({ allowed: true });
  });

  it('does not demand a second factor from applicants', () => {
    expect(requiresTwoFactor('applicant')).toBe(false);
    expect(decideAccess('signed-in', person('applicant', false))).toEqual({ allowed: true });
  });

  it('recognises only the three platform roles', () => {
    expect(isPlatformRole('reviewer')).toBe(true);
    expect(isPlatformRole('owner')).toBe(false);
    expect(isPlatformRole(undefined)).toBe(false);
  });
});

describe('decideApplicationAccess', () => {
  const outsider = { member: false, assigned: false };
  const assigned = { member: false, assigned: true };
  const member = { member: true, assigned: false };
  const notFound = { allowed: false, reason: 'not-found' };
  const secondFactor = { allowed: false, reason: 'two-factor-required' };

  it("lets the company's members read their own application without a second factor, whatever their role", () => {
    for (const role of ['applicant', 'reviewer', 'admin'] as const) {
      expect(decideApplicationAccess(person(role, false), member)).toEqual({ allowed: true, as: 'member' });
    }
  });

  it('lets assigned reviewers and admins in as staff only with two-factor on', () => {
    expect(decideApplicationAccess(person('reviewer'), assigned)).toEqual({ allowed: true, as: 'staff' });
    expect(decideApplicationAccess(person('admin'), outsider)).toEqual({ allowed: true, as: 'staff' });
    expect(decideApplicationAccess(person('reviewer', false), assigned)).toEqual(secondFactor);
    expect(decideApplicationAccess(person('admin', false), outsider)).toEqual(secondFactor);
    expect(decideApplicationAccess(person('admin', false), assigned)).toEqual(secondFactor);
  });

  it('shows nothing to unassigned reviewers, to applicants, nor through an assignment left from a former role', () => {
    expect(decideApplicationAccess(person('reviewer'), outsider)).toEqual(notFound);
    expect(decideApplicationAccess(person('applicant'), outsider)).toEqual(notFound);
    expect(decideApplicationAccess(person('applicant', false), assigned)).toEqual(notFound);
  });

  it('opens staff-only pages to no member through membership', () => {
    expect(decideStaffAccess(person('applicant'), false)).toEqual(notFound);
    expect(decideStaffAccess(person('reviewer', false), true)).toEqual(secondFactor);
    expect(decideStaffAccess(person('reviewer'), true)).toEqual({ allowed: true, as: 'staff' });
  });

  it('closes the staff path to anyone conflicted with the company, admins included', () => {
    expect(decideStaffAccess(person('reviewer'), true, true)).toEqual(notFound);
    expect(decideStaffAccess(person('admin'), false, true)).toEqual(notFound);
    expect(decideStaffAccess(person('admin'), false, false)).toEqual({ allowed: true, as: 'staff' });
  });
});
