import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Config } from '../../config';
import { keyringFileName } from '../credentials';
import { publishedCheckpointFileName } from '../transparency';

const run = promisify(execFile);

/**
 * What `npm run backup` writes, and `npm run restore` reads (docs in README.md, "Backups"):
 *   <name>/manifest.json       what the backup holds: database kind, log size and checkpoint, file count
 *   <name>/database.sqlite     SQLite: a consistent copy (VACUUM INTO) — or —
 *   <name>/database.pgdump     PostgreSQL: pg_dump's custom format, from one snapshot
 *   <name>/evidence/…          the uploaded files (content-addressed; copied after the database's snapshot)
 *   <name>.keys.json           the signing keys, SEPARATELY (mode 0600), to be kept away from the rest
 * <name> is "trustmark-<UTC time>-log<size>": the log size tells which backup reaches a published checkpoint.
 */
export interface BackupManifest {
  format: 'trustmark-backup/1';
  createdAt: string;
  database: 'sqlite' | 'postgres';
  /** The newest signed checkpoint in the backed-up database (its note), and its size. */
  checkpoint: { size: number; note: string } | null;
  evidenceFiles: number;
  databaseSha256: string;
}

/** The keys file: every file of KEYS_DIR the app reads, and the warning an operator must see. */
export interface KeysBackup {
  warning: string;
  createdAt: string;
  files: Record<string, string>;
}

export const keysWarning =
  'These are the signing keys of the transparency log and the credentials. Whoever holds them can sign ' +
  "in the program's name. Keep this file apart from the database backup — in a password manager, a " +
  'secrets store or offline media — never on the same disk or bucket, and restore it only to KEYS_DIR ' +
  '(mode 0700, files 0600).';

/** The files of KEYS_DIR (and the development session secret) that a restored instance needs. */
export const keyFileNames = ['transparency-log.key', keyringFileName, publishedCheckpointFileName];

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

type Checkpoint = BackupManifest['checkpoint'];

/**
 * How pg_dump and pg_restore are pointed at the database: the URL without its password, which they read
 * from PGPASSWORD instead. On their command line it would show in `ps` to every user of the machine, and
 * in the message of a failed run ("Command failed: pg_dump … postgres://user:password@…") that the CLI
 * prints and a timer's journal keeps.
 */
export function pgToolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  if (!password) return { url, env: process.env };
  parsed.password = '';
  return { url: parsed.toString(), env: { ...process.env, PGPASSWORD: password } };
}

/** SQLite: VACUUM INTO copies one read transaction's view, however many instances write meanwhile. */
function backupSqlite(path: string, target: string): Checkpoint {
  const source = new DatabaseSync(path, { readOnly: true });
  try {
    source.exec('PRAGMA busy_timeout = 5000');
    source.exec(`VACUUM INTO '${target.replaceAll("'", "''")}'`);
  } finally {
    source.close();
  }
  const copy = new DatabaseSync(target, { readOnly: true });
  try {
    const row = copy.prepare('select size, note from log_checkpoint order by size desc limit 1').get();
    return row ? { size: Number(row['size']), note: String(row['note']) } : null;
  } finally {
    copy.close();
  }
}

/**
 * PostgreSQL: the checkpoint is read in a snapshot that pg_dump then dumps (--snapshot), so the manifest
 * names exactly the log in the dump even while instances keep signing.
 */
async function backupPostgres(url: string, target: string): Promise<Checkpoint> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id;
    const latest = await client.query<{ size: string | number; note: string }>(
      'select size, note from log_checkpoint order by size desc limit 1',
    );
    const connection = pgToolConnection(url);
    await run(
      'pg_dump',
      ['--format=custom', `--snapshot=${snapshot}`, '--no-owner', '--file', target, connection.url],
      { env: connection.env },
    );
    await client.query('commit');
    const row = latest.rows[0];
    return row ? { size: Number(row.size), note: row.note } : null;
  } finally {
    await client.end();
  }
}

function countFiles(folder: string): number {
  if (!existsSync(folder)) return 0;
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && !entry.name.endsWith('.partial'),
  ).length;
}

export function backupName(createdAt: Date, logSize: number): string {
  const time = createdAt
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `trustmark-${time}-log${logSize}`;
}

/** Writes one backup into `destination`; returns the paths written. */
export async function writeBackup(
  config: Config,
  destination: string,
  now = new Date(),
): Promise<{ folder: string; keysFile: string; manifest: BackupManifest }> {
  mkdirSync(destination, { recursive: true });
  const working = join(destination, `.partial-${process.pid}`);
  mkdirSync(working, { recursive: true, mode: 0o700 });
  const databaseFile = join(
    working,
    config.database.kind === 'sqlite' ? 'database.sqlite' : 'database.pgdump',
  );
  let checkpoint: Checkpoint;
  try {
    checkpoint =
      config.database.kind === 'sqlite'
        ? backupSqlite(config.database.path, databaseFile)
        : await backupPostgres(config.database.url, databaseFile);
  } catch (error) {
    // A half-written dump is no backup; it would only sit beside the real ones.
    rmSync(working, { recursive: true, force: true });
    throw error;
  }
  // The dump holds every account's address and password hash: readable by the owner alone, even once the
  // folder is copied somewhere with wider rights (pg_dump and VACUUM INTO follow the shell's umask).
  chmodSync(databaseFile, 0o600);
  // After the database's snapshot: every file it refers to was written before its row (files are put first).
  const evidence = join(config.dataDir, 'evidence');
  if (existsSync(evidence))
    cpSync(evidence, join(working, 'evidence'), {
      recursive: true,
      filter: (source) => !source.endsWith('.partial'),
    });
  const manifest: BackupManifest = {
    format: 'trustmark-backup/1',
    createdAt: now.toISOString(),
    database: config.database.kind,
    checkpoint,
    evidenceFiles: countFiles(join(working, 'evidence')),
    databaseSha256: sha256Of(databaseFile),
  };
  writeFileSync(join(working, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const name = backupName(now, checkpoint?.size ?? 0);
  const folder = join(destination, name);
  // Renamed only once complete: a folder with a backup's name is a whole backup.
  renameSync(working, folder);

  const keysFile = join(destination, `${name}.keys.json`);
  const keys: KeysBackup = { warning: keysWarning, createdAt: now.toISOString(), files: {} };
  for (const file of keyFileNames) {
    const path = join(config.keysDir, file);
    if (existsSync(path) && statSync(path).isFile()) keys.files[file] = readFileSync(path, 'utf8');
  }
  // Outside production the session secret lives in the data folder; without it sessions end (harmless).
  const secret = join(config.dataDir, 'auth-secret');
  if (!config.authSecret && existsSync(secret)) keys.files['auth-secret'] = readFileSync(secret, 'utf8');
  writeFileSync(keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(keysFile, 0o600);
  return { folder, keysFile, manifest };
}
