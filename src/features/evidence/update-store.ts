import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { isApplicationStatus, isOpen } from '../applications/rules';
import { createEvidenceStore } from './store';

/** What an update of changed evidence reads and writes besides the application it starts. */
export function createUpdateStore(db: Kysely<Database>) {
  return {
    /** The product's active certification, if it has one, with its changed evidence. */
    async certifiedProduct(companyId: string, productId: string) {
      const certification = await db
        .selectFrom('certification')
        .select(['id', 'application_id', 'product_name', 'issued_at'])
        .where('organization_id', '=', companyId)
        .where('product_id', '=', productId)
        .where('status', '=', 'active')
        .orderBy('issued_at', 'desc')
        .executeTakeFirst();
      if (!certification) return undefined;
      const changed = await createEvidenceStore(db).changedOf(certification.id);
      return { certification, changed };
    },

    /**
     * Holds the product's row until the transaction ends (an update that changes nothing still locks it on
     * PostgreSQL; SQLite runs one writer anyway), so two starts at once run one after the other and the
     * second finds the first's application open.
     */
    async lockProduct(productId: string): Promise<void> {
      await db
        .updateTable('product')
        .set((eb) => ({ revision: eb.ref('revision') }))
        .where('id', '=', productId)
        .execute();
    },

    /** An application of the product that is neither decided nor withdrawn. */
    async openApplicationOf(companyId: string, productId: string): Promise<string | undefined> {
      const rows = await db
        .selectFrom('application')
        .select(['id', 'status'])
        .where('organization_id', '=', companyId)
        .where('product_id', '=', productId)
        .execute();
      return rows.find((row) => isApplicationStatus(row.status) && isOpen(row.status))?.id;
    },

    /** Marks copied answers as confirmed: the company took them over as certified in one step. */
    async confirm(applicationId: string, criterionIds: readonly string[]): Promise<void> {
      if (criterionIds.length === 0) return;
      await db
        .updateTable('answer')
        .set({ needs_confirmation: 0 })
        .where('application_id', '=', applicationId)
        .where('criterion_id', 'in', criterionIds)
        .execute();
    },
  };
}
