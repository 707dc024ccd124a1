import { describe, expect, it } from 'vitest';
import {
  deletionBlockers,
  mayDelete,
  deletionDate,
  isDueForDeletion,
  isUnsuccessful,
  retentionCutoff,
} from '../../src/features/privacy/rules';

const now = new Date('2026-12-01T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('account deletion', () => {
  it('is blocked only by the companies the user owns', () => {
    const memberships = [
      { companyName: 'Acme', companySlug: 'acme', role: 'owner' as const },
      { companyName: 'Beta', companySlug: 'beta', role: 'admin' as const },
      { companyName: 'Gamma', companySlug: 'gamma', role: 'member' as const },
    ];
    const applicant = { isAdmin: false, administrators: 1 };
    expect(
      deletionBlockers(memberships, applicant).ownedCompanies.map((blocker) => blocker.companySlug),
    ).toEqual(['acme']);
    expect(mayDelete(deletionBlockers(memberships, applicant))).toBe(false);
    expect(mayDelete(deletionBlockers(memberships.slice(1), applicant))).toBe(true);
  });

  it("keeps the program's last administrator", () => {
    expect(deletionBlockers([], { isAdmin: true, administrators: 1 }).lastAdministrator).toBe(true);
    expect(mayDelete(deletionBlockers([], { isAdmin: true, administrators: 1 }))).toBe(false);
    expect(mayDelete(deletionBlockers([], { isAdmin: true, administrators: 2 }))).toBe(true);
  });
});

describe('retention of unsuccessful applications', () => {
  it('counts only not-certified and withdrawn applications as unsuccessful', () => {
    expect(isUnsuccessful('not-certified')).toBe(true);
    expect(isUnsuccessful('withdrawn')).toBe(true);
    for (const status of ['draft', 'submitted', 'in-review', 'changes-requested', 'certified'] as const) {
      expect(isUnsuccessful(status)).toBe(false);
    }
  });

  it('deletes once the period has passed, never a kept one or a certified one', () => {
    const ended = { status: 'not-certified' as const, endedAt: daysAgo(31), kept: false };
    expect(isDueForDeletion(ended, now, 30)).toBe(true);
    expect(isDueForDeletion({ ...ended, endedAt: daysAgo(29) }, now, 30)).toBe(false);
    expect(isDueForDeletion({ ...ended, kept: true }, now, 30)).toBe(false);
    expect(isDueForDeletion({ ...ended, status: 'certified' }, now, 30)).toBe(false);
    expect(isDueForDeletion({ ...ended, status: 'withdrawn' }, now, 30)).toBe(true);
  });

  it('tells the company the day it will go', () => {
    expect(retentionCutoff(now, 1).toISOString()).toBe('2026-11-30T12:00:00.000Z');
    expect(deletionDate('2026-01-31T10:00:00.000Z', 365)).toBe('2027-01-31');
  });
});
