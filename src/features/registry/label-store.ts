import type { Kysely } from 'kysely';
import type { CertificationRow, Database } from '../../platform/db/schema';

/**
 * What the consumer label and the pages kept until a change read beside the registry store: the openness
 * levels still to fill (migration 0025) and the version product pages are stamped with (page-stamp.ts).
 */
export function createLabelRepository(db: Kysely<Database>) {
  return {
    /** Certifications whose openness level is not yet stored (issued before migration 0025), a batch. */
    withoutOpenness(
      limit: number,
    ): Promise<Pick<CertificationRow, 'id' | 'criteria_version' | 'published'>[]> {
      return db
        .selectFrom('certification')
        .select(['id', 'criteria_version', 'published'])
        .where('openness_level', 'is', null)
        .limit(limit)
        .execute();
    },

    /** Stores one openness level for several certifications at once (a start-up fill's batch). */
    async setOpenness(ids: readonly string[], level: number): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('certification')
        .set({ openness_level: level })
        .where('id', 'in', [...ids])
        .execute();
    },

    /**
     * What a public page about certifications is rendered from changes with this: the newest change of any
     * certification (its status, and anything that bumps its updated_at), the newest decided concern, the
     * newest security notice and firmware release, and the evidence flagged as changed since its review.
     */
    async pageVersion(): Promise<string> {
      const row = await db
        .selectNoFrom((eb) => [
          eb
            .selectFrom('certification')
            .select((inner) => inner.fn.max('updated_at').as('latest'))
            .as('registry'),
          eb
            .selectFrom('concern')
            .select((inner) => inner.fn.max('decided_at').as('latest'))
            .as('concerns'),
          eb
            .selectFrom('security_notice')
            .select((inner) => inner.fn.max('created_at').as('latest'))
            .as('notices'),
          eb
            .selectFrom('firmware_release')
            .select((inner) => inner.fn.max('created_at').as('latest'))
            .as('releases'),
          // Evidence flagged as changed, and cleared again: the count falls when one clears.
          eb
            .selectFrom('evidence_pin')
            .select((inner) => inner.fn.max('changed_at').as('latest'))
            .as('evidence'),
          eb
            .selectFrom('evidence_pin')
            .select((inner) => inner.fn.countAll().as('count'))
            .where('changed_at', 'is not', null)
            .as('evidenceFlags'),
        ])
        .executeTakeFirst();
      return [row?.registry, row?.concerns, row?.notices, row?.releases, row?.evidence, row?.evidenceFlags]
        .map((part) => String(part ?? ''))
        .join('|');
    },
  };
}

export type LabelRepository = ReturnType<typeof createLabelRepository>;
