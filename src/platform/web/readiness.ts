import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';

export interface ReadinessReport {
  ready: boolean;
  /** The first reason this instance should not be sent requests, in words an operator acts on. */
  reason?: string;
  database: 'reachable' | 'unreachable';
  jobWorker: 'running' | 'stalled' | 'stopped';
  signingKeys: 'readable' | 'unreadable';
  shuttingDown?: true;
}

export interface Readiness {
  check(): Promise<ReadinessReport>;
  /** From now on the instance reports not ready (it is shutting down). */
  stopping(): void;
}

/**
 * What /readyz reports: ready when the database answers, the job worker has looked for work within its
 * allowance (a worker that stopped looking leaves mail and publications undone while requests succeed),
 * the signing keys are still readable where the next start will look for them, and the instance is not
 * shutting down. The keys in use were read at start; a missing file would stop the next start.
 */
export function createReadiness(options: {
  databaseReachable(): Promise<boolean>;
  /** When the worker last looked for jobs (ms since the epoch); undefined while it is stopped. */
  workerHeartbeat(): number | undefined;
  /** How old the heartbeat may be: a claim that takes longer than a job's lease is a stuck worker. */
  workerAllowanceMs: number;
  keyFiles: readonly string[];
}): Readiness {
  let shuttingDown = false;
  const keysReadable = async () => {
    for (const file of options.keyFiles) {
      try {
        await access(file, constants.R_OK);
      } catch {
        return basename(file);
      }
    }
    return undefined;
  };
  return {
    stopping() {
      shuttingDown = true;
    },
    async check() {
      const [reachable, unreadableKey] = await Promise.all([options.databaseReachable(), keysReadable()]);
      const heartbeat = options.workerHeartbeat();
      const jobWorker =
        heartbeat === undefined
          ? 'stopped'
          : Date.now() - heartbeat > options.workerAllowanceMs
            ? 'stalled'
            : 'running';
      const report: ReadinessReport = {
        ready: false,
        database: reachable ? 'reachable' : 'unreachable',
        jobWorker,
        signingKeys: unreadableKey ? 'unreadable' : 'readable',
      };
      if (shuttingDown) return { ...report, shuttingDown: true, reason: 'shutting down' };
      if (!reachable) return { ...report, reason: 'the database is unreachable' };
      if (jobWorker !== 'running')
        return { ...report, reason: `the job worker has ${jobWorker === 'stalled' ? 'stalled' : 'stopped'}` };
      if (unreadableKey) return { ...report, reason: `the signing key file ${unreadableKey} cannot be read` };
      return { ...report, ready: true };
    },
  };
}
