import type { FileStorage } from './files';

/**
 * Removes stored files that nothing refers to any more. Files are shared by content hash (a copied
 * answer keeps its files), so each key is removed only when `inUse` says no other record needs it.
 * A file that cannot be removed is reported and skipped: the deletion it follows has already happened.
 */
export async function removeUnreferenced(
  keys: Iterable<string>,
  inUse: (key: string) => Promise<boolean>,
  storage: FileStorage,
  onError: (error: unknown) => void,
): Promise<void> {
  for (const key of new Set(keys)) {
    if (await inUse(key)) continue;
    await storage.remove(key).catch(onError);
  }
}
