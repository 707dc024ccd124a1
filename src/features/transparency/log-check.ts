import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { parseCheckpoint, type Checkpoint } from './checkpoint';
import { leafHash } from './merkle';
import { openNote, parseVerifierKey } from './note';
import type { TileStore } from './tile-store';
import type { TileTree } from './tile-tree';
import { hashesAbove, rowLength, tileWidth } from './tiles';

/** The stored log does not match its last signed checkpoint: the database was changed behind the app. */
export class TamperedLogError extends Error {
  constructor(reason: string) {
    super(`The transparency log does not match its last signed checkpoint: ${reason}. Refusing to start.`);
    this.name = 'TamperedLogError';
  }
}

/** The newest signed checkpoint; its size is stored beside the note, so reading it needs no parsing. */
export function latestCheckpoint(db: Kysely<Database>): Promise<{ size: number; note: string } | undefined> {
  return db
    .selectFrom('log_checkpoint')
    .select(['size', 'note'])
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest checkpoint, its signature checked with the log's key; undefined for a log never signed. */
export async function signedCheckpoint(
  db: Kysely<Database>,
  verifierKey: string,
  origin: string,
): Promise<Checkpoint | undefined> {
  const latest = await latestCheckpoint(db);
  if (!latest) return undefined;
  let text: string;
  try {
    text = openNote(latest.note, parseVerifierKey(verifierKey));
  } catch (error) {
    throw new TamperedLogError(`its signature does not verify (${(error as Error).message})`);
  }
  const checkpoint = parseCheckpoint(text);
  if (checkpoint.origin !== origin) throw new TamperedLogError('it names another log');
  if (checkpoint.size !== latest.size)
    throw new TamperedLogError('its stored size differs from the signed one');
  return checkpoint;
}

/**
 * The check at every start, in a few reads whatever the log's size:
 * 1. the newest checkpoint's signature verifies with the log's key;
 * 2. the root computed from the stored tiles equals the signed root;
 * 3. the right edge hashes up: at each level, the last full tile below hashes to its hash in the level above;
 * 4. the entries of the last level-0 tile re-hash to its stored hashes.
 * So an edit at the right edge of the log, where every append and every new checkpoint build on, stops the
 * app. An edit further left (an old entry's text, an old full tile) is not seen here: the root is computed
 * from the level above such a tile, so proofs and new checkpoints stay those of the signed tree, and only
 * what is served of that old part differs from it. Re-hashing every entry is `npm run log:verify`'s work
 * (log-audit.ts), which names the entry or tile; it takes time in proportion to the log, a start must not.
 */
export async function checkStoredLog(deps: {
  db: Kysely<Database>;
  signer: { name: string; verifierKey: string };
  tiles: TileStore;
  tree: TileTree;
}): Promise<void> {
  const { db, tiles, tree } = deps;
  const checkpoint = await signedCheckpoint(db, deps.signer.verifierKey, deps.signer.name);
  if (!checkpoint) return;
  const size = await tiles.coveredSize();
  if (checkpoint.size > size) throw new TamperedLogError('signed entries are missing');
  let root;
  try {
    root = await tree.root(checkpoint.size);
  } catch (error) {
    throw new TamperedLogError(`tiles of the signed tree are missing (${(error as Error).message})`);
  }
  if (!root.equals(checkpoint.root))
    throw new TamperedLogError(`the root of the first ${checkpoint.size} entries differs`);
  for (let level = 1; rowLength(size, level) > 0; level++) {
    // The hash of the last full tile of the level below, as the level above holds it.
    const position = rowLength(size, level) - 1;
    const stored = await tiles.read([
      { level: level - 1, index: position, count: tileWidth },
      { level, index: Math.floor(position / tileWidth), count: (position % tileWidth) + 1 },
    ]);
    const below = stored.get(`${level - 1}/${position}`);
    const above = stored.get(`${level}/${Math.floor(position / tileWidth)}`)?.hashes[position % tileWidth];
    // Its stored hashes above (which proofs read) are checked with it: the last of them is its root.
    const rebuilt = below?.hashes.length === tileWidth ? hashesAbove(below.hashes) : [];
    const storedAbove = below?.above ?? [];
    if (
      !above ||
      !rebuilt.at(-1)?.equals(above) ||
      storedAbove.length !== rebuilt.length ||
      rebuilt.some((hash, at) => !hash.equals(storedAbove[at] ?? Buffer.alloc(0)))
    )
      throw new TamperedLogError(`tile ${level - 1}/${position} does not hash to its hash in level ${level}`);
  }
  const lastTile = Math.floor((size - 1) / tileWidth);
  if (size === 0) return;
  const [edge, entries] = await Promise.all([
    tiles.read([{ level: 0, index: lastTile, count: size - lastTile * tileWidth }]),
    db
      .selectFrom('log_entry')
      .select(['position', 'leaf'])
      .where('position', '>=', lastTile * tileWidth)
      .where('position', '<', size)
      .orderBy('position')
      .execute(),
  ]);
  const hashes = edge.get(`0/${lastTile}`)?.hashes ?? [];
  for (const [at, entry] of entries.entries()) {
    const hash = hashes[at];
    if (
      entry.position !== lastTile * tileWidth + at ||
      !hash ||
      !leafHash(Buffer.from(entry.leaf)).equals(hash)
    )
      throw new TamperedLogError(
        `entry ${lastTile * tileWidth + at} does not match its hash in tile 0/${lastTile}`,
      );
  }
  if (entries.length !== size - lastTile * tileWidth)
    throw new TamperedLogError(`entries of tile 0/${lastTile} are missing`);
}
