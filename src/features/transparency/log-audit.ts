import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { Checkpoint } from './checkpoint';
import { leafHash } from './merkle';
import { signedCheckpoint } from './log-check';
import { createTileStore, entriesPerPage, entryPage, type StoredTile } from './tile-store';
import { TileBuilder, tileWidth, type Tile } from './tiles';

/** Enough to see what was changed; a rewritten log would otherwise list every tile after the change. */
const problemsListed = 20;

export interface LogAudit {
  ok: boolean;
  entries: number;
  checkpoint: Checkpoint | undefined;
  problems: string[];
}

const firstDifference = (rebuilt: readonly Buffer[], stored: readonly Buffer[] | undefined) =>
  rebuilt.findIndex((hash, offset) => !stored?.[offset]?.equals(hash));

/** What differs between a tile rebuilt from the entries and the stored one, or undefined if nothing. */
function difference(rebuilt: Tile, stored: StoredTile | undefined, last: boolean): string | undefined {
  const name = `tile ${rebuilt.level}/${rebuilt.index}`;
  if (!stored) return `${name} is missing`;
  const at = firstDifference(rebuilt.hashes, stored.hashes);
  if (at >= 0) {
    return rebuilt.level === 0
      ? `entry ${rebuilt.index * tileWidth + at} does not hash to its hash in ${name} (hash ${at})`
      : `${name} hash ${at} is not the hash of tile ${rebuilt.level - 1}/${rebuilt.index * tileWidth + at} below it`;
  }
  const above = firstDifference(rebuilt.above ?? [], stored.above);
  if (above >= 0) return `${name}'s stored hashes above its own differ (hash ${above})`;
  // Partial edges are compared page by page as they grow; only the final one must end where the entries do.
  if (last && stored.hashes.length !== rebuilt.hashes.length)
    return `${name} holds ${stored.hashes.length} hashes where the entries make ${rebuilt.hashes.length}`;
  return undefined;
}

/**
 * The whole log checked from its entries (npm run log:verify): every entry, in order and a page at a time,
 * re-hashed into tiles that are compared with the stored ones, and the root at the signed size compared
 * with the newest checkpoint, whose signature is checked first. Memory stays bounded by one page of entries
 * and one tile per level. Names the first differing entry or tile of each tile that differs.
 */
export async function auditLog(deps: {
  db: Kysely<Database>;
  signer: { name: string; verifierKey: string };
  onProgress?: (entries: number) => void;
}): Promise<LogAudit> {
  const { db } = deps;
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < problemsListed) problems.push(problem);
  };
  let checkpoint: Checkpoint | undefined;
  try {
    checkpoint = await signedCheckpoint(db, deps.signer.verifierKey, deps.signer.name);
  } catch (error) {
    note((error as Error).message);
  }
  const tiles = createTileStore(db, 16);
  const builder = new TileBuilder(0, []);
  let signedRoot = checkpoint?.size === 0 ? builder.root() : undefined;
  const compare = async (rebuilt: Tile[], last: boolean) => {
    const stored = await tiles.read(rebuilt.map((tile) => ({ ...tile, count: tile.hashes.length })));
    for (const tile of rebuilt) {
      const problem = difference(tile, stored.get(`${tile.level}/${tile.index}`), last);
      if (problem) note(problem);
    }
  };
  for (let page = 0; ; page++) {
    const rows = await entryPage(db, builder.size);
    for (const row of rows) {
      if (row.position !== builder.size) {
        note(`entry ${builder.size} is missing`);
        break;
      }
      builder.push(leafHash(Buffer.from(row.leaf)));
      if (builder.size === checkpoint?.size) signedRoot = builder.root();
    }
    const last = rows.length < entriesPerPage || rows.at(-1)?.position !== builder.size - 1;
    await compare(builder.take(), last);
    if (page % 20 === 19) deps.onProgress?.(builder.size);
    if (last) break;
  }
  const covered = await tiles.coveredSize();
  if (covered !== builder.size) note(`the tiles cover ${covered} entries, the log has ${builder.size}`);
  if (checkpoint && !signedRoot)
    note(`the checkpoint signs ${checkpoint.size} entries, the log has ${builder.size}`);
  if (checkpoint && signedRoot && !signedRoot.equals(checkpoint.root))
    note(`the root of the first ${checkpoint.size} entries is not the signed root`);
  return { ok: problems.length === 0, entries: builder.size, checkpoint, problems };
}
