import fc from 'fast-check';
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

/**
 * Known answers from transparency-dev/merkle (testonly/constants.go and testdata/), the reference
 * implementation behind Go's Certificate Transparency and sumdb logs: eight leaf inputs and the root
 * of every tree over the first n of them.
 */
const leafInputs = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const rootsBySize = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const leaves = leafInputs.map((hex) => leafHash(Buffer.from(hex, 'hex')));
const b64 = (values: string[]) => values.map((value) => Buffer.from(value, 'base64'));
const hex = (value: string) => Buffer.from(value, 'hex');

describe('the RFC 9162 Merkle tree, against published known answers', () => {
  it('computes the root of every tree size', () => {
    rootsBySize.forEach((root, size) =>
      expect(rootHash(leaves.slice(0, size)).toString('hex'), `size ${size}`).toBe(root),
    );
  });

  it('produces and verifies the published inclusion proofs', () => {
    const cases = [
      {
        index: 0,
        size: 8,
        proof: b64([
          'lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=',
          'Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=',
          'a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=',
        ]),
      },
      { index: 2, size: 3, proof: b64(['+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=']) },
    ];
    for (const { index, size, proof } of cases) {
      expect(inclusionProof(leaves, index, size)).toEqual(proof);
      expect(verifyInclusion(leaves[index]!, index, size, proof, hex(rootsBySize[size]!))).toBe(true);
      expect(verifyInclusion(leaves[index]!, index + 1, size, proof, hex(rootsBySize[size]!))).toBe(false);
    }
  });

  it('produces and verifies the published consistency proofs', () => {
    const cases = [
      {
        first: 1,
        second: 8,
        proof: b64([
          'lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=',
          'Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=',
          'a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=',
        ]),
      },
      {
        first: 6,
        second: 8,
        proof: b64([
          'DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=',
          'yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=',
          '037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=',
        ]),
      },
      {
        first: 2,
        second: 5,
        proof: b64([
          'Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=',
          'vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=',
        ]),
      },
      { first: 1, second: 1, proof: [] },
    ];
    for (const { first, second, proof } of cases) {
      expect(consistencyProof(leaves, first, second)).toEqual(proof);
      const [firstRoot, secondRoot] = [hex(rootsBySize[first]!), hex(rootsBySize[second]!)];
      expect(verifyConsistency(first, second, proof, firstRoot, secondRoot)).toBe(true);
      if (first !== second) {
        expect(verifyConsistency(first, second, proof, hex(rootsBySize[first - 1]!), secondRoot)).toBe(false);
      }
    }
  });
});

describe('the Merkle tree, on random trees', () => {
  const tree = fc
    .array(fc.uint8Array({ maxLength: 16 }), { minLength: 1, maxLength: 70 })
    .map((inputs) => inputs.map((input) => leafHash(input)));
  const flip = (hash: Hash): Hash => {
    const changed = Buffer.from(hash);
    changed[0] = changed[0]! ^ 1;
    return changed;
  };

  it('verifies every inclusion proof, and none for an altered leaf', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), (hashes, a, b) => {
        const size = (a % hashes.length) + 1;
        const index = b % size;
        const root = rootHash(hashes.slice(0, size));
        const proof = inclusionProof(hashes, index, size);
        expect(verifyInclusion(hashes[index]!, index, size, proof, root)).toBe(true);
        expect(verifyInclusion(flip(hashes[index]!), index, size, proof, root)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('verifies every consistency proof, and none once an old leaf is rewritten', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.nat(), (hashes, a, b, c) => {
        const second = (a % hashes.length) + 1;
        const first = (b % second) + 1;
        const proof = consistencyProof(hashes, first, second);
        const firstRoot = rootHash(hashes.slice(0, first));
        expect(verifyConsistency(first, second, proof, firstRoot, rootHash(hashes.slice(0, second)))).toBe(
          true,
        );
        const rewritten = [...hashes];
        const victim = c % first;
        rewritten[victim] = flip(rewritten[victim]!);
        const forgedProof = consistencyProof(rewritten, first, second);
        expect(
          verifyConsistency(first, second, forgedProof, firstRoot, rootHash(rewritten.slice(0, second))),
        ).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
