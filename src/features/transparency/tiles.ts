import { createHash } from 'node:crypto';
import { nodeHash, type Hash } from './merkle';

/**
 * The log's Merkle tree cut into C2SP tlog-tiles (https://c2sp.org/tlog-tiles), as Go's sumdb does: a tile
 * of height 8 holds up to 256 consecutive hashes of one level of the tree. Tile level L holds the hashes of
 * tree level 8·L (level 0: the leaf hashes; level 1: the roots of 256 leaves each, …), and tile N of a level
 * holds that level's hashes 256·N … 256·N+255. Every hash in a tile is the root of a complete subtree, so
 * it never changes once written: full tiles are immutable, and the right-edge tile of each level only
 * grows. Any hash of the tree, and so every root and proof, follows from a few tiles. Pure arithmetic.
 */
export const tileHeight = 8;
export const tileWidth = 2 ** tileHeight;
export const hashSize = 32;

/** A complete subtree: the 2^level leaves from index·2^level on. */
export interface TreeNode {
  level: number;
  index: number;
}

/** Leaves start (inclusive) to end (exclusive), whose RFC 9162 hash a proof carries. */
export type LeafRange = readonly [start: number, end: number];

/**
 * A stored tile: its hashes in order (their count is its width). A full tile also keeps the 255 hashes of
 * the subtree above its own (`above`, see aboveOffset): not part of the served tile, but what spares a
 * proof from hashing 247 of them again each time it passes through a tile.
 */
export interface Tile {
  level: number;
  index: number;
  hashes: Hash[];
  above?: Hash[];
}

/** Where the hash of `count` (2…256) hashes from `offset` on is in a full tile's `above`: level by level. */
export const aboveOffset = (offset: number, count: number): number =>
  tileWidth - (2 * tileWidth) / count + offset / count;

const emptyTreeHash = createHash('sha256').digest();

/** How many hashes the tree of `size` leaves has at tile level `level` (complete subtrees of 256^level). */
export const rowLength = (size: number, level: number): number => Math.floor(size / tileWidth ** level);

/** The width of tile `index` of `level` in the tree of `size` leaves: 256 when full, 0 when beyond it. */
export function tileWidthAt(size: number, level: number, index: number): number {
  return Math.max(0, Math.min(tileWidth, rowLength(size, level) - index * tileWidth));
}

/** The right-edge tile of each level that has one, lowest level first: where appending continues. */
export function edgeTiles(size: number): { level: number; index: number; width: number }[] {
  const edges = [];
  for (let level = 0; rowLength(size, level) > 0; level++) {
    const length = rowLength(size, level);
    edges.push({ level, index: Math.floor(length / tileWidth), width: length % tileWidth });
  }
  return edges;
}

/** "x001/x234/067": a tile index in groups of three digits, each but the last marked with an x. */
export function tileIndexPath(index: number): string {
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((group, at) => (at < groups.length - 1 ? `x${group}` : group)).join('/');
}

/** The path of a tile below /log: "tile/0/x001/234", "tile/1/005.p/17", "tile/entries/000". */
export function tilePath(level: number | 'entries', index: number, width = tileWidth): string {
  return `tile/${level}/${tileIndexPath(index)}${width < tileWidth ? `.p/${width}` : ''}`;
}

/** What a tile path names (the inverse of tilePath), or undefined for anything that is not one. */
export function parseTilePath(
  path: string,
): { level: number | 'entries'; index: number; width: number } | undefined {
  const match = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(
    path,
  );
  if (!match) return undefined;
  const [, level = '', digits = '', partial] = match;
  const index = Number(digits.replaceAll('x', '').replaceAll('/', ''));
  const width = partial === undefined ? tileWidth : Number(partial);
  if (!Number.isSafeInteger(index) || (partial !== undefined && width >= tileWidth)) return undefined;
  // Each index has exactly one spelling: no leading group of zeros ("x000/001" is "001").
  if (tileIndexPath(index) !== digits) return undefined;
  return { level: level === 'entries' ? 'entries' : Number(level), index, width };
}

/** Every hash above a power-of-two run of hashes of one level, level by level up to their root (last). */
export function hashesAbove(hashes: readonly Hash[]): Hash[] {
  const above: Hash[] = [];
  let row = hashes;
  while (row.length > 1) {
    const next: Hash[] = [];
    for (let at = 0; at + 1 < row.length; at += 2) next.push(nodeHash(row[at] as Hash, row[at + 1] as Hash));
    above.push(...next);
    row = next;
  }
  return above;
}

/** The root of a power-of-two run of hashes of one level: the hash of the subtree above them. */
export function hashUp(hashes: readonly Hash[]): Hash {
  const root = hashes.length === 1 ? hashes[0] : hashesAbove(hashes).at(-1);
  if (!root) throw new RangeError('no hashes to hash up');
  return root;
}

