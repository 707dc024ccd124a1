import { describe, expect, it } from 'vitest';
import type { CriteriaVersion, Criterion } from '../../src/features/criteria/rules';
import type { AnswerStatus } from '../../src/features/review/decision-rules';
import {
  canResume,
  canSeeOtherReviews,
  checkDecision,
  checkManualAssignment,
  pickReviewers,
  queuePlace,
  reviewedEvaluation,
  reviewedStatus,
  type ReviewerCandidate,
  type ReviewerRound,
  type Verdict,
} from '../../src/features/review/rules';
import {
  countBy,
  fulfilledDimensions,
  perMonth,
  percentile,
  recentMonths,
  summariseDurations,
} from '../../src/features/statistics/rules';
import { withRecommendedShare } from '../../src/features/criteria/rules';
import { shouldSend } from '../../src/features/review/notification-rules';

function criterion(id: string, level: Criterion['level']): Criterion {
  return {
    id,
    dimension: 'security',
    level,
    naAllowed: false,
    met: [],
    notApplicable: [],
    mappings: { etsi: [], usLabel: [] },
    texts: {},
  };
}

const version: CriteriaVersion = {
  version: 1,
  publishedOn: '2026-11-01',
  recommendedShare: 0.5,
  criteria: [criterion('SEC-01', 'required'), criterion('SEC-02', 'recommended')],
};
const allMet = new Map<string, AnswerStatus | null>([
  ['SEC-01', 'met'],
  ['SEC-02', 'met'],
]);

function round(reviewerId: string, recommendation: ReviewerRound['recommendation'], verdict: Verdict) {
  return {
    reviewerId,
    recommendation,
    verdicts: new Map<string, Verdict>([
      ['SEC-01', verdict],
      ['SEC-02', verdict],
    ]),
  };
}

describe('the reviewed outcome of a criterion', () => {
  it('counts the answer only when every reviewer accepted it', () => {
    expect(reviewedStatus('met', ['accepted', 'accepted'])).toBe('met');
    expect(reviewedStatus('met', ['accepted', 'needs-clarification'])).toBe('not-met');
    expect(reviewedStatus('met', ['accepted', undefined])).toBe('not-met');
    expect(reviewedStatus('met', [])).toBeNull();
    expect(reviewedStatus(null, ['accepted'])).toBeNull();
  });

  it('makes the decision rule fail when a required criterion is not accepted', () => {
    const accepted = [round('a', 'certify', 'accepted'), round('b', 'certify', 'accepted')];
    expect(reviewedEvaluation(version, allMet, accepted).passes).toBe(true);
    const doubted = [round('a', 'certify', 'accepted'), round('b', 'certify', 'not-met')];
    expect(reviewedEvaluation(version, allMet, doubted).passes).toBe(false);
  });
});

describe('the independent first look', () => {
  it('shows other verdicts only after one has submitted, and always to admins', () => {
    expect(canSeeOtherReviews({ isAdmin: false }, undefined)).toBe(false);
    expect(canSeeOtherReviews({ isAdmin: false }, round('a', null, 'accepted'))).toBe(false);
    expect(canSeeOtherReviews({ isAdmin: false }, round('a', 'certify', 'accepted'))).toBe(true);
    expect(canSeeOtherReviews({ isAdmin: true }, undefined)).toBe(true);
  });
});

