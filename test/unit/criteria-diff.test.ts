import { describe, expect, it } from 'vitest';
import type { CriteriaVersion, Criterion } from '../../src/features/criteria/rules';
import { diffVersions, touchedBy } from '../../src/features/criteria/diff-rules';

const criterion = (id: string, changes: Partial<Criterion> = {}): Criterion => ({
  id,
  dimension: 'security',
  level: 'required',
  naAllowed: false,
  met: ['justification', 'evidence'],
  notApplicable: [],
  mappings: { etsi: ['5.1-1'], usLabel: [] },
  texts: { en: { title: id, question: 'Q?', guidance: 'G', evidence: 'E' } },
  ...changes,
});

const version = (number: number, criteria: Criterion[], recommendedShare = 0.5): CriteriaVersion => ({
  version: number,
  publishedOn: '2026-11-01',
  recommendedShare,
  criteria,
});

describe('the difference between criteria versions', () => {
  it('lists added, removed and changed criteria with what changed', () => {
    const before = version(1, [criterion('SEC-01'), criterion('SEC-02'), criterion('SEC-03')]);
    const after = version(
      2,
      [
        criterion('SEC-01'),
        criterion('SEC-02', {
          level: 'recommended',
          met: ['evidence', 'justification'],
          texts: { en: { title: 'New words', question: 'Q?', guidance: 'G', evidence: 'E' } },
        }),
        criterion('SEC-04'),
      ],
      0.6,
    );
    const diff = diffVersions(before, after);
    expect(diff.changes).toEqual([
      { criterionId: 'SEC-02', kind: 'changed', aspects: ['level', 'text'] },
      { criterionId: 'SEC-04', kind: 'added', aspects: [] },
      { criterionId: 'SEC-03', kind: 'removed', aspects: [] },
    ]);
    expect(diff.recommendedShare).toEqual({ from: 0.5, to: 0.6 });
    expect(diffVersions(before, before)).toEqual({ from: 1, to: 1, changes: [] });
  });

  it('says whom a change touches: everyone for a new criterion, those who answered it otherwise', () => {
    const items = [
      { id: 'a', label: 'Answered', answered: new Set(['SEC-02']) },
      { id: 'b', label: 'Not answered', answered: new Set<string>() },
    ];
    expect(touchedBy({ criterionId: 'SEC-09', kind: 'added', aspects: [] }, items)).toHaveLength(2);
    expect(
      touchedBy({ criterionId: 'SEC-02', kind: 'changed', aspects: ['level'] }, items).map((item) => item.id),
    ).toEqual(['a']);
    expect(touchedBy({ criterionId: 'SEC-03', kind: 'removed', aspects: [] }, items)).toEqual([]);
  });
});
