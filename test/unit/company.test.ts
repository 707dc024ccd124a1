import { describe, expect, it } from 'vitest';
import {
  canPerform,
  checkRemoval,
  checkRoleChange,
  invitableRoles,
  slugify,
} from '../../src/features/companies/rules';

describe('company roles', () => {
  it('lets owners and administrators manage the team, and only owners hand over ownership', () => {
    expect(canPerform('member', 'invite')).toBe(false);
    expect(canPerform('admin', 'invite')).toBe(true);
    expect(canPerform('admin', 'transfer-ownership')).toBe(false);
    expect(canPerform('owner', 'transfer-ownership')).toBe(true);
    expect(canPerform('member', 'view')).toBe(true);
  });

  it('never invites anyone straight into ownership', () => {
    expect(invitableRoles('owner')).toEqual(['member', 'admin']);
    expect(invitableRoles('member')).toEqual([]);
  });

  it('protects the owner from role changes and removal; ownership moves only by transfer', () => {
    expect(checkRoleChange('admin', 'member', 'admin')).toBeNull();
    expect(checkRoleChange('member', 'member', 'admin')).toBe('not-allowed');
    expect(checkRoleChange('admin', 'owner', 'member')).toBe('owner-must-transfer');
    expect(checkRoleChange('owner', 'admin', 'owner')).toBe('use-transfer');
    expect(checkRemoval('owner', 'member')).toBeNull();
    expect(checkRemoval('admin', 'owner')).toBe('owner-must-transfer');
    expect(checkRemoval('member', 'admin')).toBe('not-allowed');
  });

  it('derives a link-safe short name from a company name', () => {
    expect(slugify('Müller & Söhne GmbH')).toBe('muller-sohne-gmbh');
    expect(slugify('  --ACME  Devices--  ')).toBe('acme-devices');
    expect(slugify('x'.repeat(80))).toHaveLength(48);
  });
});
