import { describe, expect, it } from 'vitest';
import {
  agreementBy,
  agreementOf,
  cohensKappa,
  contingencyTable,
  lowestAgreement,
  verdictPairs,
} from '../../src/features/statistics/agreement-rules';
import { isOverturned, reviewerFigures, reviewHours } from '../../src/features/statistics/reviewer-rules';

describe("Cohen's kappa on known tables", () => {
  it('matches the textbook 2×2 examples', () => {
    // Wikipedia, "Cohen's kappa", worked example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    expect(
      cohensKappa([
        [20, 5],
        [10, 15],
      ]),
    ).toBeCloseTo(0.4, 10);
    // The same article's two tables with equal agreement (60 %) but different marginals.
    expect(
      cohensKappa([
        [45, 15],
        [25, 15],
      ]),
    ).toBeCloseTo(0.1304, 4);
    expect(
      cohensKappa([
        [25, 35],
        [5, 35],
      ]),
    ).toBeCloseTo(0.2593, 4);
  });

  it('matches a 3×3 example computed by hand', () => {
    // pₒ = (10+8+6)/40 = 0.6; rows 14, 14, 12; columns 14, 15, 11;
    // pₑ = (14·14 + 14·15 + 12·11) / 1600 = 538/1600 = 0.33625; κ = 0.26375 / 0.66375 ≈ 0.3974.
    const table = [
      [10, 2, 2],
      [3, 8, 3],
      [1, 5, 6],
    ];
    expect(cohensKappa(table)).toBeCloseTo((0.6 - 538 / 1600) / (1 - 538 / 1600), 12);
    expect(cohensKappa(table)).toBeCloseTo(0.3974, 4);
  });

  it('is 1 for perfect agreement over several categories, 0 at chance and negative below it', () => {
    expect(
      cohensKappa([
        [7, 0, 0],
        [0, 3, 0],
        [0, 0, 5],
      ]),
    ).toBe(1);
    expect(
      cohensKappa([
        [25, 25],
        [25, 25],
      ]),
    ).toBe(0);
    expect(
      cohensKappa([
        [0, 10],
        [10, 0],
      ]),
    ).toBe(-1);
  });

  it('is undefined when there is nothing to compare or everyone used one category', () => {
    expect(
      cohensKappa([
        [0, 0],
        [0, 0],
      ]),
    ).toBeUndefined();
    // Every pair "accepted": perfect agreement, but chance agreement is certain too (pₑ = 1).
    expect(
      cohensKappa([
        [12, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ]),
    ).toBeUndefined();
    expect(() => cohensKappa([[1, 2]])).toThrow(/square/);
  });

  it('builds the table from pairs, first rater by row', () => {
    const pairs = [
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'b'],
      ['b', 'b'],
    ] as const;
    expect(contingencyTable(pairs, ['a', 'b'])).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(agreementOf(pairs, ['a', 'b'])).toEqual({ pairs: 4, identical: 0.75, kappa: 0.5 });
    expect(agreementOf([], ['a', 'b'])).toEqual({ pairs: 0, identical: undefined, kappa: undefined });
  });
});

const verdict = (
  applicationId: string,
  round: number,
  reviewerId: string,
  criterionId: string,
  v: string,
) => ({
  applicationId,
  round,
  reviewerId,
  criterionId,
  verdict: v,
});

describe('agreement between the reviewers of a round', () => {
  const verdicts = [
    verdict('a1', 1, 'r2', 'SEC-01', 'accepted'),
    verdict('a1', 1, 'r1', 'SEC-01', 'not-met'),
    verdict('a1', 1, 'r1', 'PRI-01', 'accepted'),
    verdict('a1', 1, 'r2', 'PRI-01', 'accepted'),
    verdict('a1', 2, 'r1', 'SEC-01', 'accepted'),
    verdict('a1', 2, 'r2', 'SEC-01', 'accepted'),
    // Alone on its criterion in its round: nothing to compare.
    verdict('a2', 1, 'r1', 'SEC-02', 'accepted'),
  ];

  it('pairs verdicts on the same criterion of the same round, smaller reviewer id first', () => {
    const pairs = verdictPairs(verdicts);
    expect(pairs).toHaveLength(3);
    expect(pairs).toContainEqual({ criterionId: 'SEC-01', verdicts: ['not-met', 'accepted'] });
  });

  it('gives per criterion and per dimension the share alike and kappa, and the lowest first', () => {
    const pairs = verdictPairs(verdicts);
    const categories = ['accepted', 'needs-clarification', 'not-met'] as const;
    const perCriterion = agreementBy(pairs, (id) => id, ['PRI-01', 'SEC-01', 'SEC-02'], categories);
    expect(
      perCriterion.map((entry) => [entry.key, entry.agreement.pairs, entry.agreement.identical]),
    ).toEqual([
      ['PRI-01', 1, 1],
      ['SEC-01', 2, 0.5],
      ['SEC-02', 0, undefined],
    ]);
    // PRI-01: one pair, both accepted: agreement is perfect but kappa undefined.
    expect(perCriterion[0]!.agreement.kappa).toBeUndefined();
    const perDimension = agreementBy(
      pairs,
      (id) => (id.startsWith('SEC') ? 'security' : 'privacy'),
      ['security'],
      categories,
    );
    expect(perDimension[0]!.agreement).toMatchObject({ pairs: 2, identical: 0.5 });
    expect(lowestAgreement(perCriterion, 5).map((entry) => entry.key)).toEqual(['SEC-01', 'PRI-01']);
    expect(lowestAgreement(perCriterion, 5, 2).map((entry) => entry.key)).toEqual(['SEC-01']);
  });
});

