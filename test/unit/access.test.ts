import { describe, expect, it } from 'vitest';
import { decideAccess, isPlatformRole, requiresTwoFactor, type Principal } from '../../src/domain/access';

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