describe('deciding', () => {
  const reviewer = { isAdmin: false, isAssignedReviewer: true };
  const admin = { isAdmin: true, isAssignedReviewer: false };
  const passing = reviewedEvaluation(version, allMet, [round('a', 'certify', 'accepted')]);
  const failing = reviewedEvaluation(version, allMet, [round('a', 'certify', 'not-met')]);

  it('waits until every assigned reviewer has submitted, and for enough reviewers', () => {
    const rounds = [round('a', 'certify', 'accepted'), round('b', null, 'accepted')];
    expect(
      checkDecision({ outcome: 'certify', actor: reviewer, rounds, reviewersNeeded: 2, evaluation: passing }),
    ).toBe('reviews-incomplete');
    expect(
      checkDecision({
        outcome: 'certify',
        actor: admin,
        rounds: rounds.slice(0, 1),
        reviewersNeeded: 2,
        evaluation: passing,
      }),
    ).toBe('reviews-incomplete');
  });

  it('lets reviewers decide only what they all propose, and an admin settle a disagreement', () => {
    const split = [round('a', 'certify', 'accepted'), round('b', 'request-changes', 'accepted')];
    const request = { rounds: split, reviewersNeeded: 2, evaluation: passing };
    expect(checkDecision({ ...request, outcome: 'certify', actor: reviewer })).toBe('disagreement');
    expect(checkDecision({ ...request, outcome: 'request-changes', actor: reviewer })).toBe('disagreement');
    expect(checkDecision({ ...request, outcome: 'request-changes', actor: admin })).toBeNull();
    const agreed = [round('a', 'certify', 'accepted'), round('b', 'certify', 'accepted')];
    expect(checkDecision({ ...request, rounds: agreed, outcome: 'certify', actor: reviewer })).toBeNull();
  });

  it('never certifies what fails the decision rule, not even for an admin', () => {
    const agreed = [round('a', 'certify', 'not-met'), round('b', 'certify', 'not-met')];
    for (const actor of [reviewer, admin]) {
      expect(
        checkDecision({ outcome: 'certify', actor, rounds: agreed, reviewersNeeded: 2, evaluation: failing }),
      ).toBe('rule-fails');
    }
  });

  it('refuses anyone who is neither assigned nor an admin', () => {
    expect(
      checkDecision({
        outcome: 'not-certify',
        actor: { isAdmin: false, isAssignedReviewer: false },
        rounds: [],
        reviewersNeeded: 2,
        evaluation: passing,
      }),
    ).toBe('not-allowed');
  });
});

describe('picking reviewers', () => {
  const candidate = (reviewerId: string, load: number, extra: Partial<ReviewerCandidate> = {}) => ({
    reviewerId,
    load,
    capacity: 4,
    available: true,
    conflictedCompanyIds: new Set<string>(),
    twoFactorEnabled: true,
    ...extra,
  });

  it('takes the least loaded, never a conflicted, full, unavailable, already assigned or single-factor reviewer', () => {
    const pool = [
      candidate('busy', 3),
      candidate('idle', 0),
      candidate('password-only', 0, { twoFactorEnabled: false }),
      candidate('conflicted', 0, { conflictedCompanyIds: new Set(['acme']) }),
      candidate('full', 4),
      candidate('away', 0, { available: false }),
      candidate('assigned', 0),
      candidate('some', 1),
    ];
    expect(pickReviewers(pool, 'acme', new Set(['assigned']), 2)).toEqual(['idle', 'some']);
    expect(pickReviewers(pool, 'other', new Set(), 2)).toEqual(['assigned', 'conflicted']);
    expect(pickReviewers(pool, 'acme', new Set(), 0)).toEqual([]);
    expect(pickReviewers(pool, 'other', new Set(), 10)).not.toContain('password-only');
  });

  it('weighs load against capacity', () => {
    const pool = [candidate('small', 1, { capacity: 2 }), candidate('large', 2, { capacity: 10 })];
    expect(pickReviewers(pool, 'acme', new Set(), 1)).toEqual(['large']);
  });
});

describe('the queue and the figures', () => {
  it('places an application by the time it was submitted', () => {
    const queue = [
      { id: 'late', submittedAt: '2026-11-03T10:00:00.000Z' },
      { id: 'early', submittedAt: '2026-11-01T10:00:00.000Z' },
    ];
    expect(queuePlace(queue, 'early')).toBe(1);
    expect(queuePlace(queue, 'late')).toBe(2);
    expect(queuePlace(queue, 'absent')).toBeUndefined();
  });

  it('computes nearest-rank percentiles and duration summaries', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(
      summariseDurations([
        { from: '2026-11-01T00:00:00.000Z', to: '2026-11-01T02:00:00.000Z' },
        { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' },
      ]),
    ).toEqual({ count: 2, medianHours: 2, p90Hours: 24 });
  });
});

