import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../platform/db/schema';
import { finishedJobsKeptMs } from '../platform/jobs/rules';
import { forgetFinishedJobs } from '../platform/jobs/store';
import type { RateLimitCounters } from '../platform/web/rate-limit-counters';

/** A sweep of one feature; each is safe to run on several instances at once (conditional updates). */
interface Sweep {
  name: string;
  run(): Promise<unknown>;
}

/**
 * The work every instance does on a timer: expiry and reminders, retention, the evidence re-checks, the
 * search index's tidying and finished jobs every `intervalSeconds` (0: never), one after the other, a
 * failure logged and the next run anyway; and expired rate-limit counters every minute. The log needs no
 * sweep: an entry that could not be appended is a job retried with backoff. Returns what stops them.
 */
export function startSweeps(deps: {
  intervalSeconds: number;
  sweeps: Sweep[];
  db: Kysely<Database>;
  rateLimitCounters: RateLimitCounters;
  logger: Logger;
  now: () => Date;
}): () => void {
  const { logger } = deps;
  const all: Sweep[] = [
    ...deps.sweeps,
    {
      name: 'finished jobs',
      run: () => forgetFinishedJobs(deps.db, new Date(deps.now().getTime() - finishedJobsKeptMs)),
    },
  ];
  const sweep = async () => {
    for (const { name, run } of all) {
      await run().catch((error: unknown) => logger.error({ err: error }, `${name} sweep failed`));
    }
  };
  const sweepTimer =
    deps.intervalSeconds > 0 ? setInterval(() => void sweep(), deps.intervalSeconds * 1000) : undefined;
  sweepTimer?.unref();
  // Rate-limit windows last a minute (the API's) to an hour: their expired rows go every minute, so a client
  // inventing addresses fills the table with at most a minute of them, whatever the sweep's interval.
  const countersTimer = setInterval(() => {
    deps.rateLimitCounters
      .forgetExpired()
      .catch((error: unknown) => logger.warn({ err: error }, 'expired rate limit counters were kept'));
  }, 60_000);
  countersTimer.unref();
  return () => {
    if (sweepTimer) clearInterval(sweepTimer);
    clearInterval(countersTimer);
  };
}
