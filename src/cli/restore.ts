import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { restoreBackup, RestoreRefused } from '../features/operations/restore';

/**
 * npm run restore -- <backup folder> [--keys <name>.keys.json] [--force]
 * Brings a backup written by `npm run backup` into this instance (configured as the server is), which must
 * be empty unless --force. Refuses (exit 3) a backup whose transparency log is older than the checkpoint
 * the log already published, whatever the flags. Exits 0 when restored, 2 when it could not run. Start the
 * app afterwards; then `npm run log:verify` and `npm run verify` check what came back.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { keys: { type: 'string' }, force: { type: 'boolean', default: false } },
});
const folder = positionals[0];
if (!folder) {
  process.stderr.write('Usage: npm run restore -- <backup folder> [--keys <file>.keys.json] [--force]\n');
  process.exit(2);
}
const started = performance.now();
try {
  const { manifest, evidenceFiles } = await restoreBackup(loadConfig(process.env), folder, {
    ...(values.keys ? { keysFile: values.keys } : {}),
    force: values.force,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `Restored ${folder} in ${seconds} s: ${manifest.database} database of ${manifest.createdAt}, ` +
      `log of ${manifest.checkpoint?.size ?? 0} entries, ${evidenceFiles} uploaded files.\n` +
      'Start the app, then check: npm run log:verify, and npm run verify -- <credential.jwt>.\n',
  );
} catch (error) {
  const refused = error instanceof RestoreRefused;
  process.stderr.write(`${refused ? 'Restore refused' : 'Could not restore'}: ${(error as Error).message}\n`);
  process.exitCode = refused ? 3 : 2;
}
