import { describe, expect, it } from 'vitest';
import { acceptsConcerns, confirmationCutoff, tallyConcerns } from '../../src/features/concerns/rules';

describe('concerns', () => {
  it('are taken about current and suspended marks only', () => {
    expect(acceptsConcerns('active')).toBe(true);
    expect(acceptsConcerns('suspended')).toBe(true);
    expect(acceptsConcerns('revoked')).toBe(false);
    expect(acceptsConcerns('expired')).toBe(false);
  });

  it('count only decided concerns in public', () => {
    expect(tallyConcerns(['upheld', 'rejected', 'open', 'unconfirmed', 'upheld'])).toEqual({
      upheld: 2,
      rejected: 1,
    });
  });

  it('must be confirmed within 48 hours', () => {
    expect(confirmationCutoff(new Date('2026-11-25T12:00:00Z')).toISOString()).toBe(
      '2026-11-23T12:00:00.000Z',
    );
  });
});
