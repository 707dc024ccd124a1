import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ConcernRow, Database } from '../../platform/db/schema';
import { confirmationCutoff, type ConcernDecision } from './rules';

export interface NewConcern {
  certificationId: string;
  criterionId: string | null;
  message: string;
  email: string;
  locale: string;
  /** SHA-256 of the token mailed to the author; the token itself is never stored. */
  confirmationHash: string;
}

export interface ConcernWithProduct extends ConcernRow {
  product_name: string;
  company_name: string;
}

export function createConcernRepository(db: Kysely<Database>) {
  return {
    async create(concern: NewConcern, now: Date): Promise<string> {
      const id = randomUUID();
      // Addresses that were never confirmed are not kept beyond the link's lifetime.
      await db
        .deleteFrom('concern')
        .where('status', '=', 'unconfirmed')
        .where('created_at', '<', confirmationCutoff(now).toISOString())
        .execute();
      await db
        .insertInto('concern')
        .values({
          id,
          certification_id: concern.certificationId,
          criterion_id: concern.criterionId,
          message: concern.message,
          email: concern.email,
          locale: concern.locale,
          status: 'unconfirmed',
          confirmation_hash: concern.confirmationHash,
          created_at: now.toISOString(),
        })
        .execute();
      return id;
    },

    /** Opens the concern whose link this is, once, while the link is valid. */
    async confirm(confirmationHash: string, now: Date): Promise<ConcernRow | undefined> {
      return db
        .updateTable('concern')
        .set({ status: 'open', confirmed_at: now.toISOString(), confirmation_hash: null })
        .where('confirmation_hash', '=', confirmationHash)
        .where('status', '=', 'unconfirmed')
        .where('created_at', '>=', confirmationCutoff(now).toISOString())
        .returningAll()
        .executeTakeFirst();
    },

    /** Confirmed concerns for the admins: open ones first, then the latest decided. */
    async forTriage(decidedLimit = 20): Promise<ConcernWithProduct[]> {
      const base = db
        .selectFrom('concern')
        .innerJoin('certification', 'certification.id', 'concern.certification_id')
        .selectAll('concern')
        .select(['certification.product_name', 'certification.company_name']);
      const open = await base
        .where('concern.status', 'in', ['open', 're-review'])
        .orderBy('concern.confirmed_at')
        .execute();
      const decided = await base
        .where('concern.status', 'in', ['upheld', 'rejected'])
        .orderBy('concern.decided_at', 'desc')
        .limit(decidedLimit)
        .execute();
      return [...open, ...decided];
    },

    find(id: string): Promise<ConcernRow | undefined> {
      return db.selectFrom('concern').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Decides an open concern; false when it was not open (decided meanwhile, or never confirmed). */
    async decide(
      id: string,
      decision: ConcernDecision,
      note: string,
      adminId: string,
      now: Date,
      // A concern under re-review is decided by the re-review's outcome.
      from: 'open' | 're-review' = 'open',
    ): Promise<boolean> {
      const result = await db
        .updateTable('concern')
        .set({ status: decision, outcome_note: note, decided_by: adminId, decided_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The decided concerns of one certification, for its public page: no message, no address. */
    decidedFor(certificationId: string) {
      return db
        .selectFrom('concern')
        .leftJoin('re_review', 're_review.concern_id', 'concern.id')
        .select([
          'concern.id',
          'concern.criterion_id',
          'concern.status',
          'concern.outcome_note',
          'concern.decided_at',
          're_review.outcome as re_review_outcome',
        ])
        .where('concern.certification_id', '=', certificationId)
        .where('concern.status', 'in', ['upheld', 'rejected'])
        .orderBy('concern.decided_at', 'desc')
        .execute();
    },
  };
}

export type ConcernRepository = ReturnType<typeof createConcernRepository>;
