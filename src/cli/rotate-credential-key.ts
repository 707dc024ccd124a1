import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { keyringFileName, rotateKeyring } from '../features/credentials/keyring';

/**
 * npm run rotate-credential-key
 * Adds a new credential signing key to the keyring in the configured keys directory (KEYS_DIR, by
 * default DATA_DIR/keys). New credentials are signed with it after the next restart; the old keys stay
 * published, so credentials signed before keep verifying.
 */
try {
  const { keysDir } = loadConfig(process.env);
  const thumbprint = await rotateKeyring(keysDir);
  process.stdout.write(
    `Added signing key ${thumbprint} to ${join(keysDir, keyringFileName)}. Restart the server to sign with it.\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
