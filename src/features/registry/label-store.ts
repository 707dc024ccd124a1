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
     * certification (its status, and anything that bumps its updated_at) and the newest decided concern.
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
        ])
        .executeTakeFirst();
      return `${String(row?.registry ?? '')}|${String(row?.concerns ?? '')}`;
    },
  };
}

export type LabelRepository = ReturnType<typeof createLabelRepository>;
