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
   * the thread ends, cannot start or is paused after a failure (the caller then reads on its own connection).
   */
  read(queries: readonly CompiledQuery[]): Promise<unknown[][]>;
  /** Whether the thread has been started (by the first read). */
  readonly started: boolean;
  /** How many reads the thread has answered (the tests' proof that reads go there). */
  readonly answered: number;
  /** Ends the thread after closing its connection; reads after it reject. */
  stop(): Promise<void>;
}

export interface SqliteReaderOptions {
  /** Told when the thread fails or ends unasked (the server logs it); reads fall back meanwhile. */
  onFailure?: (message: string) => void;
  /** How long reads are refused after the thread failed, before another is started (default 30 s). */
  pauseAfterFailureMs?: number;
  /**
   * The thread's heap. A page of 50 rows can hold 50 published records of up to some 1.4 MB each (35
   * answers of 20,000 characters), and the rows exist twice while they are sent: 256 MB holds that. Little of
   * it is used: the heap grows only as far as a read needs.
   */
  maxOldGenerationSizeMb?: number;
}

/**
 * Reads from a SQLite file on a thread beside the event loop. node:sqlite is synchronous: a search that
 * spends a millisecond in the full-text index holds every other request for it. On a thread with its own
 * connection (WAL lets it read while the serving connection writes) the two cores share the work of a
 * busy instance: the statements there, HTTP and rendering on the event loop. Started by the first read,
 * so an instance that is never searched does not pay for the thread (some 11-13 MB resident).
 */
export function createSqliteReader(path: string, options: SqliteReaderOptions = {}): SqliteReader {
  const pauseAfterFailureMs = options.pauseAfterFailureMs ?? 30_000;
  let current: { thread: Worker; pending: Map<number, Pending>; ended: Promise<void> } | undefined;
  let stopped = false;
  let pausedUntil = 0;
  let nextId = 0;
  let answered = 0;
  const start = () => {
    const thread = new Worker(program, {
      eval: true,
      workerData: { path },
      resourceLimits: {
        maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? 256,
        maxYoungGenerationSizeMb: 4,
        codeRangeSizeMb: 4,
      },
    });
    // Each thread answers only what was sent to it: a late end of one never refuses its successor's reads.
    const pending = new Map<number, Pending>();
    const failAll = (error: Error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    thread.on('message', (message: { id: number; results?: unknown[][]; error?: string }) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      // Stopping, the thread holds the process until it has closed its connection (see stop).
      if (pending.size === 0 && !stopped) thread.unref();
      if (!message.results) return waiting?.reject(new Error(message.error ?? 'the reader thread failed'));
      answered++;
      waiting?.resolve(message.results);
    });
    // A thread that fails (out of memory, say) ends: what waited on it is refused and read elsewhere, and
    // no other is started for a while, so that a read that kills every thread does not start one per search.
    const failed = (error: Error) => {
      failAll(error);
      if (current?.thread !== thread) return;
      current = undefined;
      if (stopped) return;
      pausedUntil = Date.now() + pauseAfterFailureMs;
      options.onFailure?.(error.message);
    };
    thread.on('error', failed);
    const ended = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    void ended.then(() => failed(new Error('the reader thread ended')));
    // A process with nothing else to do may end without it; it is held only while reads are in flight.
    thread.unref();
    return { thread, pending, ended };
  };
  return {
    get started() {
      return current !== undefined;
    },
    get answered() {
      return answered;
    },
    read(queries) {
      if (stopped) return Promise.reject(new Error('the reader has stopped'));
      if (!current && Date.now() < pausedUntil)
        return Promise.reject(new Error('the reader thread failed a moment ago'));
      current ??= start();
      const { thread, pending } = current;
      if (pending.size === 0) thread.ref();
      const id = nextId++;
      const message = {
        id,
        queries: queries.map((query) => ({ sql: query.sql, parameters: query.parameters })),
      };
      const result = new Promise<unknown[][]>((resolve, reject) => pending.set(id, { resolve, reject }));
      thread.postMessage(message);
      return result;
    },
    async stop() {
      stopped = true;
      if (!current) return;
      const { thread, ended } = current;
      // Held by the thread again until it has closed its connection, or the process would end first.
      thread.ref();
      thread.postMessage('stop');
      await ended;
      current = undefined;
    },
  };
}