/**
 * The complete subtrees whose hashes make up the RFC 9162 hash of leaves start…end, largest first
 * (that hash is then nodeHash(first, nodeHash(second, …))). The ranges of roots and proofs always start
 * at a multiple of their largest power of two, which is what makes this split theirs.
 */
export function treeNodes([start, end]: LeafRange): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (let at = start; at < end;) {
    let level = 0;
    while (2 ** (level + 1) <= end - at) level++;
    if (at % 2 ** level !== 0) throw new RangeError(`range ${start}…${end} is not one of the tree's`);
    nodes.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return nodes;
}

/** The RFC 9162 hash of the range made of `hashes` (the hashes of its treeNodes, in order). */
export function foldNodes(hashes: readonly Hash[]): Hash {
  let folded = hashes.at(-1);
  if (!folded) return emptyTreeHash;
  for (const hash of hashes.slice(0, -1).reverse()) folded = nodeHash(hash, folded);
  return folded;
}

/** The largest power of two smaller than n (n > 1): where RFC 9162 splits a tree. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The ranges whose hashes form the inclusion proof of leaf `index` in the tree of `size` (RFC 9162 PATH). */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!(index >= 0 && index < size)) throw new RangeError('index outside the tree');
  const path = (start: number, end: number): LeafRange[] => {
    if (end - start === 1) return [];
    const middle = start + split(end - start);
    return index < middle ? [...path(start, middle), [middle, end]] : [...path(middle, end), [start, middle]];
  };
  return path(0, size);
}

/** The ranges whose hashes form the consistency proof between trees `first` and `second` (RFC 9162 PROOF). */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  if (!(first >= 0 && first <= second)) throw new RangeError('sizes outside the tree');
  if (first === 0 || first === second) return [];
  const subproof = (start: number, end: number, complete: boolean): LeafRange[] => {
    if (first === end) return complete ? [] : [[start, end]];
    const middle = start + split(end - start);
    return first <= middle
      ? [...subproof(start, middle, complete), [middle, end]]
      : [...subproof(middle, end, false), [start, middle]];
  };
  return subproof(0, second, true);
}

/** Where a node's hash comes from: `count` hashes of a tile, from `offset` on, hashed up. */
export function nodeSource(node: TreeNode): { level: number; index: number; offset: number; count: number } {
  const level = Math.floor(node.level / tileHeight);
  const count = 2 ** (node.level % tileHeight);
  const first = node.index * count;
  return { level, index: Math.floor(first / tileWidth), offset: first % tileWidth, count };
}

/** The root of a tree from the hashes of its right-edge tiles (edgeTiles order: lowest level first). */
export function rootOfEdges(rows: readonly (readonly Hash[])[]): Hash {
  const hashes: Hash[] = [];
  for (let level = rows.length - 1; level >= 0; level--) {
    const row = rows[level] ?? [];
    for (const node of treeNodes([0, row.length]))
      hashes.push(hashUp(row.slice(node.index * 2 ** node.level, (node.index + 1) * 2 ** node.level)));
  }
  return foldNodes(hashes);
}

/**
 * Grows the tiles leaf by leaf from the right-edge tiles of a tree: a level-0 tile that fills up passes
 * its root to level 1, and so on. `take` hands over the tiles that changed since the last call (full ones
 * once, the partial edges as they are now), so a whole log can be built in bounded memory.
 */
export class TileBuilder {
  private readonly rows: Hash[][];
  private readonly changed = new Set<number>();
  private completed: Tile[] = [];

  constructor(
    public size: number,
    edges: readonly (readonly Hash[])[],
  ) {
    this.rows = edgeTiles(size).map((edge) => {
      const row = [...(edges[edge.level] ?? [])];
      if (row.length !== edge.width)
        throw new RangeError(`edge tile at level ${edge.level} has ${row.length} hashes, not ${edge.width}`);
      return row;
    });
  }

  push(leafHash: Hash): void {
    this.size += 1;
    let carried = leafHash;
    for (let level = 0; ; level++) {
      const row = (this.rows[level] ??= []);
      row.push(carried);
      this.changed.add(level);
      if (row.length < tileWidth) return;
      const above = hashesAbove(row);
      this.completed.push({ level, index: rowLength(this.size, level + 1) - 1, hashes: row, above });
      carried = above.at(-1) ?? carried;
      this.rows[level] = [];
    }
  }

  /** The tiles changed since the last call: the full tiles completed, then the partial edges. */
  take(): Tile[] {
    const partial = [...this.changed]
      .filter((level) => (this.rows[level]?.length ?? 0) > 0)
      .map((level) => ({
        level,
        index: Math.floor(rowLength(this.size, level) / tileWidth),
        hashes: [...(this.rows[level] ?? [])],
      }));
    const tiles = [...this.completed, ...partial];
    this.completed = [];
    this.changed.clear();
    return tiles;
  }

  root(): Hash {
    return rootOfEdges(this.rows);
  }
}
