import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSignerKey, signerKeyFor, type NoteSigner } from './note';

/**
 * The log's signing key lives outside the database, so whoever can change the database still cannot
 * sign a checkpoint for a rewritten history. It is generated on first start (mode 0600) in the keys
 * directory, or supplied there by the operator; the key's name is the log's origin line.
 */
/** The log's signing key in KEYS_DIR (also checked by /readyz). */
export const logKeyFileName = 'transparency-log.key';

export function loadOrCreateLogSigner(keysDirectory: string, origin: string): NoteSigner {
  const path = join(keysDirectory, logKeyFileName);
  if (existsSync(path)) return parseSignerKey(readFileSync(path, 'utf8'));
  mkdirSync(keysDirectory, { recursive: true, mode: 0o700 });
  const key = signerKeyFor(origin, randomBytes(32));
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return parseSignerKey(key);
}

/** "trustmark.example/log": the host of the public address, as C2SP origin lines are written. */
export function logOriginFor(baseUrl: string): string {
  return `${new URL(baseUrl).host}/log`;
}
