import type { CriteriaVersion, Criterion } from './rules';

/**
 * What changed between two criteria versions, criterion by criterion, and which open applications
 * and certifications on the older version each change touches.
 */
export type ChangeKind = 'added' | 'removed' | 'changed';

/** The parts of a criterion a change can touch, in the order they are reported. */
export const criterionAspects = [
  'dimension',
  'level',
  'naAllowed',
  'met',
  'notApplicable',
  'mappings',
  'text',
] as const;
export type CriterionAspect = (typeof criterionAspects)[number];

export interface CriterionChange {
  criterionId: string;
  kind: ChangeKind;
  /** For a changed criterion, what changed; empty for added and removed ones. */
  aspects: CriterionAspect[];
}

export interface VersionDiff {
  from: number;
  to: number;
  changes: CriterionChange[];
  /** The decision rule's share of recommended criteria, when it differs. */
  recommendedShare?: { from: number; to: number };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changedAspects(before: Criterion, after: Criterion): CriterionAspect[] {
  const aspects: Record<CriterionAspect, [unknown, unknown]> = {
    dimension: [before.dimension, after.dimension],
    level: [before.level, after.level],
    naAllowed: [before.naAllowed, after.naAllowed],
    met: [[...before.met].sort(), [...after.met].sort()],
    notApplicable: [[...before.notApplicable].sort(), [...after.notApplicable].sort()],
    mappings: [before.mappings, after.mappings],
    text: [before.texts, after.texts],
  };
  return criterionAspects.filter((aspect) => !same(...aspects[aspect]));
}

export function diffVersions(from: CriteriaVersion, to: CriteriaVersion): VersionDiff {
  const before = new Map(from.criteria.map((criterion) => [criterion.id, criterion]));
  const after = new Map(to.criteria.map((criterion) => [criterion.id, criterion]));
  const changes: CriterionChange[] = [];
  for (const criterion of to.criteria) {
    const earlier = before.get(criterion.id);
    if (!earlier) changes.push({ criterionId: criterion.id, kind: 'added', aspects: [] });
    else {
      const aspects = changedAspects(earlier, criterion);
      if (aspects.length > 0) changes.push({ criterionId: criterion.id, kind: 'changed', aspects });
    }
  }
  for (const criterion of from.criteria) {
    if (!after.has(criterion.id)) changes.push({ criterionId: criterion.id, kind: 'removed', aspects: [] });
  }
  return {
    from: from.version,
    to: to.version,
    changes,
    ...(from.recommendedShare === to.recommendedShare
      ? {}
      : { recommendedShare: { from: from.recommendedShare, to: to.recommendedShare } }),
  };
}

/** An application or certification on the older version, as impact sees it. */
export interface AffectedItem {
  id: string;
  label: string;
  /** Criteria it has an answer to (a certification has all of its version's). */
  answered: ReadonlySet<string>;
}

/**
 * Who a change touches: a new criterion must be answered by every open application and at every
 * renewal; a changed or removed one matters to those that answered it.
 */
export function touchedBy(change: CriterionChange, items: readonly AffectedItem[]): AffectedItem[] {
  if (change.kind === 'added') return [...items];
  return items.filter((item) => item.answered.has(change.criterionId));
}
