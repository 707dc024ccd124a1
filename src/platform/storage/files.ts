import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Where uploaded evidence is kept. Files are stored by the SHA-256 of their bytes, so they never change
 * once written and a copied answer can share its files. Local disk by default; another store (object
 * storage, say) implements the same three methods.
 */
export interface FileStorage {
  put(bytes: Uint8Array): Promise<string>;
  get(key: string): Promise<Uint8Array | undefined>;
  /** Deletes a file that nothing refers to any more; a missing file is not an error. */
  remove(key: string): Promise<void>;
}

export function createDiskStorage(folder: string): FileStorage {
  const pathOf = (key: string) => join(folder, key.slice(0, 2), key);
  return {
    async put(bytes) {
      const key = createHash('sha256').update(bytes).digest('hex');
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Write beside the target, then rename: a crash never leaves half a file under the final name.
      const partial = `${path}.${process.pid}.partial`;
      await writeFile(partial, bytes, { mode: 0o600 });
      await rename(partial, path);
      return key;
    },
    async get(key) {
      if (!/^[a-f0-9]{64}$/.test(key)) return undefined;
      return readFile(pathOf(key)).catch(() => undefined);
    },
    async remove(key) {
      if (!/^[a-f0-9]{64}$/.test(key)) return;
      await rm(pathOf(key), { force: true });
    },
  };
}
