import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { nodeHash, type Hash } from './merkle';
import { hashIn, widthOf, type StoredTile, type TileStore } from './tile-store';
import {
  aboveOffset,
  consistencyRanges,
  foldNodes,
  inclusionRanges,
  nodeSource,
  treeNodes,
  type LeafRange,
} from './tiles';

/**
 * Roots and proofs of the log's tree read from its tiles, as sumdb/tlog does with its stored hashes: each
 * hash a proof carries is the hash of a range of leaves, made of at most log2(n) complete subtrees, and each
 * complete subtree's hash is in a tile (or hashed up from at most 128 hashes of one). A proof reads a handful
 * of tiles, whatever the size of the log.
 */
export function createTileTree(store: Pick<TileStore, 'read'>) {
  // The hashes above a tile's own, by "offset/count", for as long as the store keeps that tile: nearby proofs
  // share most of them (a proof's siblings inside one tile are a run of halves), and they never change.
  // A full tile has them stored (`above`); a partial one, the right edge, is hashed up as needed.
  const computed = new WeakMap<StoredTile, Map<string, Hash>>();

  /** The hash of `count` (a power of two) hashes of a tile from `offset` on, stored or remembered with it. */
  function hashOf(tile: StoredTile, offset: number, count: number): Hash {
    const stored = count === 1 ? hashIn(tile, offset) : hashIn(tile, aboveOffset(offset, count), true);
    if (stored) return stored;
    if (count === 1) throw new Error('a tile lacks hashes the tree needs');
    let memo = computed.get(tile);
    if (!memo) computed.set(tile, (memo = new Map()));
    const key = `${offset}/${count}`;
    let hash = memo.get(key);
    if (!hash) {
      hash = nodeHash(hashOf(tile, offset, count / 2), hashOf(tile, offset + count / 2, count / 2));
      memo.set(key, hash);
    }
    return hash;
  }

  /** The hashes of the given ranges, which are at least `count`: the first few, named. */
  async function hashesOf(ranges: readonly LeafRange[]): Promise<[Hash, Hash, Hash[]]> {
    const [first, second, ...rest] = await rangeHashes(ranges);
    if (!first || !second) throw new RangeError('two ranges at least');
    return [first, second, rest];
  }

  // The hashes of ranges made of several subtrees (the roots, and the right-hand part of each proof, all
  // ending at the tree's size), by "start-end": every proof in a tree of one size shares them, and folding
  // them again cost a dozen hashes per proof. Only ranges read outside a transaction are kept: those are
  // of committed tiles, which never change below the size they cover.
  const folded = new Map<string, Hash>();
  const maxFolded = 4096;

  /** The RFC 9162 hashes of the given ranges of leaves, in one read of the tiles they need. */
  async function rangeHashes(ranges: readonly LeafRange[], trx?: Kysely<Database>): Promise<Hash[]> {
    const memo = trx ? undefined : folded;
    const wanted = ranges.map((range) => {
      const key = `${range[0]}-${range[1]}`;
      const known = memo?.get(key);
      return { key, known, sources: known ? [] : treeNodes(range).map(nodeSource) };
    });
    const tiles = await store.read(
      wanted.flatMap(({ sources }) =>
        sources.map((source) => ({
          level: source.level,
          index: source.index,
          count: source.offset + source.count,
        })),
      ),
      trx,
    );
    return wanted.map(({ key, known, sources }) => {
      if (known) return known;
      const hash = foldNodes(
        sources.map((source) => {
          const tile = tiles.get(`${source.level}/${source.index}`);
          if (!tile || widthOf(tile) < source.offset + source.count)
            throw new Error(`tile ${source.level}/${source.index} lacks hashes the tree needs`);
          return hashOf(tile, source.offset, source.count);
        }),
      );
      if (memo && sources.length > 1) {
        memo.set(key, hash);
        if (memo.size > maxFolded) memo.delete(memo.keys().next().value ?? '');
      }
      return hash;
    });
  }

  return {
    rangeHashes,

    /** MTH of the first `size` leaves. */
    async root(size: number, trx?: Kysely<Database>): Promise<Hash> {
      const [root = foldNodes([])] = await rangeHashes([[0, size]], trx);
      return root;
    },

    async inclusion(index: number, size: number) {
      const [leafHash, rootHash, proof] = await hashesOf([
        [index, index + 1],
        [0, size],
        ...inclusionRanges(index, size),
      ]);
      return { leafHash, rootHash, proof };
    },

    async consistency(first: number, second: number) {
      const [firstRoot, secondRoot, proof] = await hashesOf([
        [0, first],
        [0, second],
        ...consistencyRanges(first, second),
      ]);
      return { firstRoot, secondRoot, proof };
    },
  };
}

export type TileTree = ReturnType<typeof createTileTree>;
