import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * W3C Bitstring Status List v1.0 with two bits per credential ("message" purpose, statusSize 2), so one
 * entry says valid, suspended or revoked: a suspension can be lifted, a revocation cannot, and both
 * need to be told apart by a verifier holding only the credential.
 */
export const statusSize = 2;

/** The specification's minimum list length (16 KB) keeps any one credential's index in a crowd. */
export const listBytes = 16 * 1024;
export const entriesPerList = (listBytes * 8) / statusSize;
/** Running numbers are stored as 32-bit integers, which bounds the number of lists. */
export const listCount = Math.floor(2 ** 31 / entriesPerList);

export const credentialStates = ['valid', 'suspended', 'revoked'] as const;
export type CredentialState = (typeof credentialStates)[number];

/**
 * The statusMessage of a credential's status entry: one message for each of the 2^statusSize values,
 * as the specification requires (§2.1), written as hex strings. Two bits hold four values and there are
 * three states, so 0x3 is listed as unassigned: this program never writes it, and its verifier reports
 * it as an unknown status, never as valid.
 */
export const statusMessages = [...credentialStates, 'unassigned'].map((message, value) => ({
  status: `0x${value.toString(16)}`,
  message,
}));

export interface StatusPosition {
  list: number;
  index: number;
}

/** Which list, and which entry in it, a credential's running number lands on. */
export function positionOf(sequence: number): StatusPosition {
  return { list: Math.floor(sequence / entriesPerList), index: sequence % entriesPerList };
}

/** The encodedList value: multibase base64url ("u" prefix, no padding) of the GZIP-compressed bits. */
export function encodeStatusList(states: ReadonlyMap<number, CredentialState>): string {
  const bits = Buffer.alloc(listBytes);
  for (const [index, state] of states) {
    if (!Number.isInteger(index) || index < 0 || index >= entriesPerList)
      throw new RangeError(`status index ${index} is outside the list`);
    const value = credentialStates.indexOf(state);
    for (let bit = 0; bit < statusSize; bit++) {
      // The first bit of an entry is its most significant; bit 0 of the list is the first byte's high bit.
      if ((value >> (statusSize - 1 - bit)) & 1) {
        const position = index * statusSize + bit;
        bits[position >> 3] = (bits[position >> 3] ?? 0) | (0x80 >> (position & 7));
      }
    }
  }
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** Reads one entry back; throws a plain-language error for anything that is not such a list. */
export function readStatus(encodedList: string, index: number): CredentialState | `unknown status ${number}` {
  if (!encodedList.startsWith('u'))
    throw new Error('the status list is not base64url multibase (no "u" prefix)');
  let bits: Buffer;
  try {
    bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  } catch {
    throw new Error('the status list is not GZIP-compressed data');
  }
  if ((index + 1) * statusSize > bits.length * 8)
    throw new Error(`status index ${index} is outside the list`);
  let value = 0;
  for (let bit = 0; bit < statusSize; bit++) {
    const position = index * statusSize + bit;
    value = (value << 1) | (((bits[position >> 3] ?? 0) >> (7 - (position & 7))) & 1);
  }
  return credentialStates[value] ?? `unknown status ${value}`;
}
