import { hash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0), section 2.1: SHA-256, leaves hashed with
 * a 0x00 prefix and interior nodes with 0x01, so a leaf can never pass for a node. The functions take
 * the leaf hashes of the whole tree in order; proofs are lists of node hashes.
 */
export type Hash = Buffer;

// One-shot hashing of the parts run together: for inputs this small, much cheaper than a Hash object.
const sha256 = (...parts: Uint8Array[]): Hash => hash('sha256', Buffer.concat(parts), 'buffer');

const leafPrefix = Buffer.from([0]);
const nodePrefix = Buffer.from([1]);
export const leafHash = (leaf: Uint8Array): Hash => sha256(leafPrefix, leaf);
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(nodePrefix, left, right);

/** The largest power of two smaller than n (n > 1): where RFC 9162 splits a tree. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]): the root of the tree over the given leaf hashes; SHA-256 of nothing when empty. */
export function rootHash(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return sha256();
  return subtreeHash(leaves, 0, leaves.length);
}

function subtreeHash(leaves: readonly Hash[], start: number, end: number): Hash {
  const only = end - start === 1 ? leaves[start] : undefined;
  if (only) return only;
  const k = split(end - start);
  return nodeHash(subtreeHash(leaves, start, start + k), subtreeHash(leaves, start + k, end));
}

/** PATH(m, D[n]): the inclusion proof of leaf `index` in the tree of the first `size` leaves. */
export function inclusionProof(leaves: readonly Hash[], index: number, size: number): Hash[] {
  if (!(index >= 0 && index < size && size <= leaves.length)) throw new RangeError('index outside the tree');
  const path = (m: number, start: number, end: number): Hash[] => {
    if (end - start === 1) return [];
    const k = split(end - start);
    return m < k
      ? [...path(m, start, start + k), subtreeHash(leaves, start + k, end)]
      : [...path(m - k, start + k, end), subtreeHash(leaves, start, start + k)];
  };
  return path(index, 0, size);
}

/** PROOF(m, D[n]): the consistency proof between the trees of the first `first` and `second` leaves. */
export function consistencyProof(leaves: readonly Hash[], first: number, second: number): Hash[] {
  if (!(first >= 0 && first <= second && second <= leaves.length))
    throw new RangeError('sizes outside the tree');
  if (first === 0 || first === second) return [];
  const subproof = (m: number, start: number, end: number, complete: boolean): Hash[] => {
    if (m === end - start) return complete ? [] : [subtreeHash(leaves, start, end)];
    const k = split(end - start);
    return m <= k
      ? [...subproof(m, start, start + k, complete), subtreeHash(leaves, start + k, end)]
      : [...subproof(m - k, start + k, end, false), subtreeHash(leaves, start, start + k)];
  };
  return subproof(first, 0, second, true);
}

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** RFC 9162 2.1.3.2: does `proof` show the leaf with this hash at `index` in the tree with `root`? */
export function verifyInclusion(
  hash: Hash,
  index: number,
  size: number,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = hash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 2.1.4.2: does `proof` show the tree with `secondRoot` extends the one with `firstRoot`? */
export function verifyConsistency(
  first: number,
  second: number,
  proof: readonly Hash[],
  firstRoot: Hash,
  secondRoot: Hash,
): boolean {
  if (!(first >= 0 && first <= second)) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const [seed, ...rest] = path as [Hash, ...Hash[]];
  let fr = seed;
  let sr = seed;
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}
