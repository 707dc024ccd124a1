import type { Kysely } from 'kysely';
import type { Database, NewPartner, Partner } from '../../platform/db/schema';
import type { PartnerKind } from './rules';

export interface PartnerFields {
  name: string;
  url: string;
  kind: PartnerKind;
  description_en: string;
  description_de: string;
  sort_order: number;
}

export function createPartnerRepository(db: Kysely<Database>) {
  return {
    list(): Promise<Partner[]> {
      return db.selectFrom('partner').selectAll().orderBy('sort_order').orderBy('name').execute();
    },

    find(id: string): Promise<Partner | undefined> {
      return db.selectFrom('partner').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insert(partner: NewPartner): Promise<void> {
      await db.insertInto('partner').values(partner).execute();
    },

    /** Saves only if nobody saved the partner since `seenUpdatedAt`; false on such a conflict. */
    async update(id: string, seenUpdatedAt: string, fields: PartnerFields, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('partner')
        .set({ ...fields, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('updated_at', '=', seenUpdatedAt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async setLogo(id: string, logo: { key: string; type: string } | null, now: Date): Promise<void> {
      await db
        .updateTable('partner')
        .set({ logo_key: logo?.key ?? null, logo_type: logo?.type ?? null, updated_at: now.toISOString() })
        .where('id', '=', id)
        .execute();
    },

    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('partner').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export type PartnerRepository = ReturnType<typeof createPartnerRepository>;
