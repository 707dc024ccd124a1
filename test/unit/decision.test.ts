import { describe, expect, it } from 'vitest';
import type { CriteriaVersion, Criterion } from '../../src/features/criteria/rules';
import {
  answerProblems,
  dimensionProgress,
  evaluate,
  submissionBlockers,
  type AnswerState,
  type AnswerStatus,
} from '../../src/features/review/decision-rules';

function criterion(
  id: string,
  dimension: Criterion['dimension'],
  level: Criterion['level'],
  options: Partial<Criterion> = {},
): Criterion {
  return {
    id,
    dimension,
    level,
    naAllowed: false,
    met: ['justification'],
    notApplicable: [],
    mappings: { etsi: [], usLabel: [] },
    texts: {},
    ...options,
  };
}

/** Two required and four recommended privacy criteria, one of each in security, openness optional only. */
const version: CriteriaVersion = {
  version: 1,
  publishedOn: '2026-11-01',
  recommendedShare: 0.5,
  criteria: [
    criterion('PRI-01', 'privacy', 'required'),
    criterion('PRI-02', 'privacy', 'required', { naAllowed: true, notApplicable: ['justification'] }),
    criterion('PRI-03', 'privacy', 'recommended'),
    criterion('PRI-04', 'privacy', 'recommended'),
    criterion('PRI-05', 'privacy', 'recommended', { naAllowed: true }),
    criterion('PRI-06', 'privacy', 'recommended'),
    criterion('SEC-01', 'security', 'required', { met: ['justification', 'evidence'] }),
    criterion('SEC-02', 'security', 'recommended'),
    criterion('OPE-01', 'openness', 'recommended'),
    criterion('OPE-02', 'openness', 'optional'),
  ],
};

const answer = (status: AnswerStatus, extra: Partial<AnswerState> = {}): AnswerState => ({
  status,
  explanation: 'Because we document it publicly.',
  evidenceCount: 1,
  needsConfirmation: false,
  ...extra,
});

function outcomes(map: Record<string, AnswerStatus>) {
  return (id: string) => map[id];
}

const passing: Record<string, AnswerStatus> = {
  'PRI-01': 'met',
  'PRI-02': 'not-applicable',
  'PRI-03': 'met',
  'PRI-04': 'met',
  'PRI-05': 'not-met',
  'PRI-06': 'not-met',
  'SEC-01': 'met',
  'SEC-02': 'met',
  'OPE-01': 'not-met',
};

describe('evaluate', () => {
  it('passes when every required criterion is satisfied and half the recommended ones in each required dimension', () => {
    const result = evaluate(version, outcomes(passing));
    expect(result.failures).toEqual([]);
    expect(result.passes).toBe(true);
    expect(result.dimensions.find((d) => d.dimension === 'privacy')?.recommended).toEqual({
      total: 4,
      satisfied: 2,
      needed: 2,
    });
  });

  it('fails on any required criterion that is not met', () => {
    const result = evaluate(version, outcomes({ ...passing, 'SEC-01': 'not-met' }));
    expect(result.passes).toBe(false);
    expect(result.failures).toEqual([{ kind: 'required-not-satisfied', criterionId: 'SEC-01' }]);
  });

  it('accepts N/A only where the criterion allows it', () => {
    expect(evaluate(version, outcomes({ ...passing, 'PRI-01': 'not-applicable' })).failures).toEqual([
      { kind: 'required-not-satisfied', criterionId: 'PRI-01' },
    ]);
    // PRI-05 allows N/A, so it counts towards the recommended share.
    const withNa = evaluate(
      version,
      outcomes({ ...passing, 'PRI-04': 'not-met', 'PRI-05': 'not-applicable' }),
    );
    expect(withNa.passes).toBe(true);
  });

  it('fails a required dimension below its share of recommended criteria, rounding the share up', () => {
    const result = evaluate(version, outcomes({ ...passing, 'PRI-04': 'not-met' }));
    expect(result.failures).toEqual([
      { kind: 'recommended-share', dimension: 'privacy', satisfied: 1, needed: 2 },
    ]);
    // Security has one recommended criterion: half of one rounds up to one.
    expect(evaluate(version, outcomes({ ...passing, 'SEC-02': 'not-met' })).failures).toEqual([
      { kind: 'recommended-share', dimension: 'security', satisfied: 0, needed: 1 },
    ]);
  });

  it('never requires openness', () => {
    const result = evaluate(version, outcomes({ ...passing, 'OPE-01': 'not-met' }));
    expect(result.passes).toBe(true);
    expect(result.dimensions.find((d) => d.dimension === 'openness')?.recommended.needed).toBe(0);
  });

  it('treats an unanswered criterion as not satisfied', () => {
    const rest = Object.fromEntries(Object.entries(passing).filter(([id]) => id !== 'PRI-01'));
    expect(evaluate(version, outcomes(rest)).failures).toEqual([
      { kind: 'required-not-satisfied', criterionId: 'PRI-01' },
    ]);
  });
});

describe('answerProblems', () => {
  const sec01 = version.criteria.find((c) => c.id === 'SEC-01')!;
  const pri02 = version.criteria.find((c) => c.id === 'PRI-02')!;
  const ope02 = version.criteria.find((c) => c.id === 'OPE-02')!;

  it('asks for an answer to required and recommended criteria, not optional ones', () => {
    expect(answerProblems(sec01, undefined)).toEqual(['unanswered']);
    expect(answerProblems(ope02, undefined)).toEqual([]);
  });

  it('asks for the justification and evidence the criterion requires for its answer', () => {
    expect(answerProblems(sec01, answer('met', { explanation: '  ', evidenceCount: 0 }))).toEqual([
      'justification-missing',
      'evidence-missing',
    ]);
    expect(answerProblems(pri02, answer('not-applicable', { explanation: '' }))).toEqual([
      'justification-missing',
    ]);
    expect(answerProblems(sec01, answer('not-met', { explanation: '', evidenceCount: 0 }))).toEqual([]);
  });

  it('refuses N/A where it is not allowed, and copied answers until confirmed', () => {
    expect(answerProblems(sec01, answer('not-applicable'))).toEqual(['not-applicable-not-allowed']);
    expect(answerProblems(sec01, answer('met', { needsConfirmation: true }))).toEqual(['needs-confirmation']);
  });
});

describe('submissionBlockers', () => {
  const complete = new Map(Object.entries(passing).map(([id, status]) => [id, answer(status)]));

  it('lets a complete, passing self-assessment through', () => {
    expect(submissionBlockers(version, complete)).toEqual([]);
  });

  it('lists incomplete answers, and rule failures that a complete answer set would still have', () => {
    const answers = new Map(complete);
    answers.delete('PRI-01');
    answers.set('SEC-01', answer('not-met'));
    answers.set('PRI-03', answer('met', { needsConfirmation: true }));
    expect(submissionBlockers(version, answers)).toEqual([
      { kind: 'answer', criterionId: 'PRI-01', problem: 'unanswered' },
      { kind: 'answer', criterionId: 'PRI-03', problem: 'needs-confirmation' },
      { kind: 'rule', failure: { kind: 'required-not-satisfied', criterionId: 'SEC-01' } },
    ]);
  });
});

describe('dimensionProgress', () => {
  it('counts answers without problems', () => {
    const answers = new Map([
      ['PRI-01', answer('met')],
      ['PRI-03', answer('met', { explanation: '' })],
    ]);
    expect(dimensionProgress(version, answers, 'privacy')).toEqual({ complete: 1, total: 6 });
  });
});
