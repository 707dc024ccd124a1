import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DialectName } from '../db/dialect';
import type { JobRow } from '../db/schema';
import type { RetryPolicy } from './rules';
import { claimDueJobs, completeJob, failJob, releaseJob, type Executor, type JobKinds } from './store';

/** What a job of one kind does. It must be idempotent: run twice, it has the effect of once. */
export type JobHandler = (payload: unknown, job: { id: string; attempt: number }) => Promise<void>;

export interface JobWorkerOptions {
  db: Executor;
  dialect: DialectName;
  handlers: Readonly<Record<string, JobHandler>>;
  logger: Logger;
  now: () => Date;
  /** How often an idle worker looks for due jobs (retries, jobs enqueued by other instances). */
  pollIntervalMs?: number;
  /** How long a claimed job is this worker's; after that another instance may take it over. */
  leaseMs?: number;
  batchSize?: number;
  retryPolicy?: RetryPolicy;
  /** Hears of every failed attempt (metrics count them by kind). */
  onAttemptFailed?: (kind: string) => void;
  /** The kinds this worker claims; every kind when not given. */
  kinds?: JobKinds;
}

export interface JobWorker {
  /** Starts polling; `wake` makes it look at once (called after a transaction that enqueued work commits). */
  start(): void;
  wake(): void;
  /** Runs every job that is due now, until none is left; for tests and for a final drain. */
  drain(): Promise<number>;
  /** Stops polling and waits for the job in hand. */
  stop(): Promise<void>;
  /** When the worker last looked for due jobs (ms since the epoch); undefined while stopped (/readyz). */
  heartbeat(): number | undefined;
}

export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const workerId = randomUUID();
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 10;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let wakeAgain = false;
  let stopped = true;
  let lastLooked: number | undefined;

  async function runOne(job: JobRow): Promise<void> {
    const handler = options.handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for jobs of kind "${job.kind}"`);
      await handler(JSON.parse(job.payload) as unknown, { id: job.id, attempt: job.attempts });
      await completeJob(options.db, job, options.now());
    } catch (error) {
      options.logger.warn({ err: error, job: job.id, kind: job.kind, attempt: job.attempts }, 'job failed');
      options.onAttemptFailed?.(job.kind);
      await failJob(options.db, job, error, options.now(), options.retryPolicy);
    }
  }

  async function runDueBatches(): Promise<number> {
    let done = 0;
    // A stopping worker finishes the job in hand and claims no more; the rest wait in the database.
    while (!stopped) {
      const now = options.now();
      const jobs = await claimDueJobs(options.db, options.dialect, {
        workerId,
        now,
        leaseUntil: new Date(now.getTime() + leaseMs),
        limit: batchSize,
        ...(options.kinds ? { kinds: options.kinds } : {}),
      });
      lastLooked = Date.now();
      if (jobs.length === 0) return done;
      for (const job of jobs) {
        // Claimed but not started: handed back at once rather than left until the lease runs out.
        if (stopped) await releaseJob(options.db, job);
        else await runOne(job);
      }
      done += jobs.length;
    }
    return done;
  }

  /** One pass at a time per instance; a wake during a pass asks for another pass right after it. */
  function pass(): Promise<number> {
    if (running) {
      wakeAgain = true;
      return running;
    }
    running = runDueBatches()
      .catch((error: unknown) => {
        // The database may be away for a moment; the next poll tries again.
        options.logger.warn({ err: error }, 'job worker could not claim jobs');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (wakeAgain && !stopped) {
          wakeAgain = false;
          void pass();
        }
      });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void pass().finally(schedule);
    }, pollIntervalMs);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      lastLooked = Date.now();
      schedule();
      void pass();
    },
    wake() {
      if (!stopped) void pass();
    },
    async drain() {
      let total = 0;
      for (;;) {
        if (running) await running;
        const done = await pass();
        total += done;
        if (done === 0 && !running) return total;
      }
    },
    heartbeat: () => (stopped ? undefined : lastLooked),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** Several workers (lanes of different kinds) started, woken, drained and stopped as one. */
export function combineJobWorkers(workers: readonly JobWorker[]): JobWorker {
  return {
    start: () => workers.forEach((worker) => worker.start()),
    wake: () => workers.forEach((worker) => worker.wake()),
    async drain() {
      let total = 0;
      // A job of one lane may enqueue one of another: drain until every lane is empty at once.
      for (;;) {
        const done = (await Promise.all(workers.map((worker) => worker.drain()))).reduce((a, b) => a + b, 0);
        total += done;
        if (done === 0) return total;
      }
    },
    async stop() {
      await Promise.all(workers.map((worker) => worker.stop()));
    },
    // Ready only while every lane is: the oldest of their last looks, none if one has stopped.
    heartbeat() {
      const looks = workers.map((worker) => worker.heartbeat());
      return looks.some((look) => look === undefined) ? undefined : Math.min(...(looks as number[]));
    },
  };
}
