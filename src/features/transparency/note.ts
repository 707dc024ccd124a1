import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed notes with Ed25519 (https://c2sp.org/signed-note), the format Go's sumdb and the
 * tlog-checkpoint specification use: the text, a blank line, then one line per signature,
 * "— <name> <base64(key hash ‖ signature)>". Keys are written as in Go's golang.org/x/mod/sumdb/note:
 * "PRIVATE+KEY+<name>+<hash>+<base64(0x01 ‖ seed)>" and "<name>+<hash>+<base64(0x01 ‖ public key)>".
 */
const ed25519Type = 0x01;
// DER prefixes that turn a raw 32-byte Ed25519 seed or public key into PKCS#8 / SPKI for node:crypto.
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteSigner {
  name: string;
  keyHash: Buffer;
  privateKey: KeyObject;
  /** The verifier key string others use to check this signer's notes. */
  verifierKey: string;
}

export interface NoteVerifier {
  name: string;
  keyHash: Buffer;
  publicKey: KeyObject;
}

function keyHashOf(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(`${name}\n`)
    .update(Buffer.from([ed25519Type]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

function validName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** Reads "PRIVATE+KEY+name+hash+base64"; throws on anything malformed or inconsistent. */
export function parseSignerKey(text: string): NoteSigner {
  const parts = text.trim().split('+');
  // The base64 part may itself contain '+', so everything after the fourth '+' belongs to it.
  if (parts.length < 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new Error('not a signer key');
  const [, , name = '', hash = '', ...rest] = parts;
  const key = Buffer.from(rest.join('+'), 'base64');
  if (!validName(name) || key.length !== 33 || key[0] !== ed25519Type)
    throw new Error('not an Ed25519 signer key');
  const privateKey = createPrivateKey({
    key: Buffer.concat([pkcs8Prefix, key.subarray(1)]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey)
    .export({ format: 'der', type: 'spki' })
    .subarray(spkiPrefix.length);
  const keyHash = keyHashOf(name, publicKey);
  if (keyHash.toString('hex') !== hash) throw new Error('signer key hash does not match its key');
  return {
    name,
    keyHash,
    privateKey,
    verifierKey: `${name}+${hash}+${Buffer.concat([Buffer.from([ed25519Type]), publicKey]).toString('base64')}`,
  };
}

/** The signer key string for a fresh seed (32 random bytes) and name. */
export function signerKeyFor(name: string, seed: Buffer): string {
  if (!validName(name) || seed.length !== 32)
    throw new Error('a signer needs a name without spaces or + and a 32-byte seed');
  const privateKey = createPrivateKey({
    key: Buffer.concat([pkcs8Prefix, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey)
    .export({ format: 'der', type: 'spki' })
    .subarray(spkiPrefix.length);
  const hash = keyHashOf(name, publicKey).toString('hex');
  return `PRIVATE+KEY+${name}+${hash}+${Buffer.concat([Buffer.from([ed25519Type]), seed]).toString('base64')}`;
}

/** Reads "name+hash+base64"; throws on anything malformed or inconsistent. */
export function parseVerifierKey(text: string): NoteVerifier {
  const parts = text.trim().split('+');
  if (parts.length < 3) throw new Error('not a verifier key');
  const [name = '', hash = '', ...rest] = parts;
  const key = Buffer.from(rest.join('+'), 'base64');
  if (!validName(name) || key.length !== 33 || key[0] !== ed25519Type)
    throw new Error('not an Ed25519 verifier key');
  const keyHash = keyHashOf(name, key.subarray(1));
  if (keyHash.toString('hex') !== hash) throw new Error('verifier key hash does not match its key');
  const publicKey = createPublicKey({
    key: Buffer.concat([spkiPrefix, key.subarray(1)]),
    format: 'der',
    type: 'spki',
  });
  return { name, keyHash, publicKey };
}

/** Signs `text` (which must end with a newline) and returns the whole note. */
export function signNote(text: string, signer: NoteSigner): string {
  if (!text.endsWith('\n')) throw new Error('a note text ends with a newline');
  const signature = sign(null, Buffer.from(text), signer.privateKey);
  return `${text}\n— ${signer.name} ${Buffer.concat([signer.keyHash, signature]).toString('base64')}\n`;
}

/** The note's text if `verifier` signed it; throws with the reason otherwise. */
export function openNote(note: string, verifier: NoteVerifier): string {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('malformed note');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  for (const line of lines) {
    const [, name, signature] = /^— (\S+) (\S+)$/u.exec(line) ?? [];
    if (!name || !signature) throw new Error('malformed signature line');
    if (name !== verifier.name) continue;
    const blob = Buffer.from(signature, 'base64');
    if (blob.length !== 68 || !blob.subarray(0, 4).equals(verifier.keyHash)) continue;
    if (verify(null, Buffer.from(text), verifier.publicKey, blob.subarray(4))) return text;
    throw new Error('invalid signature');
  }
  throw new Error(`no signature by ${verifier.name}`);
}
