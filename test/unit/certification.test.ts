import { describe, expect, it } from 'vitest';
import { isOpen, type ApplicationStatus } from '../../src/features/applications/rules';
import {
  adminMove,
  dueReminders,
  liveStatus,
  utcDay,
  renewal,
  statusDate,
  validUntil,
} from '../../src/features/registry/rules';

describe('a certification’s validity', () => {
  it('lasts the configured period, but never past the promised end of security updates', () => {
    const issued = new Date('2026-11-25T10:00:00Z');
    expect(validUntil(issued, 24, '2035-01-01')).toBe('2028-11-25');
    expect(validUntil(issued, 24, '2027-06-30')).toBe('2027-06-30');
  });

  it('shows as expired once its end date has passed, even before the sweep records it', () => {
    const now = new Date('2028-11-26T00:00:00Z');
    expect(liveStatus('active', '2028-11-25', now)).toBe('expired');
    expect(liveStatus('active', '2028-11-26', now)).toBe('active');
    expect(liveStatus('revoked', '2030-01-01', now)).toBe('revoked');
    // A stored value from a future or broken release never shows as certified.
    expect(liveStatus('certified-maybe', '2030-01-01', now)).toBe('revoked');
    // A list works out today's date once and gives it instead of the moment: the same answers.
    const today = utcDay(new Date('2028-11-26T23:59:59.999Z'));
    expect(today).toBe('2028-11-26');
    expect(liveStatus('active', '2028-11-25', today)).toBe('expired');
    expect(liveStatus('active', '2028-11-26', today)).toBe('active');
    expect(liveStatus('active', '2028-11-26', '2028-11-26T23:00:00.000Z')).toBe('active');
  });

  it('dates the status a company sees: valid until, or since when it ended or was suspended', () => {
    const now = new Date('2028-11-26T12:00:00Z');
    const changed = '2028-03-01T09:00:00.000Z';
    const row = (status: string, validUntilDate: string) => ({
      status,
      valid_until: validUntilDate,
      updated_at: changed,
    });
    expect(statusDate(row('active', '2029-01-31'), now)).toBe('2029-01-31');
    expect(statusDate(row('suspended', '2029-01-31'), now)).toBe(changed);
    expect(statusDate(row('revoked', '2029-01-31'), now)).toBe(changed);
    expect(statusDate(row('expired', '2028-02-29'), now)).toBe(changed);
    // Ended yesterday, not yet swept: expired today, the day after its last valid day.
    expect(statusDate(row('active', '2028-11-25'), now)).toBe('2028-11-26');
  });
});

describe('renewal', () => {
  it('is offered for a live or lapsed mark unless an application is already open', () => {
    expect(renewal('active', false)).toBe('available');
    expect(renewal('expired', false)).toBe('available');
    expect(renewal('active', true)).toBe('under-way');
    expect(renewal('suspended', false)).toBe('unavailable');
    expect(renewal('revoked', false)).toBe('unavailable');
  });

  it('counts drafts and applications in review as open, decided and withdrawn ones not', () => {
    const open: ApplicationStatus[] = ['draft', 'submitted', 'in-review', 'changes-requested'];
    const closed: ApplicationStatus[] = ['certified', 'not-certified', 'withdrawn'];
    expect(open.filter(isOpen)).toEqual(open);
    expect(closed.filter(isOpen)).toEqual([]);
  });
});

describe('renewal reminders', () => {
  const now = new Date('2028-10-26T12:00:00Z');

  it('are due at 90, 30 and 7 days before the end, nearest first, each once', () => {
    expect(dueReminders('2029-06-01', now, new Set())).toEqual([]);
    expect(dueReminders('2029-01-10', now, new Set())).toEqual([90]);
    expect(dueReminders('2028-11-20', now, new Set())).toEqual([30, 90]);
    expect(dueReminders('2028-11-20', now, new Set([30, 90]))).toEqual([]);
    expect(dueReminders('2028-10-30', now, new Set([90]))).toEqual([7, 30]);
  });

  it('stop once the certification has ended', () => {
    expect(dueReminders('2028-10-01', now, new Set())).toEqual([]);
  });
});

describe('admin changes', () => {
  it('suspend only what is active, reinstate only what is suspended, and revoke anything not yet revoked', () => {
    expect(adminMove('suspend')).toEqual({ from: ['active'], to: 'suspended' });
    expect(adminMove('reinstate')).toEqual({ from: ['suspended'], to: 'active' });
    expect(adminMove('revoke').from).not.toContain('revoked');
    expect(adminMove('revoke').to).toBe('revoked');
  });
});
