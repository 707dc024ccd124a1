import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { keysWarning, writeBackup } from '../features/operations/backup';

/**
 * npm run backup [-- --to <folder>]
 * Writes one consistent, dated backup of the configured instance (as the server is configured: DATABASE_URL
 * or SQLITE_PATH, DATA_DIR, KEYS_DIR) into <folder> (BACKUP_DIR, else ./backups): the database, the
 * uploaded files and a manifest in one folder, and the signing keys in a file of their own beside it.
 * Runs beside the running instances; exits 0 when written, 2 when it could not.
 */
const { values } = parseArgs({ options: { to: { type: 'string' } } });
const destination = values.to ?? process.env['BACKUP_DIR'] ?? './backups';
const started = performance.now();
try {
  const { folder, keysFile, manifest } = await writeBackup(loadConfig(process.env), destination);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `Backup written in ${seconds} s: ${folder}\n` +
      `  database: ${manifest.database}, log of ${manifest.checkpoint?.size ?? 0} entries, ` +
      `${manifest.evidenceFiles} uploaded files\n` +
      `Signing keys written SEPARATELY to ${keysFile} (mode 0600).\n` +
      `WARNING: ${keysWarning}\n`,
  );
} catch (error) {
  process.stderr.write(`Could not write the backup: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
