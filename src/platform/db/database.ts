import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { NodeSqliteDialect } from '@better-auth/kysely-adapter/node-sqlite-dialect';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config';
import type { DialectName } from './dialect';
import type { Database } from './schema';
import { createSqliteReader, type SqliteReader } from './sqlite-reader';
import {
  fallbackCheckpointPages,
  startBackgroundCheckpoints,
  type BackgroundCheckpoints,
} from './sqlite-checkpoints';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** True when a trivial query succeeds; used by /readyz. */
  isReachable(): Promise<boolean>;
  /**
   * A SQLite file's reader thread (sqlite-reader.ts), for reads that hold the event loop long enough to
   * matter (the registry search); absent on PostgreSQL, whose queries never hold it, and in memory.
   */
  reader?: SqliteReader;
  /** PostgreSQL's connection pool in use (for /metrics); absent on SQLite, which has none. */
  poolUse?: () => { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/**
 * Opens the database named by the configuration. `onConnectionError` hears about connections that
 * break (a PostgreSQL restart, say); without a listener they would crash the process. With
 * `backgroundCheckpoints` (the server), a SQLite file's write-ahead log is checkpointed from a worker
 * thread instead of at a commit on the event loop (sqlite-checkpoints.ts), and its failures reported there.
 */
export function openDatabase(
  settings: Config['database'],
  onConnectionError: (error: Error) => void = () => {},
  options: {
    backgroundCheckpoints?: (failure: string) => void;
    /** Told when the reader thread fails (sqlite-reader.ts); reads go to the serving connection meanwhile. */
    readerFailure?: (failure: string) => void;
  } = {},
): DatabaseHandle {
  let pool: pg.Pool | undefined;
  let db: Kysely<Database>;
  let checkpoints: BackgroundCheckpoints | undefined;
  let reader: SqliteReader | undefined;
  if (settings.kind === 'postgres') {
    pool = openPostgresPool(settings.url, onConnectionError);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const database = openSqliteFile(settings.path);
    if (options.backgroundCheckpoints && settings.path !== ':memory:') {
      database.exec(`PRAGMA wal_autocheckpoint = ${fallbackCheckpointPages}`);
      checkpoints = startBackgroundCheckpoints(settings.path, options.backgroundCheckpoints);
    }
    db = new Kysely<Database>({ dialect: new NodeSqliteDialect({ database }) });
    if (settings.path !== ':memory:')
      reader = createSqliteReader(settings.path, { onFailure: options.readerFailure });
  }

  return {
    db,
    dialect: settings.kind,
    async isReachable() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    ...(pool && { poolUse: poolUseOf(pool) }),
    ...(reader && { reader }),
    async close() {
      await reader?.stop();
      // The workers' connections first, so the last one to close (ours) checkpoints and removes the log.
      await checkpoints?.stop();
      await db.destroy();
    },
  };
}

function poolUseOf(pool: pg.Pool) {
  return () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
}

function openPostgresPool(url: string, onConnectionError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Fail fast while the database is down so requests get a 503 instead of hanging.
    connectionTimeoutMillis: 3000,
  });
  // A connection can also break while a request holds it (between the queries of a transaction);
  // pg then emits 'error' on that client, where the pool listens no longer, and an event without a
  // listener would end the process. The query at hand fails on its own and the request answers 503.
  pool.on('connect', (client) => client.on('error', onConnectionError));
  // Idle connections report through the pool too; the listener above has already heard the error.
  pool.on('error', () => {});
  return pool;
}

function openSqliteFile(path: string): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new DatabaseSync(path);
  // WAL lets readers proceed during a write; the busy timeout makes concurrent writers wait instead of failing.
  database.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
  );
  return reusingStatements(database);
}

/** How many distinct statements stay prepared: the app issues a few hundred different ones at most. */
export const preparedStatementLimit = 500;

/**
 * The Kysely dialect prepares every query anew, and preparing cost more than running the short queries
 * of a page. Statements are kept by their SQL text (the values are bound separately) and reused,
 * least recently used dropped first; SQLite re-prepares a kept statement by itself after a schema change.
 */
function reusingStatements(database: DatabaseSync): DatabaseSync {
  const statements = new Map<string, StatementSync>();
  const prepare = database.prepare.bind(database);
  database.prepare = (text: string, options?: Parameters<DatabaseSync['prepare']>[1]) => {
    if (options) return prepare(text, options);
    const kept = statements.get(text);
    if (kept) {
      statements.delete(text);
      statements.set(text, kept);
      return kept;
    }
    const statement = prepare(text);
    statements.set(text, statement);
    if (statements.size > preparedStatementLimit) statements.delete(statements.keys().next().value ?? '');
    return statement;
  };
  return database;
}
