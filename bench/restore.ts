/**
 * npm run bench:restore — what a backup and a restore cost at scale: BENCH_CERTIFICATIONS (default 100,000)
 * certified products and as many log entries are seeded, then `npm run backup`'s and `npm run restore`'s
 * work is timed (writeBackup, a wipe, restoreBackup), and the first start on the restored data (which checks
 * the log against the published checkpoint) and the full log check of `npm run log:verify`. SQLite, or the
 * PostgreSQL database in DATABASE_URL (whose tables are replaced).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { writeBackup } from '../src/features/operations/backup';
import { restoreBackup } from '../src/features/operations/restore';
import { auditLog } from '../src/features/transparency/log-audit';
import { parseSignerKey } from '../src/features/transparency/note';
import { openDatabase } from '../src/platform/db/database';
import { startServer } from '../src/server';
import { report } from './report';
import { seedCertifications } from './seed';
import { seedLog } from './seed-log';

const count = Number(process.env['BENCH_CERTIFICATIONS'] ?? '100000');
const folder = mkdtempSync(join(tmpdir(), 'trustmark-bench-restore-'));
const config = loadConfig({
  ...process.env,
  DATA_DIR: join(folder, 'data'),
  SQLITE_PATH: join(folder, 'data', 'trustmark.sqlite'),
  SEED_DEMO_DATA: 'false',
  SWEEP_INTERVAL_SECONDS: '0',
  LOG_LEVEL: 'warn',
});
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function wipe(): Promise<void> {
  if (config.database.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.database.path}${suffix}`, { force: true });
    return;
  }
  const client = new pg.Client({ connectionString: config.database.url });
  await client.connect();
  await client.query('drop schema public cascade; create schema public');
  await client.end();
}

try {
  if (config.database.kind === 'postgres') await wipe();
  let started = performance.now();
  const seeding = await startServer(config);
  await seedCertifications(seeding.services, count);
  await seedLog(seeding.services, count, 0);
  // Seeded rows have no credential yet; the app signs one for each at start. Signed now, so the backup
  // holds them as a real instance's would and the start after the restore is an ordinary one.
  await seeding.services.credentials.sync();
  await seeding.close();
  report(
    `${config.database.kind}: ${count} certifications and ${count} log entries seeded in ${seconds(started)} s`,
  );

  started = performance.now();
  const { folder: backup, manifest } = await writeBackup(config, join(folder, 'backups'));
  const backupSeconds = seconds(started);
  await wipe();
  started = performance.now();
  await restoreBackup(config, backup);
  const restoreSeconds = seconds(started);
  started = performance.now();
  const restored = await startServer(config);
  const startSeconds = seconds(started);
  await restored.close();
  started = performance.now();
  const database = openDatabase(config.database);
  const signer = parseSignerKey(readFileSync(join(config.keysDir, 'transparency-log.key'), 'utf8'));
  const audit = await auditLog({ db: database.db, signer });
  const certifications = await database.db
    .selectFrom('certification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await database.close();
  report(
    `  backup ${backupSeconds} s (log of ${manifest.checkpoint?.size} entries); restore ${restoreSeconds} s; ` +
      `first start on it ${startSeconds} s; npm run log:verify ${seconds(started)} s ` +
      `(${audit.ok ? 'agrees' : 'MISMATCH'}); ${Number(certifications.n)} certifications back`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
