import { stat } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** How often the background connection copies the write-ahead log into the database file. */
export const checkpointIntervalMs = 1000;

/**
 * The size (in pages of 4 KB) at which the serving connection checkpoints by itself (SQLite's default is
 * 1,000). The log starts over only after a checkpoint that found no commit arriving while it ran, which
 * under steady writes the worker rarely does: the log then grows to this size, and the serving connection's
 * checkpoint finds almost everything already copied and synced by the worker. Also the bound should the
 * worker stop.
 */
export const fallbackCheckpointPages = 10_000;

/**
 * The worker's program, plain JavaScript run as CommonJS (so the bundled server needs no second entry
 * point): a connection of its own to the file, a passive checkpoint on a timer — it neither waits for nor
 * blocks a writer — and the connection closed when asked, before the thread ends.
 */
const program = `
const { DatabaseSync } = require('node:sqlite');
const { parentPort, workerData } = require('node:worker_threads');
const database = new DatabaseSync(workerData.path);
database.exec('PRAGMA busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    database.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  database.close();
  parentPort.close();
});
`;

export interface BackgroundCheckpoints {
  /** Whether the worker has been started (the log reached `startAtPages`). */
  readonly started: boolean;
  /** Ends the watch, the timer and the worker's connection; resolves once the thread has ended. */
  stop(): Promise<void>;
}

/**
 * The log's size at which the worker starts: SQLite's own default for checkpointing at a commit. Below it
 * SQLite would not have checkpointed either, so an instance that is mostly read from (and the demo, whose
 * start-up writes some 620 pages) never pays for the thread: some 6-9 MB of resident memory, measured.
 */
export const backgroundStartPages = 1000;

/**
 * Checkpoints a SQLite database in WAL mode from a worker thread. node:sqlite is synchronous, so the
 * checkpoint SQLite runs by itself (at a commit that finds 1,000 pages in the log) stopped the event loop
 * for its writes and two fsyncs: measured under the autosave benchmark, one commit in ~150 took 5–80 ms
 * instead of 0.1 ms, and every request waiting behind it took as long (see `fallbackCheckpointPages`).
 * The worker is started once the log file has grown to `startAtPages` pages (looked at with one stat a
 * checkpoint interval); the file is not shrunk by a checkpoint, so once started it stays.
 */
export function startBackgroundCheckpoints(
  path: string,
  onError: (message: string) => void,
  options: { intervalMs?: number; startAtPages?: number } = {},
): BackgroundCheckpoints {
  const intervalMs = options.intervalMs ?? checkpointIntervalMs;
  const startAtBytes = (options.startAtPages ?? backgroundStartPages) * 4096;
  let worker: Worker | undefined;
  let ended: Promise<void> | undefined;
  let stopped = false;
  const startWorker = () => {
    const thread = new Worker(program, {
      eval: true,
      workerData: { path, intervalMs },
      // It allocates next to nothing: small heaps keep its memory to what a thread needs.
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1, codeRangeSizeMb: 2 },
    });
    thread.on('message', (message: { failed?: string }) => {
      if (message.failed) onError(message.failed);
    });
    thread.on('error', (error) => onError(String(error)));
    // A process with nothing else to do may end without waiting for the next checkpoint.
    thread.unref();
    ended = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    worker = thread;
  };
  const watch = setInterval(() => {
    stat(`${path}-wal`, (error, stats) => {
      if (error || stopped || worker || stats.size < startAtBytes) return;
      clearInterval(watch);
      startWorker();
    });
  }, intervalMs);
  watch.unref();
  return {
    get started() {
      return worker !== undefined;
    },
    async stop() {
      stopped = true;
      clearInterval(watch);
      if (!worker) return;
      // Held by the thread again until it has closed its connection, or the process would end first.
      worker.ref();
      worker.postMessage('stop');
      await ended;
    },
  };
}
