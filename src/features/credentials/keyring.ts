import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { z } from 'zod';

/**
 * The credential signing keys. Like the log's key they live outside the database (a file of mode 0600
 * in the keys directory, generated on first start or supplied by the operator). Rotation adds a key and
 * signs with it from then on; earlier keys stay in the file so their public halves stay published and
 * the credentials they signed keep verifying.
 */
export const keyringFileName = 'credential-keys.json';

const StoredKey = z.object({
  createdAt: z.string(),
  privateKey: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), d: z.string() }),
});
const StoredKeyring = z.object({ keys: z.array(StoredKey).min(1, 'the keyring holds no key') });

export interface SigningKey {
  /** RFC 7638 thumbprint of the public key; with the issuer's DID in front it is the published key id. */
  thumbprint: string;
  createdAt: string;
  publicJwk: JWK;
  privateKey: KeyObject;
}

export interface Keyring {
  /** The key new credentials are signed with (the newest). */
  active: SigningKey;
  /** Every key ever used, oldest first: all of them stay published. */
  all: readonly SigningKey[];
}

function newStoredKey(now: Date): z.infer<typeof StoredKey> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return StoredKey.parse({ createdAt: now.toISOString(), privateKey: jwk });
}

function write(path: string, keyring: z.infer<typeof StoredKeyring>): void {
  // Written beside and renamed over, so a crash never leaves half a keyring.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(keyring, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

function read(path: string): z.infer<typeof StoredKeyring> {
  const parsed = StoredKeyring.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(`${path} is not a credential keyring: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

async function toSigningKey(stored: z.infer<typeof StoredKey>): Promise<SigningKey> {
  const { kty, crv, x } = stored.privateKey;
  const publicJwk: JWK = { kty, crv, x };
  return {
    thumbprint: await calculateJwkThumbprint(publicJwk),
    createdAt: stored.createdAt,
    publicJwk,
    privateKey: createPrivateKey({ key: stored.privateKey, format: 'jwk' }),
  };
}

export async function loadOrCreateKeyring(keysDirectory: string, now = new Date()): Promise<Keyring> {
  const path = join(keysDirectory, keyringFileName);
  if (!existsSync(path)) {
    mkdirSync(keysDirectory, { recursive: true, mode: 0o700 });
    write(path, { keys: [newStoredKey(now)] });
  }
  const all = await Promise.all(read(path).keys.map(toSigningKey));
  return { all, active: all[all.length - 1] as SigningKey };
}

/** Adds a new signing key; returns its thumbprint. Running servers pick it up when they restart. */
export async function rotateKeyring(keysDirectory: string, now = new Date()): Promise<string> {
  const path = join(keysDirectory, keyringFileName);
  const stored = existsSync(path) ? read(path) : { keys: [] };
  const added = newStoredKey(now);
  write(path, { keys: [...stored.keys, added] });
  return (await toSigningKey(added)).thumbprint;
}
