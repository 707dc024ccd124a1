import type { CriteriaVersion } from '../criteria/rules';
import type { CertificationRow } from '../../platform/db/schema';
import {
  dimensionOutcomes,
  labelOf,
  opennessLevelOf,
  opennessRank,
  supportMonthsLeft,
  type LabelFacts,
  type PublishedStatus,
} from './label-rules';
import { liveStatus, type CertificationStatus } from './rules';
import type { PublishedEntry } from './store';
import type { LabelRepository } from './label-store';
import { publishedEntry } from './published';

/** The openness level stored beside a certification for the registry's filter (0 when the version is unknown). */
export function opennessRankOf(
  version: CriteriaVersion | undefined,
  answers: readonly PublishedStatus[],
): number {
  const openness = version
    ? dimensionOutcomes(version, answers).find((outcome) => outcome.dimension === 'openness')
    : undefined;
  return openness ? opennessRank(opennessLevelOf(openness)) : 0;
}

/**
 * Stores the openness level of certifications issued before it was kept (migration 0025), in batches, at
 * start; a certification issued since has it from its issue. Returns how many were filled.
 */
export async function fillMissingOpenness(
  registry: LabelRepository,
  versions: ReadonlyMap<number, CriteriaVersion>,
): Promise<number> {
  let filled = 0;
  for (;;) {
    const batch = await registry.withoutOpenness(500);
    if (batch.length === 0) return filled;
    // One update per level and batch, not one per certification: a registry of 100,000 fills in seconds.
    const byLevel = new Map<number, string[]>();
    for (const row of batch) {
      const level = opennessRankOf(versions.get(row.criteria_version), publishedEntry(row).answers);
      byLevel.set(level, [...(byLevel.get(level) ?? []), row.id]);
    }
    for (const [level, ids] of byLevel) await registry.setOpenness(ids, level);
    filled += batch.length;
  }
}

/** What the consumer label and the registry card show of one certification (undefined for an unknown version). */
export function labelFactsOf(
  row: Pick<CertificationRow, 'id' | 'valid_until' | 'support_end_date'>,
  answers: readonly PublishedStatus[],
  version: CriteriaVersion | undefined,
  status: CertificationStatus,
  now: Date,
): LabelFacts | undefined {
  if (!version) return undefined;
  return {
    id: row.id,
    status,
    validUntil: row.valid_until,
    supportEndDate: row.support_end_date,
    monthsLeft: supportMonthsLeft(row.support_end_date, now.toISOString().slice(0, 10)),
    label: labelOf(version, answers),
  };
}

/** One certified product on a registry card, to compare with its neighbours. */
export interface CardItem {
  row: Pick<CertificationRow, 'id' | 'product_name' | 'company_name' | 'category'>;
  entry: PublishedEntry;
  status: CertificationStatus;
  facts: LabelFacts | undefined;
}

/** A registry card's content from a certification's row. */
export function cardOf(
  row: CertificationRow,
  versions: ReadonlyMap<number, CriteriaVersion>,
  now: Date,
): CardItem {
  const entry = publishedEntry(row);
  const status = liveStatus(row.status, row.valid_until, now);
  const facts = labelFactsOf(row, entry.answers, versions.get(row.criteria_version), status, now);
  return { row, entry, status, facts };
}
