import { describe, expect, it } from 'vitest';
import { confirmedByStarting, updateRefusal } from '../../src/features/evidence/update-rules';
import { returningReviewers } from '../../src/features/review/assignment-rules';
import {
  carryFromCertified,
  roundCounts,
  type SnapshotOfAnswer,
} from '../../src/features/review/carry-rules';
import type { ReviewerCandidate, Verdict } from '../../src/features/review/rules';

const criteria = [{ id: 'SEC-01' }, { id: 'SEC-02' }, { id: 'SEC-03' }, { id: 'PRI-01' }];
const answer = (explanation: string, evidence: string[] = []): SnapshotOfAnswer => ({
  status: 'met',
  explanation,
  evidence,
});
const certified = new Map([
  ['SEC-01', answer('Signed updates', ['link:https://a.example/updates'])],
  ['SEC-02', answer('Policy', ['link:https://a.example/policy.pdf'])],
  ['SEC-03', answer('TLS')],
  ['PRI-01', answer('No cloud')],
]);
const finalRound = (verdicts: Record<string, Verdict>) => ({
  verdicts: new Map(Object.entries(verdicts)),
  comments: new Map([['SEC-03', 'Fine.']]),
});

describe('carrying verdicts over from the certified application an update started from', () => {
  it('carries every final verdict over but on the changed evidence and the changed answers', () => {
    const after = new Map(certified);
    after.set('PRI-01', answer('No cloud, no account'));
    const carry = carryFromCertified({
      criteria,
      certified,
      after,
      evidenceChanged: new Set(['SEC-02']),
      previous: finalRound({
        'SEC-01': 'accepted',
        'SEC-02': 'accepted',
        'SEC-03': 'accepted',
        'PRI-01': 'accepted',
      }),
    });
    // SEC-02's answer is as certified, but what its link serves changed: the reviewer looks again.
    expect(carry.changed).toEqual(['SEC-02', 'PRI-01']);
    expect([...carry.prefill.keys()]).toEqual(['SEC-01', 'SEC-03']);
    expect(carry.prefill.get('SEC-03')).toEqual({ verdict: 'accepted', comment: 'Fine.' });
    expect(roundCounts(criteria, carry, undefined)).toEqual({ changed: 2, carriedOver: 2, toDecide: 2 });
  });

  it('carries nothing for a reviewer new to the product, and still lists what changed', () => {
    const carry = carryFromCertified({
      criteria,
      certified,
      after: certified,
      evidenceChanged: new Set(['SEC-02']),
      previous: undefined,
    });
    expect(carry.changed).toEqual(['SEC-02']);
    expect(carry.prefill.size).toBe(0);
    expect(roundCounts(criteria, carry, undefined).toDecide).toBe(4);
  });
});

describe('starting an update of changed evidence', () => {
  it('needs an active certification, changed evidence and no application already open', () => {
    const ok = { certified: true, changedCriteria: ['SEC-02'], openApplicationId: undefined };
    expect(updateRefusal(ok)).toBeUndefined();
    expect(updateRefusal({ ...ok, certified: false })).toBe('not-certified');
    expect(updateRefusal({ ...ok, changedCriteria: [] })).toBe('nothing-changed');
    expect(updateRefusal({ ...ok, openApplicationId: 'a1' })).toBe('under-way');
  });

  it('confirms the unchanged copied answers in one step and leaves the changed ones to check', () => {
    expect(confirmedByStarting(['SEC-01', 'SEC-02', 'PRI-01'], new Set(['SEC-02']))).toEqual({
      confirmed: ['SEC-01', 'PRI-01'],
      toCheck: ['SEC-02'],
    });
  });
});

describe('giving an update back to the reviewers who certified it', () => {
  const reviewer = (reviewerId: string, extra: Partial<ReviewerCandidate> = {}): ReviewerCandidate => ({
    reviewerId,
    load: 0,
    capacity: 5,
    available: true,
    conflictedCompanyIds: new Set(),
    twoFactorEnabled: true,
    ...extra,
  });

  it('prefers them over less loaded reviewers, while they may take it', () => {
    const pool = [reviewer('a', { load: 4 }), reviewer('b', { load: 3 }), reviewer('c'), reviewer('d')];
    expect(returningReviewers(pool, 'co', new Set(), new Set(['a', 'b']), 2)).toEqual(['b', 'a']);
    expect(returningReviewers(pool, 'co', new Set(), new Set(['a', 'b']), 1)).toEqual(['b']);
    expect(returningReviewers(pool, 'co', new Set(['b']), new Set(['a', 'b']), 2)).toEqual(['a']);
  });

  it('skips one who is conflicted now, unavailable, at capacity or without a second factor', () => {
    const pool = [
      reviewer('a', { conflictedCompanyIds: new Set(['co']) }),
      reviewer('b', { available: false }),
      reviewer('c', { load: 5 }),
      reviewer('d', { twoFactorEnabled: false }),
      reviewer('e'),
    ];
    expect(returningReviewers(pool, 'co', new Set(), new Set(['a', 'b', 'c', 'd']), 2)).toEqual([]);
    expect(returningReviewers(pool, 'co', new Set(), new Set(), 2)).toEqual([]);
  });
});
