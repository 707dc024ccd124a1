import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  credentialStates,
  encodeStatusList,
  entriesPerList,
  listBytes,
  positionOf,
  readStatus,
  type CredentialState,
} from '../../src/features/credentials/status-list';

const bitsOf = (encoded: string) => gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));

describe('the Bitstring Status List', () => {
  it('reads the specification’s example list (16 KB, all zeros) as all valid', () => {
    // The encodedList of the W3C Bitstring Status List v1.0 examples.
    const example = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';
    expect(bitsOf(example)).toHaveLength(listBytes);
    expect(readStatus(example, 0)).toBe('valid');
    expect(readStatus(example, entriesPerList - 1)).toBe('valid');
  });

  it('is at least the specification’s 16 KB and puts entry 0 in the first byte’s highest bits', () => {
    expect(bitsOf(encodeStatusList(new Map()))).toHaveLength(16 * 1024);
    expect(entriesPerList).toBe(65_536);
    expect(bitsOf(encodeStatusList(new Map([[0, 'revoked']])))[0]).toBe(0b1000_0000);
    expect(bitsOf(encodeStatusList(new Map([[0, 'suspended']])))[0]).toBe(0b0100_0000);
    expect(bitsOf(encodeStatusList(new Map([[3, 'revoked']])))[0]).toBe(0b0000_0010);
    expect(bitsOf(encodeStatusList(new Map([[4, 'suspended']])))[1]).toBe(0b0100_0000);
  });

  it('reads back every state it wrote, and valid everywhere else', () => {
    const state = fc.constantFrom<CredentialState>(...credentialStates);
    fc.assert(
      fc.property(
        fc.dictionary(fc.integer({ min: 0, max: entriesPerList - 1 }).map(String), state, { maxKeys: 40 }),
        fc.integer({ min: 0, max: entriesPerList - 1 }),
        (written, probe) => {
          const states = new Map(Object.entries(written).map(([index, value]) => [Number(index), value]));
          const encoded = encodeStatusList(states);
          for (const [index, value] of states) expect(readStatus(encoded, index)).toBe(value);
          expect(readStatus(encoded, probe)).toBe(states.get(probe) ?? 'valid');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('places running numbers list by list', () => {
    expect(positionOf(0)).toEqual({ list: 0, index: 0 });
    expect(positionOf(entriesPerList - 1)).toEqual({ list: 0, index: entriesPerList - 1 });
    expect(positionOf(entriesPerList + 5)).toEqual({ list: 1, index: 5 });
  });

  it('refuses what is not a status list, and indexes outside it, in words', () => {
    expect(() => readStatus('H4sI', 0)).toThrow(/no "u" prefix/);
    expect(() => readStatus('uAAAA', 0)).toThrow(/not GZIP/);
    expect(() => readStatus(encodeStatusList(new Map()), entriesPerList)).toThrow(/outside the list/);
    expect(() => encodeStatusList(new Map([[-1, 'revoked']]))).toThrow(/outside the list/);
  });
});