describe('mail preferences', () => {
  it('skips optional mail a person turned off, and always sends the essential kinds', () => {
    const disabled = new Set(['submitted', 'decided']);
    expect(shouldSend('submitted', disabled)).toBe(false);
    expect(shouldSend('reviews-resumed', disabled)).toBe(true);
    expect(shouldSend('decided', disabled)).toBe(true);
    expect(shouldSend('changes-requested', disabled)).toBe(true);
  });
});

describe('program statistics', () => {
  it('counts by key in the given order, and per month over a recent window', () => {
    expect(countBy(['a', 'b', 'a'], (item) => item, ['b', 'a', 'c'])).toEqual([
      { key: 'b', count: 1 },
      { key: 'a', count: 2 },
      { key: 'c', count: 0 },
    ]);
    const now = new Date('2026-03-15T12:00:00Z');
    expect(recentMonths(now, 3)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(
      perMonth(['2025-12-31T23:00:00Z', '2026-01-02T00:00:00Z', '2026-03-01T00:00:00Z'], now, 3),
    ).toEqual([
      { key: '2026-01', count: 1 },
      { key: '2026-02', count: 0 },
      { key: '2026-03', count: 1 },
    ]);
  });

  it('names the dimensions in which every criterion is met or not applicable', () => {
    const criteria = [
      { id: 'PRI-01', dimension: 'privacy' },
      { id: 'SEC-01', dimension: 'security' },
      { id: 'SEC-02', dimension: 'security' },
    ];
    const answers = new Map([
      ['PRI-01', 'not-applicable'],
      ['SEC-01', 'met'],
      ['SEC-02', 'not-met'],
    ]);
    expect([...fulfilledDimensions(criteria, answers)]).toEqual(['privacy']);
  });

  it('lets the program set one share of recommended criteria for every version', () => {
    const version = { version: 1, publishedOn: '2026-11-01', recommendedShare: 0.5, criteria: [] };
    expect(withRecommendedShare(version, null)).toBe(version);
    expect(withRecommendedShare(version, 0.8).recommendedShare).toBe(0.8);
    expect(version.recommendedShare).toBe(0.5);
  });
});

describe('an admin assigning by hand', () => {
  const reviewer = {
    memberOfCompanyIds: new Set<string>(),
    conflictedCompanyIds: new Set<string>(),
    twoFactorEnabled: true,
  };
  const application = { companyId: 'acme', appealed: false, formerReviewer: false };

  it('refuses whoever may not review the company, in the order the admin is told', () => {
    expect(checkManualAssignment(undefined, application)).toBe('not-a-reviewer');
    expect(checkManualAssignment({ ...reviewer, memberOfCompanyIds: new Set(['acme']) }, application)).toBe(
      'member-of-company',
    );
    expect(checkManualAssignment({ ...reviewer, conflictedCompanyIds: new Set(['acme']) }, application)).toBe(
      'conflicted',
    );
    expect(checkManualAssignment({ ...reviewer, twoFactorEnabled: false }, application)).toBe(
      'no-two-factor',
    );
    expect(checkManualAssignment(reviewer, application)).toBeNull();
  });

  it('keeps an appeal from the reviewers of the decision it challenges, and only an appeal', () => {
    expect(checkManualAssignment(reviewer, { ...application, formerReviewer: true })).toBeNull();
    expect(checkManualAssignment(reviewer, { ...application, appealed: true, formerReviewer: true })).toBe(
      'took-part',
    );
  });

  it('resumes only paused reviews', () => {
    expect(canResume({ paused: true })).toBe(true);
    expect(canResume({ paused: false })).toBe(false);
  });
});
