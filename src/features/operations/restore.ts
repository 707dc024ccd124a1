import { execFile } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Config } from '../../config';
import {
  forkRecoveryAdvice,
  logSignerIn,
  openCheckpoint,
  parseSignerKey,
  publishedCheckpointFileName,
  publishedCheckpointRecord,
} from '../transparency';
import { keyFileNames, pgToolConnection, type BackupManifest, type KeysBackup } from './backup';

const run = promisify(execFile);

/** A restore that must not go ahead; the message says why and what to do. Exit code 3 from the CLI. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export interface RestoreOptions {
  /** The keys file written with the backup; without it KEYS_DIR must already hold the keys. */
  keysFile?: string;
  /** Replace a database and keys that are not empty (never overrides the published-checkpoint check). */
  force?: boolean;
}

/** What the instance holds: a restore goes only into an empty one unless forced. */
async function databaseHoldsData(config: Config): Promise<boolean> {
  if (config.database.kind === 'sqlite') {
    if (!existsSync(config.database.path)) return false;
    const db = new DatabaseSync(config.database.path, { readOnly: true });
    try {
      const tables = db.prepare("select count(*) as n from sqlite_master where type = 'table'").get();
      return Number(tables?.['n'] ?? 0) > 0;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: config.database.url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema = 'public'",
    );
    return Number(result.rows[0]?.n ?? 0) > 0;
  } finally {
    await client.end();
  }
}

async function emptyDatabase(config: Config): Promise<void> {
  if (config.database.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.database.path}${suffix}`, { force: true });
    return;
  }
  const client = new pg.Client({ connectionString: config.database.url });
  await client.connect();
  try {
    await client.query('drop schema public cascade; create schema public');
  } finally {
    await client.end();
  }
}

/**
 * The backup's key files and where each goes, every one checked before any is written: only the files a
 * backup writes (a name such as "../../etc/cron.d/x" in an edited keys file would otherwise be written
 * wherever it points), and a different key already there is refused unless forced.
 */
function keysToRestore(config: Config, keys: KeysBackup | undefined, force: boolean): [string, string][] {
  const files = Object.entries(keys?.files ?? {});
  const foreign = files.find(([file]) => file !== 'auth-secret' && !keyFileNames.includes(file));
  if (foreign)
    throw new RestoreRefused(`The keys file names ${JSON.stringify(foreign[0])}, which no backup writes.`);
  const writes: [string, string][] = [];
  for (const [file, content] of files) {
    // The session secret lives in the data folder; the published record is merged, never lowered.
    if (file === publishedCheckpointFileName) continue;
    const path = file === 'auth-secret' ? join(config.dataDir, file) : join(config.keysDir, file);
    if (existsSync(path) && readFileSync(path, 'utf8') !== content && !force)
      throw new RestoreRefused(
        `${path} holds another key than the backup. The restored log and credentials verify only with the ` +
          'keys they were signed with: move that file away (it may be a newer key; keep it) or pass --force.',
      );
    writes.push([path, content]);
  }
  return writes;
}

/** Puts the checked key files into place (KEYS_DIR mode 0700, files 0600). */
function writeKeys(config: Config, writes: [string, string][]): void {
  mkdirSync(config.keysDir, { recursive: true, mode: 0o700 });
  for (const [path, content] of writes) {
    writeFileSync(path, content, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  if (!existsSync(join(config.keysDir, 'transparency-log.key')))
    throw new RestoreRefused(
      `No log key in ${config.keysDir}: pass the backup's keys file (--keys <name>.keys.json) or put the keys there.`,
    );
}

/**
 * The backup's log must reach the checkpoint this log already published (recorded beside the key, or in the
 * backup's keys file for a machine restored from nothing). Not even --force overrides this.
 */
function checkPublished(config: Config, manifest: BackupManifest, keys: KeysBackup | undefined): void {
  // Checked before any key is written: the backup's own log key when it brings one (a refused --force
  // restore would otherwise have replaced this instance's key already, and left it unable to start).
  mkdirSync(config.keysDir, { recursive: true, mode: 0o700 });
  const backupKey = keys?.files['transparency-log.key'];
  const signer = backupKey === undefined ? logSignerIn(config.keysDir) : parseSignerKey(backupKey);
  if (!signer) throw new RestoreRefused(`No log key in ${config.keysDir}.`);
  const record = publishedCheckpointRecord(config.keysDir, signer);
  const fromKeys = keys?.files[publishedCheckpointFileName];
  if (fromKeys) record.record(fromKeys);
  const published = record.read();
  const size = manifest.checkpoint?.size ?? 0;
  // A longer log is checked to extend the published one when the restored app starts (it reads the tiles).
  if (!published || size > published.size) return;
  const backupRoot = manifest.checkpoint ? openCheckpoint(manifest.checkpoint.note, signer).root : undefined;
  if (size === published.size && backupRoot?.equals(published.root)) return;
  throw new RestoreRefused(
    `This backup's transparency log ends at ${size} entries, but the log already published a checkpoint of ` +
      `${published.size} entries (${join(config.keysDir, publishedCheckpointFileName)}). Nothing was restored. ` +
      forkRecoveryAdvice,
  );
}

/** Brings the backup in `folder` into this (empty) instance; returns what was restored. */
export async function restoreBackup(
  config: Config,
  folder: string,
  options: RestoreOptions = {},
): Promise<{ manifest: BackupManifest; evidenceFiles: number }> {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== 'trustmark-backup/1')
    throw new RestoreRefused(`${folder} is not a Trustmark backup`);
  if (manifest.database !== config.database.kind)
    throw new RestoreRefused(
      `The backup is of a ${manifest.database} database; this instance is configured for ${config.database.kind}.`,
    );
  const keys = options.keysFile
    ? (JSON.parse(readFileSync(options.keysFile, 'utf8')) as KeysBackup)
    : undefined;
  if ((await databaseHoldsData(config)) && !options.force)
    throw new RestoreRefused(
      'The database is not empty: a restore goes into an empty instance (a new database, or an absent ' +
        'SQLite file). Pass --force to replace what it holds.',
    );
  // Nothing is written until every check passed, the published checkpoint's included.
  const keyWrites = keysToRestore(config, keys, options.force ?? false);
  checkPublished(config, manifest, keys);
  writeKeys(config, keyWrites);

  await emptyDatabase(config);
  if (config.database.kind === 'sqlite') {
    mkdirSync(dirname(config.database.path), { recursive: true });
    cpSync(join(folder, 'database.sqlite'), config.database.path);
  } else {
    const connection = pgToolConnection(config.database.url);
    await run(
      'pg_restore',
      [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        '--dbname',
        connection.url,
        join(folder, 'database.pgdump'),
      ],
      { env: connection.env },
    );
  }
  const evidence = join(folder, 'evidence');
  if (existsSync(evidence)) cpSync(evidence, join(config.dataDir, 'evidence'), { recursive: true });
  const evidenceFiles = existsSync(evidence)
    ? readdirSync(evidence, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length
    : 0;
  return { manifest, evidenceFiles };
}
