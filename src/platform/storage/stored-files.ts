import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

const storageKeyPattern = /^[a-f0-9]{64}$/;

/**
 * Whether any record still refers to a stored file. Files are stored by the hash of their bytes, so one
 * file can be evidence, a product picture, a partner logo, a news image and the picture frozen in a
 * published registry entry at once, uploaded by different people. This is the one place that knows every
 * reference; nothing removes a file without asking it.
 */
export function createStoredFileReferences(db: Kysely<Database>) {
  return {
    async inUse(storageKey: string): Promise<boolean> {
      // Only hash-named files exist; anything else is never removed, so it counts as in use.
      if (!storageKeyPattern.test(storageKey)) return true;
      const [evidence, product, partner, news, published] = await Promise.all([
        db.selectFrom('evidence_file').select('id').where('storage_key', '=', storageKey).executeTakeFirst(),
        db.selectFrom('product').select('id').where('image_key', '=', storageKey).executeTakeFirst(),
        db.selectFrom('partner').select('id').where('logo_key', '=', storageKey).executeTakeFirst(),
        db.selectFrom('news_post').select('id').where('image_key', '=', storageKey).executeTakeFirst(),
        // A published entry keeps the picture the product had when it was certified (product.image.key).
        db
          .selectFrom('certification')
          .select('id')
          .where('published', 'like', `%"key":"${storageKey}"%`)
          .executeTakeFirst(),
      ]);
      return [evidence, product, partner, news, published].some((row) => row !== undefined);
    },
  };
}

export type StoredFileReferences = ReturnType<typeof createStoredFileReferences>;
