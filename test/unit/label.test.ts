import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CriteriaError, loadCriteria } from '../../src/features/criteria/loader';
import {
  labelOf,
  opennessRank,
  supportFilterDate,
  supportMonthsLeft,
  type PublishedStatus,
} from '../../src/features/registry/label-rules';
import { opennessRankOf } from '../../src/features/registry/label';
import { criteriaWithVersionTwo } from '../support/criteria';
import { temporaryDirectory } from '../support/database';

const folder = temporaryDirectory();
afterAll(() => folder.remove());
const { versions } = loadCriteria(criteriaWithVersionTwo(folder.path));

/** Every criterion of a version met, except those given another status. */
function answersFor(version: number, except: Record<string, string | null> = {}): PublishedStatus[] {
  return versions.get(version)!.criteria.map((criterion) => ({
    criterionId: criterion.id,
    status: criterion.id in except ? except[criterion.id]! : 'met',
  }));
}

describe('the consumer label derived from published answers', () => {
  it('version 1: required met, recommended counted, openness as a level, the four answers', () => {
    const answers = answersFor(1, {
      'PRI-06': 'not-met',
      'SEC-07': 'not-applicable',
      'OPE-03': 'not-met',
      'PRI-05': 'not-met',
      'TRA-07': 'not-applicable',
    });
    const label = labelOf(versions.get(1)!, answers);
    const privacy = label.outcomes.find((outcome) => outcome.dimension === 'privacy')!;
    expect(privacy.required).toEqual({ fulfilled: 4, total: 4 });
    expect(privacy.recommended).toEqual({ fulfilled: 1, total: 3 });
    const security = label.outcomes.find((outcome) => outcome.dimension === 'security')!;
    // Accepted as not applicable counts as fulfilled.
    expect(security.recommended).toEqual({ fulfilled: 3, total: 3 });
    expect(label.outcomes.map((outcome) => outcome.dimension)).toEqual([
      'privacy',
      'transparency',
      'security',
      'stability',
      'openness',
    ]);
    // Every recommended openness criterion met, one optional not: "open".
    expect(label.openness).toBe('open');
    const byQuestion = Object.fromEntries(label.questions.map((answer) => [answer.question, answer]));
    expect(byQuestion['collects']).toMatchObject({
      outcome: 'yes',
      criterionIds: ['PRI-01', 'PRI-02', 'TRA-02'],
    });
    expect(byQuestion['stored']).toMatchObject({ outcome: 'partly', criterionIds: ['PRI-06', 'TRA-04'] });
    expect(byQuestion['access']).toMatchObject({ outcome: 'yes', met: 2 });
    expect(byQuestion['exportDelete']).toMatchObject({
      outcome: 'partly',
      criterionIds: ['PRI-05', 'PRI-04'],
    });
  });

  it('version 2: its own mapping and levels (STA-05 required there, OPE-06 gone)', () => {
    const answers = answersFor(2, { 'SEC-05': 'not-met', 'PRI-06': 'not-met', 'STA-05': 'not-met' });
    const label = labelOf(versions.get(2)!, answers);
    const stability = label.outcomes.find((outcome) => outcome.dimension === 'stability')!;
    expect(stability.required).toEqual({ fulfilled: 3, total: 4 });
    const openness = label.outcomes.find((outcome) => outcome.dimension === 'openness')!;
    expect(openness.optional.total).toBe(3);
    expect(label.openness).toBe('fully-open');
    const stored = label.questions.find((answer) => answer.question === 'stored')!;
    expect(stored).toMatchObject({ outcome: 'no', criterionIds: ['SEC-05', 'PRI-06'], met: 0 });
    // The same answers read against version 1's mapping would answer storage from PRI-06 first.
    expect(
      labelOf(versions.get(1)!, answersFor(1, { 'PRI-06': 'not-met' })).questions[1]?.criterionIds[0],
    ).toBe('PRI-06');
  });

  it('says "does not apply" when every covering criterion is N/A, and ranks openness for the filter', () => {
    const label = labelOf(
      versions.get(1)!,
      answersFor(1, { 'PRI-06': 'not-applicable', 'TRA-04': 'not-applicable' }),
    );
    expect(label.questions.find((answer) => answer.question === 'stored')?.outcome).toBe('not-applicable');
    const closed = answersFor(
      1,
      Object.fromEntries(
        ['OPE-01', 'OPE-02', 'OPE-03', 'OPE-04', 'OPE-05', 'OPE-06'].map((id) => [id, 'not-met']),
      ),
    );
    expect(labelOf(versions.get(1)!, closed).openness).toBe('none');
    expect(opennessRankOf(versions.get(1), closed)).toBe(0);
    expect(opennessRankOf(versions.get(1), answersFor(1, { 'OPE-01': 'not-met' }))).toBe(
      opennessRank('some'),
    );
    expect(opennessRankOf(versions.get(1), answersFor(1))).toBe(3);
    expect(opennessRankOf(undefined, answersFor(1))).toBe(0);
    // Unanswered counts as not met.
    expect(labelOf(versions.get(1)!, []).questions.every((answer) => answer.outcome === 'no')).toBe(true);
  });

  it('counts whole months of security updates left, and none after the end', () => {
    expect(supportMonthsLeft('2031-12-31', '2026-12-02')).toBe(60);
    expect(supportMonthsLeft('2027-01-01', '2026-12-02')).toBe(0);
    expect(supportMonthsLeft('2027-01-02', '2026-12-02')).toBe(1);
    expect(supportMonthsLeft('2026-12-02', '2026-12-02')).toBe(0);
    expect(supportMonthsLeft('2026-12-01', '2026-12-02')).toBeUndefined();
    expect(supportFilterDate(2030)).toBe('2030-12-31');
  });
});

describe('a version without a valid label mapping', () => {
  it('is refused at start, naming the file, the question and the criterion', () => {
    const broken = temporaryDirectory();
    try {
      const path = criteriaWithVersionTwo(broken.path);
      writeFileSync(
        join(path, 'v2', 'label.yaml'),
        'questions:\n  collects: [PRI-01, ZZZ-99]\n  stored: [PRI-06]\n  access: []\n  exportDelete: [PRI-04, PRI-04]\n',
      );
      expect(() => loadCriteria(path)).toThrow(CriteriaError);
      try {
        loadCriteria(path);
      } catch (error) {
        const text = String(error);
        expect(text).toContain('v2/label.yaml: field questions.access: maps no criterion');
      }
      writeFileSync(
        join(path, 'v2', 'label.yaml'),
        'questions:\n  collects: [PRI-01, ZZZ-99]\n  stored: [PRI-06]\n  access: [PRI-07]\n  exportDelete: [PRI-04, PRI-04]\n',
      );
      const problems = (() => {
        try {
          loadCriteria(path);
          return '';
        } catch (error) {
          return String(error);
        }
      })();
      expect(problems).toContain('question collects: criterion ZZZ-99 is not defined in this version');
      expect(problems).toContain('question exportDelete: a criterion is listed twice');
    } finally {
      broken.remove();
    }
  });
});
