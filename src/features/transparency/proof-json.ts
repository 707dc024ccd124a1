import type { Hash } from './merkle';

/**
 * The JSON bodies of /log/proof/inclusion and /log/proof/consistency, one spelling for the route and the
 * answers made in front of the app (proof-fast-path.ts), so the two can never differ by a byte.
 */
const hashes = (list: readonly Buffer[]) => list.map((hash) => hash.toString('base64'));

export function inclusionJson(
  index: number,
  size: number,
  result: { leafHash?: Hash; rootHash: Hash; proof: readonly Hash[] },
) {
  return {
    index,
    size,
    leafHash: result.leafHash?.toString('base64'),
    rootHash: result.rootHash.toString('base64'),
    proof: hashes(result.proof),
  };
}

export function consistencyJson(
  first: number,
  second: number,
  result: { firstRoot: Hash; secondRoot: Hash; proof: readonly Hash[] },
) {
  return {
    first,
    second,
    firstRoot: result.firstRoot.toString('base64'),
    secondRoot: result.secondRoot.toString('base64'),
    proof: hashes(result.proof),
  };
}
