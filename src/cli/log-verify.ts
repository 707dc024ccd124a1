import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { auditLog } from '../features/transparency/log-audit';
import { parseSignerKey } from '../features/transparency/note';
import { openDatabase } from '../platform/db/database';

/**
 * npm run log:verify
 * Checks the whole transparency log in the configured database (SQLITE_PATH / DATABASE_URL, as the server
 * is configured) against its tiles and its newest signed checkpoint (key from KEYS_DIR): every entry is
 * re-hashed, every tile rebuilt and compared. The start-up check reads only the right edge; this reads all.
 * Prints progress and a verdict; exits 0 when everything matches, 1 on any difference, 2 if it cannot run.
 */
const config = loadConfig(process.env);
const keyFile = join(config.keysDir, 'transparency-log.key');
if (!existsSync(keyFile)) {
  process.stderr.write(`No log key at ${keyFile}: set DATA_DIR or KEYS_DIR as for the server.\n`);
  process.exit(2);
}
const signer = parseSignerKey(readFileSync(keyFile, 'utf8'));
const database = openDatabase(config.database);
const started = performance.now();
try {
  const audit = await auditLog({
    db: database.db,
    signer,
    onProgress: (entries) => process.stdout.write(`… ${entries} entries checked\n`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${audit.entries} entries re-hashed and their tiles compared in ${seconds} s; newest checkpoint: ` +
      `${audit.checkpoint ? `size ${audit.checkpoint.size}` : 'none'}\n`,
  );
  for (const problem of audit.problems) process.stdout.write(`MISMATCH ${problem}\n`);
  process.stdout.write(
    audit.ok
      ? 'Verdict: the log, its tiles and its signed checkpoint agree.\n'
      : 'Verdict: the stored log was changed behind the app.\n',
  );
  process.exitCode = audit.ok ? 0 : 1;
} catch (error) {
  process.stderr.write(`Could not check the log: ${(error as Error).message}\n`);
  process.exitCode = 2;
} finally {
  await database.close();
}
