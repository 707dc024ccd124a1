import type { FileStorage } from './files';

/** Removes the stored files among `keys` that no record refers to any more. */
export type ReleaseFiles = (keys: Iterable<string | null | undefined>) => Promise<void>;

/**
 * Every path that drops a reference to a stored file (evidence removed, a picture changed or removed, an
 * application or company deleted) hands the keys it dropped here. Files are shared by content hash, so
 * each key is removed only when `inUse`, which knows every kind of reference, says nothing needs it.
 * A file that cannot be removed is reported and skipped: the deletion it follows has already happened.
 */
export function createFileRelease(
  storage: FileStorage,
  inUse: (key: string) => Promise<boolean>,
  onError: (error: unknown) => void,
): ReleaseFiles {
  return async (keys) => {
    for (const key of new Set(keys)) {
      if (!key || (await inUse(key))) continue;
      await storage.remove(key).catch(onError);
    }
  };
}