describe('per reviewer', () => {
  it('counts review time from the later of assignment and round start', () => {
    const base = { reviewerId: 'r1', applicationId: 'a1', round: 2, submittedAt: '2026-01-03T00:00:00Z' };
    expect(
      reviewHours({ ...base, assignedAt: '2026-01-01T00:00:00Z', roundStartedAt: '2026-01-02T12:00:00Z' }),
    ).toBe(12);
    expect(reviewHours({ ...base, assignedAt: '2026-01-02T00:00:00Z', roundStartedAt: null })).toBe(24);
    expect(reviewHours({ ...base, assignedAt: null, roundStartedAt: null })).toBeUndefined();
  });

  it('calls a verdict overturned only when the round was decided against it', () => {
    expect(isOverturned('not-met', 'certify', ['accepted'])).toBe(true);
    expect(isOverturned('needs-clarification', 'certify', [])).toBe(true);
    expect(isOverturned('accepted', 'certify', ['not-met'])).toBe(false);
    expect(isOverturned('accepted', 'not-certify', ['not-met'])).toBe(true);
    expect(isOverturned('accepted', 'not-certify', ['accepted'])).toBe(false);
    expect(isOverturned('not-met', 'not-certify', ['accepted'])).toBe(false);
    expect(isOverturned('not-met', 'request-changes', ['accepted'])).toBe(false);
    expect(isOverturned('not-met', undefined, ['accepted'])).toBe(false);
  });

  it('gives reviews done, median hours and the overturned share', () => {
    const reviews = [
      {
        reviewerId: 'r1',
        applicationId: 'a1',
        round: 1,
        submittedAt: '2026-01-01T10:00:00Z',
        assignedAt: '2026-01-01T00:00:00Z',
        roundStartedAt: null,
      },
      {
        reviewerId: 'r1',
        applicationId: 'a2',
        round: 1,
        submittedAt: '2026-01-01T04:00:00Z',
        assignedAt: '2026-01-01T00:00:00Z',
        roundStartedAt: null,
      },
      {
        reviewerId: 'r1',
        applicationId: 'a3',
        round: 1,
        submittedAt: '2026-01-01T06:00:00Z',
        assignedAt: '2026-01-01T00:00:00Z',
        roundStartedAt: null,
      },
      {
        reviewerId: 'r2',
        applicationId: 'a1',
        round: 1,
        submittedAt: '2026-01-02T00:00:00Z',
        assignedAt: '2026-01-01T00:00:00Z',
        roundStartedAt: null,
      },
    ];
    const verdicts = [
      verdict('a1', 1, 'r1', 'SEC-01', 'not-met'),
      verdict('a1', 1, 'r1', 'SEC-02', 'accepted'),
      verdict('a1', 1, 'r2', 'SEC-01', 'accepted'),
      verdict('a1', 1, 'r2', 'SEC-02', 'accepted'),
      verdict('a2', 1, 'r1', 'SEC-01', 'accepted'),
    ];
    const figures = reviewerFigures(reviews, verdicts, [
      { applicationId: 'a1', round: 1, outcome: 'certify' },
      { applicationId: 'a2', round: 1, outcome: 'request-changes' },
    ]);
    expect(figures).toEqual([
      {
        reviewerId: 'r1',
        reviews: 3,
        medianHours: 6,
        decidedVerdicts: 2,
        overturned: 1,
        overturnedShare: 0.5,
      },
      {
        reviewerId: 'r2',
        reviews: 1,
        medianHours: 24,
        decidedVerdicts: 2,
        overturned: 0,
        overturnedShare: 0,
      },
    ]);
  });
});
