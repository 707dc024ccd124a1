import type { Kysely } from 'kysely';
import type { Database, NewPartner, Partner } from '../db/schema';

export function createPartnerRepository(db: Kysely<Database>) {
  return {
    list(): Promise<Partner[]> {
      return db.selectFrom('partner').selectAll().orderBy('sort_order').orderBy('name').execute();
    },

    async insert(partner: NewPartner): Promise<void> {
      await db.insertInto('partner').values(partner).execute();
    },
  };
}

export type PartnerRepository = ReturnType<typeof createPartnerRepository>;
