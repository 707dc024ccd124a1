import { describe, expect, it } from 'vitest';
import type { Dimension } from '../../src/features/criteria/dimensions-rules';
import { dimensions } from '../../src/features/criteria/dimensions-rules';
import {
  pickCoveringReviewers,
  weakestDimensions,
  type ExpertCandidate,
} from '../../src/features/review/assignment-rules';

const candidate = (
  reviewerId: string,
  expertise: Dimension[],
  overrides: Partial<ExpertCandidate> = {},
): ExpertCandidate => ({
  reviewerId,
  load: 0,
  capacity: 5,
  available: true,
  conflictedCompanyIds: new Set(),
  twoFactorEnabled: true,
  expertise: new Set(expertise),
  ...overrides,
});

describe("an application's weakest dimensions", () => {
  const criteria = [
    { id: 'PRI-01', dimension: 'privacy' as const },
    { id: 'PRI-02', dimension: 'privacy' as const },
    { id: 'SEC-01', dimension: 'security' as const },
    { id: 'SEC-02', dimension: 'security' as const },
    { id: 'SEC-03', dimension: 'security' as const },
    { id: 'STA-01', dimension: 'stability' as const },
    { id: 'OPE-01', dimension: 'openness' as const },
  ];

  it('are those with the most criteria not met or left open, most first, ties in the dimensions’ order', () => {
    const answers = new Map<string, string | null>([
      ['PRI-01', 'met'],
      ['PRI-02', 'not-met'],
      ['SEC-01', 'not-met'],
      ['SEC-02', null],
      ['SEC-03', 'not-applicable'],
      ['STA-01', 'met'],
      // OPE-01 not answered at all.
    ]);
    expect(weakestDimensions(criteria, answers, dimensions)).toEqual(['security', 'privacy', 'openness']);
  });

  it('are none when everything is met or justified not applicable', () => {
    const all = new Map(criteria.map((criterion) => [criterion.id, 'met']));
    all.set('SEC-03', 'not-applicable');
    expect(weakestDimensions(criteria, all, dimensions)).toEqual([]);
  });
});

describe('automatic assignment by expertise', () => {
  it('prefers a pair that covers the two weakest dimensions over the least loaded pair', () => {
    const pool = [
      candidate('idle-a', ['openness']),
      candidate('idle-b', []),
      candidate('security', ['security'], { load: 2 }),
      candidate('privacy', ['privacy'], { load: 3 }),
    ];
    expect(pickCoveringReviewers(pool, 'co', new Set(), 2, ['security', 'privacy'])).toEqual([
      'security',
      'privacy',
    ]);
  });

  it('weighs the weakest dimension most, and does not pick two experts of the same dimension', () => {
    const pool = [
      candidate('sec-1', ['security']),
      candidate('sec-2', ['security']),
      candidate('pri', ['privacy'], { load: 4 }),
    ];
    const picked = pickCoveringReviewers(pool, 'co', new Set(), 2, ['security', 'privacy']);
    expect(picked).toEqual(['sec-1', 'pri']);
    // One place left and security already covered by the reviewer on it: privacy wins.
    expect(
      pickCoveringReviewers(
        pool,
        'co',
        new Set(['sec-1']),
        1,
        ['security', 'privacy'],
        new Set(['security']),
      ),
    ).toEqual(['pri']);
  });

  it('is assignment by load when no one covers anything, among equals, or without weak dimensions', () => {
    const pool = [
      candidate('b', ['openness'], { load: 1 }),
      candidate('a', ['openness'], { load: 1 }),
      candidate('c', [], { load: 0 }),
    ];
    expect(pickCoveringReviewers(pool, 'co', new Set(), 2, ['security'])).toEqual(['c', 'a']);
    expect(pickCoveringReviewers(pool, 'co', new Set(), 2, [])).toEqual(['c', 'a']);
    const twoExperts = [candidate('x', ['security'], { load: 3 }), candidate('y', ['security'], { load: 1 })];
    expect(pickCoveringReviewers(twoExperts, 'co', new Set(), 1, ['security'])).toEqual(['y']);
  });

  it('never picks an expert with a conflict, at capacity, unavailable, without a second factor or already on it', () => {
    const pool = [
      candidate('conflicted', ['security'], { conflictedCompanyIds: new Set(['co']) }),
      candidate('full', ['security'], { load: 5, capacity: 5 }),
      candidate('away', ['security'], { available: false }),
      candidate('no-2fa', ['security'], { twoFactorEnabled: false }),
      candidate('on-it', ['security']),
      candidate('generalist', [], { load: 2 }),
    ];
    expect(pickCoveringReviewers(pool, 'co', new Set(['on-it']), 2, ['security'])).toEqual(['generalist']);
    expect(pickCoveringReviewers(pool, 'co', new Set(), 0, ['security'])).toEqual([]);
  });
});
