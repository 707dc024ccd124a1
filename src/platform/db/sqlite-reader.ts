import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';

/**
 * The reader thread's program, plain JavaScript run as CommonJS (as the checkpoint worker's: the bundled
 * server needs no second entry point). A connection of its own to the file, kept from writing
 * (`query_only`); each request's statements run in one read transaction, so they see one state of the
 * database, and come back as rows. Statements stay prepared by their text, the oldest dropped first.
 */
const program = `
const { DatabaseSync } = require('node:sqlite');
const { parentPort, workerData } = require('node:worker_threads');
const database = new DatabaseSync(workerData.path);
database.exec('PRAGMA busy_timeout = 5000; PRAGMA query_only = 1;');
const statements = new Map();
const prepared = (text) => {
  let statement = statements.get(text);
  if (!statement) {
    statement = database.prepare(text);
    statements.set(text, statement);
    if (statements.size > 100) statements.delete(statements.keys().next().value);
  }
  return statement;
};
parentPort.on('message', (message) => {
  if (message === 'stop') {
    database.close();
    parentPort.close();
    return;
  }
  let results;
  try {
    database.exec('BEGIN');
    try {
      results = message.queries.map((query) => prepared(query.sql).all(...query.parameters));
    } finally {
      database.exec('COMMIT');
    }
  } catch (error) {
    // Should COMMIT itself have failed, the transaction would stay open and refuse every later BEGIN.
    if (database.isTransaction) database.exec('ROLLBACK');
    parentPort.postMessage({ id: message.id, error: String(error && error.message ? error.message : error) });
    return;
  }
  parentPort.postMessage({ id: message.id, results });
});
`;

interface Pending {
  resolve: (results: unknown[][]) => void;
  reject: (error: Error) => void;
}

export interface SqliteReader {
  /**
   * Runs the queries (selects) in one read transaction on the reader thread and returns each one's rows.
   * It sees every transaction committed before it was called; it rejects on a failed query, and when
   * the thread ends or cannot start (the caller may then read on its own connection).
   */
  read(queries: readonly CompiledQuery[]): Promise<unknown[][]>;
  /** Whether the thread has been started (by the first read). */
  readonly started: boolean;
  /** Ends the thread after closing its connection; reads after it reject. */
  stop(): Promise<void>;
}

/**
 * Reads from a SQLite file on a thread beside the event loop. node:sqlite is synchronous: a search that
 * spends a millisecond in the full-text index holds every other request for it. On a thread with its own
 * connection (WAL lets it read while the serving connection writes) the two cores share the work of a
 * busy instance: the statements there, HTTP and rendering on the event loop. Started by the first read,
 * so an instance that is never searched does not pay for the thread (some 6-9 MB resident).
 */
export function createSqliteReader(path: string): SqliteReader {
  let worker: Worker | undefined;
  let ended: Promise<void> | undefined;
  let stopped = false;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const thread = new Worker(program, {
      eval: true,
      workerData: { path },
      // It holds one request's rows at a time: a small heap keeps its memory to what that needs.
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4, codeRangeSizeMb: 4 },
    });
    thread.on('message', (message: { id: number; results?: unknown[][]; error?: string }) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (pending.size === 0) thread.unref();
      if (message.results) waiting?.resolve(message.results);
      else waiting?.reject(new Error(message.error ?? 'the reader thread failed'));
    });
    // A thread that fails (out of memory, say) ends: what waited on it is refused, the next read starts
    // another.
    thread.on('error', (error) => failAll(error));
    thread.once('exit', () => {
      if (worker === thread) worker = undefined;
      failAll(new Error('the reader thread ended'));
    });
    // A process with nothing else to do may end without it; it is held only while reads are in flight.
    thread.unref();
    ended = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    return thread;
  };
  return {
    get started() {
      return worker !== undefined;
    },
    read(queries) {
      if (stopped) return Promise.reject(new Error('the reader has stopped'));
      worker ??= start();
      if (pending.size === 0) worker.ref();
      const id = nextId++;
      const message = {
        id,
        queries: queries.map((query) => ({ sql: query.sql, parameters: query.parameters })),
      };
      const result = new Promise<unknown[][]>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage(message);
      return result;
    },
    async stop() {
      stopped = true;
      if (!worker) return;
      // Held by the thread again until it has closed its connection, or the process would end first.
      worker.ref();
      worker.postMessage('stop');
      await ended;
    },
  };
}
