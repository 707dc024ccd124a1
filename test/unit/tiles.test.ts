import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from '../../src/features/transparency/merkle';
import type { TileRequest } from '../../src/features/transparency/tile-store';
import { createTileTree } from '../../src/features/transparency/tile-tree';
import {
  aboveOffset,
  edgeTiles,
  hashesAbove,
  parseTilePath,
  TileBuilder,
  tileIndexPath,
  tilePath,
  tileWidthAt,
  treeNodes,
  type Tile,
} from '../../src/features/transparency/tiles';

const leavesOf = (count: number) =>
  Array.from({ length: count }, (_, index) => leafHash(Buffer.from(`entry ${index}`)));

/** Tiles built leaf by leaf as the log appends them, kept in a map as the database keeps them. */
function tiledLog(leaves: readonly Hash[]) {
  const stored = new Map<string, Tile>();
  const builder = new TileBuilder(0, []);
  for (const leaf of leaves) {
    builder.push(leaf);
    for (const tile of builder.take()) stored.set(`${tile.level}/${tile.index}`, tile);
  }
  const store = {
    read: async (requests: readonly TileRequest[]) =>
      new Map(
        requests.map((request) => [
          `${request.level}/${request.index}`,
          stored.get(`${request.level}/${request.index}`)!,
        ]),
      ),
  };
  return { stored, builder, tree: createTileTree(store) };
}

/** A deterministic sequence of "random" numbers below n, so a failure can be replayed. */
function* picks(seed: number, n: number, count: number) {
  let state = seed;
  for (let at = 0; at < count; at++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    yield state % n;
  }
}

describe('tile paths (C2SP tlog-tiles)', () => {
  it('writes indexes in groups of three digits, each but the last marked with x', () => {
    expect(tileIndexPath(0)).toBe('000');
    expect(tileIndexPath(67)).toBe('067');
    expect(tileIndexPath(1234067)).toBe('x001/x234/067');
    expect(tilePath(0, 1234067)).toBe('tile/0/x001/x234/067');
    expect(tilePath(1, 5, 17)).toBe('tile/1/005.p/17');
    expect(tilePath('entries', 1000)).toBe('tile/entries/x001/000');
  });

  it('reads back exactly the paths it writes and nothing else', () => {
    for (const [level, index, width] of [
      [0, 0, 256],
      [2, 1234067, 3],
      ['entries', 999, 255],
    ] as const)
      expect(parseTilePath(tilePath(level, index, width))).toEqual({ level, index, width });
    for (const wrong of [
      'tile/0/x000/001',
      'tile/0/1234',
      'tile/0/001.p/256',
      'tile/0/001.p/0',
      'tile/0/001.p/07',
      'tile/01/001',
      'tile/0/001/',
      'tile/logs/001',
      'tile/0/x001',
    ])
      expect(parseTilePath(wrong), wrong).toBeUndefined();
  });
});

