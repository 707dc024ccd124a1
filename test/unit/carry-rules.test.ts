import { describe, expect, it } from 'vitest';
import {
  answerChanged,
  carriedOver,
  carryOver,
  roundCounts,
  unansweredQuestions,
  type SnapshotOfAnswer,
} from '../../src/features/review/carry-rules';
import type { Verdict } from '../../src/features/review/rules';

const criteria = [{ id: 'SEC-01' }, { id: 'SEC-02' }, { id: 'SEC-03' }, { id: 'PRI-01' }];
const answer = (explanation: string, evidence: string[] = []): SnapshotOfAnswer => ({
  status: 'met',
  explanation,
  evidence,
});
const snapshot = (entries: Record<string, SnapshotOfAnswer>) => new Map(Object.entries(entries));
const roundOf = (verdicts: Record<string, [Verdict, string]>) => ({
  verdicts: new Map(Object.entries(verdicts).map(([id, [verdict]]) => [id, verdict])),
  comments: new Map(Object.entries(verdicts).map(([id, [, comment]]) => [id, comment])),
});

describe('what changed in an answer between rounds', () => {
  it('sees a changed status, explanation or evidence, and not a reordered evidence list', () => {
    const before = answer('TLS', ['a', 'b']);
    expect(answerChanged(before, answer('TLS', ['b', 'a']))).toBe(false);
    expect(answerChanged(before, answer('TLS 1.3', ['a', 'b']))).toBe(true);
    expect(answerChanged(before, answer('TLS', ['a']))).toBe(true);
    expect(answerChanged(before, answer('TLS', ['a', 'c']))).toBe(true);
    expect(answerChanged(before, { ...before, status: 'not-met' })).toBe(true);
    // Without both sides nothing can be said to be unchanged.
    expect(answerChanged(undefined, before)).toBe(true);
    expect(answerChanged(before, undefined)).toBe(true);
  });
});

describe('the questions the company still has to answer', () => {
  it('keeps a thread open until the company has the last word on it', () => {
    const messages = [
      { criterion_id: 'SEC-03', author_side: 'reviewer', round: 1 },
      { criterion_id: 'PRI-01', author_side: 'reviewer', round: 1 },
      { criterion_id: 'SEC-03', author_side: 'applicant', round: 1 },
      { criterion_id: 'SEC-01', author_side: 'reviewer', round: 1 },
    ];
    expect(unansweredQuestions(messages)).toEqual(['PRI-01', 'SEC-01']);
    // A reviewer's follow-up opens an answered thread again.
    expect(
      unansweredQuestions([...messages, { criterion_id: 'SEC-03', author_side: 'reviewer', round: 2 }]),
    ).toEqual(['SEC-03', 'PRI-01', 'SEC-01']);
    expect(unansweredQuestions([])).toEqual([]);
  });
});

describe('carrying a reviewer’s work into the next round', () => {
  const before = snapshot({
    'SEC-01': answer('a'),
    'SEC-02': answer('b'),
    'SEC-03': answer('c'),
    'PRI-01': answer('d'),
  });
  const after = snapshot({
    'SEC-01': answer('a'),
    'SEC-02': answer('b'),
    'SEC-03': answer('c, now with TLS 1.3'),
    'PRI-01': answer('d'),
  });
  const previous = roundOf({
    'SEC-01': ['accepted', ''],
    'SEC-02': ['needs-clarification', 'Where is the policy?'],
    'SEC-03': ['needs-clarification', 'Which protocol?'],
  });
  const replyOnSec02 = [
    { criterion_id: 'SEC-02', author_side: 'reviewer', round: 1 },
    { criterion_id: 'SEC-02', author_side: 'applicant', round: 1 },
  ];

  it('puts changed and answered criteria first and carries the verdicts on the others over', () => {
    const carry = carryOver({ criteria, round: 2, before, after, messages: replyOnSec02, previous });
    expect(carry.changed).toEqual(['SEC-02', 'SEC-03']);
    expect([...carry.prefill]).toEqual([['SEC-01', { verdict: 'accepted', comment: '' }]]);
    // PRI-01 is unchanged but had no verdict last round: nothing to carry, still to decide.
    expect(roundCounts(criteria, carry, undefined)).toEqual({ changed: 2, carriedOver: 1, toDecide: 3 });
  });

  it('carries a question over when the company neither changed the answer nor replied', () => {
    const carry = carryOver({ criteria, round: 2, before, after, messages: [], previous });
    expect(carry.changed).toEqual(['SEC-03']);
    expect(carry.prefill.get('SEC-02')).toEqual({
      verdict: 'needs-clarification',
      comment: 'Where is the policy?',
    });
    // A reply from an earlier round is no news in this one.
    const older = replyOnSec02.map((message) => ({ ...message, round: 0 }));
    expect(carryOver({ criteria, round: 2, before, after, messages: older, previous }).changed).toEqual([
      'SEC-03',
    ]);
  });

  it('carries nothing in a first round or for a reviewer new to the application', () => {
    expect(carryOver({ criteria, round: 1, before, after, messages: [], previous })).toEqual({
      changed: [],
      prefill: new Map(),
    });
    const fresh = carryOver({ criteria, round: 2, before, after, messages: [], previous: undefined });
    expect(fresh.changed).toEqual(['SEC-03']);
    expect(fresh.prefill.size).toBe(0);
    expect(roundCounts(criteria, fresh, undefined)).toEqual({ changed: 1, carriedOver: 0, toDecide: 4 });
  });

  it('marks a verdict carried over until the reviewer changes it, and counts what they decided', () => {
    const carry = carryOver({ criteria, round: 2, before, after, messages: [], previous });
    expect([...carriedOver(carry, undefined)]).toEqual(['SEC-01', 'SEC-02']);
    const saved = roundOf({
      'SEC-01': ['accepted', ''],
      'SEC-02': ['accepted', ''],
      'SEC-03': ['accepted', ''],
    });
    // SEC-01 saved as it was stays carried over; SEC-02 is now the reviewer's new verdict.
    expect([...carriedOver(carry, saved)]).toEqual(['SEC-01']);
    expect(roundCounts(criteria, carry, saved)).toEqual({ changed: 1, carriedOver: 1, toDecide: 1 });
    // The same verdict with a different comment is a change too.
    const commented = roundOf({ 'SEC-02': ['needs-clarification', 'Still: where is the policy?'] });
    expect([...carriedOver(carry, commented)]).toEqual(['SEC-01']);
  });
});
