import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { Hash } from './merkle';
import { hashSize, tileWidth, type Tile } from './tiles';

/** A tile as read: its hashes, and for a full tile the hashes above them. */
export type StoredTile = Pick<Tile, 'hashes' | 'above'>;

/**
 * A tile as the database holds it: its bytes, a hash made a Buffer only when asked for. A proof needs a
 * handful of a tile's 511 hashes; making all of them Buffers at each read, and keeping them so in the
 * cache, cost more than the rest of the proof, most of it in garbage collection (measured with
 * `npm run bench:log`). `hashes` and `above` still give them all, made once, for the callers that walk them.
 */
export class TileBytes implements StoredTile {
  #hashes: Hash[] | undefined;
  #above: Hash[] | undefined;

  constructor(
    private readonly ownBytes: Buffer,
    private readonly aboveBytes: Buffer | undefined,
  ) {}

  get width(): number {
    return Math.floor(this.ownBytes.length / hashSize);
  }

  hash(at: number): Hash | undefined {
    return at < this.width ? this.ownBytes.subarray(at * hashSize, (at + 1) * hashSize) : undefined;
  }

  aboveHash(at: number): Hash | undefined {
    const bytes = this.aboveBytes;
    return bytes && (at + 1) * hashSize <= bytes.length
      ? bytes.subarray(at * hashSize, (at + 1) * hashSize)
      : undefined;
  }

  get hashes(): Hash[] {
    return (this.#hashes ??= decodeHashes(this.ownBytes));
  }

  get above(): Hash[] | undefined {
    if (!this.aboveBytes) return undefined;
    return (this.#above ??= decodeHashes(this.aboveBytes));
  }
}

/** How many hashes a tile holds, without making them Buffers. */
export const widthOf = (tile: StoredTile): number =>
  tile instanceof TileBytes ? tile.width : tile.hashes.length;

/** Hash `at` of a tile (`above`: of the hashes above its own), without making the others Buffers. */
export function hashIn(tile: StoredTile, at: number, above = false): Hash | undefined {
  if (tile instanceof TileBytes) return above ? tile.aboveHash(at) : tile.hash(at);
  return above ? tile.above?.[at] : tile.hashes[at];
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A tile wanted with at least `count` hashes (a prefix of a tile never changes; only its width grows). */
export interface TileRequest {
  level: number;
  index: number;
  count: number;
}

/** Entries read per query when the whole log is read in order (bounded memory, whatever its size). */
export const entriesPerPage = 5000;

/** The stored entries from `position` on, in order, one page of them. */
export function entryPage(db: Kysely<Database>, position: number) {
  return db
    .selectFrom('log_entry')
    .select(['position', 'leaf'])
    .where('position', '>=', position)
    .orderBy('position')
    .limit(entriesPerPage)
    .execute();
}

const keyOf = (level: number, index: number) => `${level}/${index}`;

/** The hashes of a stored tile, as views into the stored bytes (nothing copied). */
export function decodeHashes(bytes: Uint8Array): Hash[] {
  const buffer = asBuffer(bytes);
  const hashes: Hash[] = [];
  for (let at = 0; at + hashSize <= buffer.length; at += hashSize)
    hashes.push(buffer.subarray(at, at + hashSize));
  return hashes;
}

/**
 * The log's tiles in the database (table log_tile, migration 0019). Reads go through a small cache of
 * recently read tiles: what a tile held at some width it holds forever (its hashes are roots of complete
 * subtrees), so a cached tile answers any request up to its width, and only a wider one goes to the database.
 * Writes bypass the cache, as their transaction may still roll back. 4,096 tiles kept as their bytes
 * (`TileBytes`, some 16 kB each, 64 MB at most) hold every level-0 tile of a million entries (3,907): at
 * 2,048, half the proofs of random entries made a database round trip, which on PostgreSQL missed the
 * proof goals (decision 0017, amended).
 */
export function createTileStore(db: Kysely<Database>, cachedTiles = 4096) {
  const cache = new Map<string, StoredTile>();

  function remember(key: string, tile: StoredTile): void {
    cache.delete(key);
    cache.set(key, tile);
    if (cache.size > cachedTiles) cache.delete(cache.keys().next().value ?? '');
  }

  return {
    /** The requested tiles by "level/index", each with at least the requested count of hashes if stored so. */
    async read(
      requests: readonly TileRequest[],
      trx: Kysely<Database> = db,
    ): Promise<Map<string, StoredTile>> {
      const found = new Map<string, StoredTile>();
      const missing: TileRequest[] = [];
      for (const request of requests) {
        const key = keyOf(request.level, request.index);
        const cached = cache.get(key);
        if (cached && widthOf(cached) >= request.count) found.set(key, cached);
        else if (!missing.some((other) => keyOf(other.level, other.index) === key)) missing.push(request);
      }
      if (missing.length === 0) return found;
      const rows = await trx
        .selectFrom('log_tile')
        .select(['level', 'idx', 'hashes', 'above'])
        .where((eb) =>
          eb.or(missing.map((tile) => eb.and([eb('level', '=', tile.level), eb('idx', '=', tile.index)]))),
        )
        .execute();
      for (const row of rows) {
        const tile = new TileBytes(asBuffer(row.hashes), row.above ? asBuffer(row.above) : undefined);
        remember(keyOf(row.level, row.idx), tile);
        found.set(keyOf(row.level, row.idx), tile);
      }
      return found;
    },

    /** Writes tiles over what is stored under their level and index (a partial tile grows, or becomes full). */
    async write(trx: Kysely<Database>, tiles: readonly Tile[]): Promise<void> {
      // A few hundred tiles per statement stays far below either database's limit on parameters.
      for (let at = 0; at < tiles.length; at += 200) {
        await trx
          .insertInto('log_tile')
          .values(
            tiles.slice(at, at + 200).map((tile) => ({
              level: tile.level,
              idx: tile.index,
              width: tile.hashes.length,
              hashes: Buffer.concat(tile.hashes),
              above: tile.above ? Buffer.concat(tile.above) : null,
            })),
          )
          .onConflict((conflict) =>
            conflict.columns(['level', 'idx']).doUpdateSet((eb) => ({
              width: eb.ref('excluded.width'),
              hashes: eb.ref('excluded.hashes'),
              above: eb.ref('excluded.above'),
            })),
          )
          .execute();
      }
    },

    /** How many leaves the stored tiles cover: the end of the last level-0 tile. */
    async coveredSize(trx: Kysely<Database> = db): Promise<number> {
      const last = await trx
        .selectFrom('log_tile')
        .select(['idx', 'width'])
        .where('level', '=', 0)
        .orderBy('idx', 'desc')
        .limit(1)
        .executeTakeFirst();
      return last ? last.idx * tileWidth + last.width : 0;
    },

    /** Every stored tile of a level from index `from` on, in order, a page at a time (for the full check). */
    async page(level: number, from: number, limit: number): Promise<Tile[]> {
      const rows = await db
        .selectFrom('log_tile')
        .select(['idx', 'hashes', 'above'])
        .where('level', '=', level)
        .where('idx', '>=', from)
        .orderBy('idx')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        level,
        index: row.idx,
        hashes: decodeHashes(row.hashes),
        ...(row.above ? { above: decodeHashes(row.above) } : {}),
      }));
    },
  };
}

export type TileStore = ReturnType<typeof createTileStore>;