describe('tile arithmetic', () => {
  it('knows the width of every tile of a tree and its right edge', () => {
    expect(tileWidthAt(600, 0, 1)).toBe(256);
    expect(tileWidthAt(600, 0, 2)).toBe(88);
    expect(tileWidthAt(600, 0, 3)).toBe(0);
    expect(tileWidthAt(600, 1, 0)).toBe(2);
    expect(tileWidthAt(65536, 1, 0)).toBe(256);
    expect(edgeTiles(65537)).toEqual([
      { level: 0, index: 256, width: 1 },
      { level: 1, index: 1, width: 0 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(edgeTiles(0)).toEqual([]);
  });

  it('splits ranges into the complete subtrees of RFC 9162, and refuses ranges that are not the tree’s', () => {
    expect(treeNodes([0, 7])).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(treeNodes([512, 768])).toEqual([{ level: 8, index: 2 }]);
    expect(() => treeNodes([1, 3])).toThrow(RangeError);
  });

  it('keeps the hashes above a full tile level by level, where aboveOffset finds them', () => {
    const leaves = leavesOf(256);
    const above = hashesAbove(leaves);
    expect(above).toHaveLength(255);
    expect(above[aboveOffset(0, 256)]!.equals(rootHash(leaves))).toBe(true);
    expect(above[aboveOffset(128, 128)]!.equals(rootHash(leaves.slice(128)))).toBe(true);
    expect(above[aboveOffset(6, 2)]!.equals(rootHash(leaves.slice(6, 8)))).toBe(true);
    expect(above[aboveOffset(32, 16)]!.equals(rootHash(leaves.slice(32, 48)))).toBe(true);
  });
});

describe('the tree from its tiles', () => {
  const leaves = leavesOf(600);
  const { tree, stored } = tiledLog(leaves);
  // The reference roots, each from the leaves alone; the first test holds the tiles' roots to them.
  const roots = leaves.map((_, size) => rootHash(leaves.slice(0, size))).concat(rootHash(leaves));

  it('has the root of the reference implementation at every size, built at once or resumed from its edge', async () => {
    for (let size = 0; size <= leaves.length; size++) {
      const expected = roots[size]!;
      expect((await tree.root(size)).equals(expected), `size ${size}`).toBe(true);
      const resumed = new TileBuilder(
        size,
        edgeTiles(size).map((edge) =>
          (stored.get(`${edge.level}/${edge.index}`)?.hashes ?? []).slice(0, edge.width),
        ),
      );
      expect(resumed.root().equals(expected), `resumed at ${size}`).toBe(true);
    }
  });

  it('gives proofs for every size 1…600 (across the tile boundaries at 256 and 512) that verify, as the reference’s', async () => {
    for (let size = 1; size <= leaves.length; size++) {
      const root = roots[size]!;
      const [checked = 0, ...others] = [...picks(size, size, 4)];
      const proof = await tree.inclusion(checked, size);
      expect(proof.proof, `inclusion ${checked} in ${size}`).toEqual(inclusionProof(leaves, checked, size));
      for (const index of [0, size - 1, ...others]) {
        const { leafHash: hash, rootHash: served, proof: path } = await tree.inclusion(index, size);
        expect(served.equals(root) && hash.equals(leaves[index]!), `${index} in ${size}`).toBe(true);
        expect(verifyInclusion(hash, index, size, path, root), `${index} in ${size}`).toBe(true);
      }
      const [first = 1, ...firsts] = [...picks(size + 7, size, 3)].map((n) => n + 1);
      expect((await tree.consistency(first, size)).proof, `${first} to ${size}`).toEqual(
        consistencyProof(leaves, first, size),
      );
      for (const other of [1, size, ...firsts]) {
        const otherRoot = roots[other]!;
        const { proof: path, firstRoot, secondRoot } = await tree.consistency(other, size);
        expect(firstRoot.equals(otherRoot) && secondRoot.equals(root), `${other} to ${size}`).toBe(true);
        expect(verifyConsistency(other, size, path, otherRoot, root), `${other} to ${size}`).toBe(true);
      }
    }
  }, 120_000);

  it('gives the reference proofs in a tree with level-1 tiles full (over 65,536 leaves)', async () => {
    const many = leavesOf(70_000);
    const big = tiledLog(many).tree;
    for (const [index, size] of [
      [0, 70_000],
      [65_535, 65_537],
      [69_999, 70_000],
      [12_345, 66_000],
    ] as const) {
      expect((await big.inclusion(index, size)).proof).toEqual(inclusionProof(many, index, size));
    }
    expect((await big.consistency(65_536, 70_000)).proof).toEqual(consistencyProof(many, 65_536, 70_000));
    expect((await big.consistency(1000, 69_999)).proof).toEqual(consistencyProof(many, 1000, 69_999));
    expect((await big.root(70_000)).equals(rootHash(many))).toBe(true);
  }, 60_000);
});
