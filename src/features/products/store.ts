import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, ProductRow } from '../../platform/db/schema';

export interface ProductFields {
  name: string;
  category: string;
  modelNumbers: string[];
  webPageUrl: string;
  description: string;
  firmwareVersion: string;
  supportEndDate: string;
}

export function createProductRepository(db: Kysely<Database>) {
  return {
    listForCompany(companyId: string): Promise<ProductRow[]> {
      return db
        .selectFrom('product')
        .selectAll()
        .where('organization_id', '=', companyId)
        .orderBy('name')
        .execute();
    },

    find(companyId: string, productId: string): Promise<ProductRow | undefined> {
      return db
        .selectFrom('product')
        .selectAll()
        .where('organization_id', '=', companyId)
        .where('id', '=', productId)
        .executeTakeFirst();
    },

    async create(companyId: string, fields: ProductFields, now: Date): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('product')
        .values({
          id,
          organization_id: companyId,
          ...toColumns(fields),
          revision: 1,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .execute();
      return id;
    },

    /** Saves only if nobody saved since `expectedRevision` was read; false means someone did. */
    async update(
      companyId: string,
      productId: string,
      expectedRevision: number,
      fields: ProductFields,
      now: Date,
    ): Promise<boolean> {
      const result = await db
        .updateTable('product')
        .set({ ...toColumns(fields), revision: expectedRevision + 1, updated_at: now.toISOString() })
        .where('organization_id', '=', companyId)
        .where('id', '=', productId)
        .where('revision', '=', expectedRevision)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Sets or clears the picture. It is not part of the form's revision: a new picture never conflicts with an edit. */
    async setImage(
      companyId: string,
      productId: string,
      image: { key: string; type: string } | null,
      now: Date,
    ): Promise<void> {
      await db
        .updateTable('product')
        .set({
          image_key: image?.key ?? null,
          image_type: image?.type ?? null,
          updated_at: now.toISOString(),
        })
        .where('organization_id', '=', companyId)
        .where('id', '=', productId)
        .execute();
    },
  };
}

function toColumns(fields: ProductFields) {
  return {
    name: fields.name,
    category: fields.category,
    model_numbers: fields.modelNumbers.join('\n'),
    web_page_url: fields.webPageUrl,
    description: fields.description,
    firmware_version: fields.firmwareVersion,
    support_end_date: fields.supportEndDate,
  };
}

export type ProductRepository = ReturnType<typeof createProductRepository>;
