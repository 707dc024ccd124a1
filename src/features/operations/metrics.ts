import { Counter, Gauge, type Registry } from 'prom-client';
import type { DatabaseHandle } from '../../platform/db/database';
import { readOperationsSnapshot, type OperationsSnapshot } from './metrics-store';

/** Scrapes within this long share one reading of the database: several scrapers cost as much as one. */
const snapshotReuseMs = 5000;

const secondsSince = (iso: string | undefined, now: Date) =>
  iso ? Math.max(0, (now.getTime() - Date.parse(iso)) / 1000) : 0;

/**
 * The program's gauges, read from the database when Prometheus scrapes (a few aggregate queries, shared
 * by scrapes within five seconds), and the count of failed job attempts on this instance. The database
 * pool's use is PostgreSQL's; the embedded SQLite database has no pool, so those series are absent.
 */
export function registerOperationsMetrics(
  registry: Registry,
  options: { database: DatabaseHandle; now: () => Date },
) {
  let last: { at: number; snapshot: Promise<OperationsSnapshot> } | undefined;
  const snapshot = () => {
    if (!last || Date.now() - last.at > snapshotReuseMs) {
      const reading = readOperationsSnapshot(options.database.db, options.now());
      // A failed reading is not kept: the next scrape tries again.
      reading.catch(() => (last = undefined));
      last = { at: Date.now(), snapshot: reading };
    }
    return last.snapshot;
  };

  const gauge = (
    name: string,
    help: string,
    labelNames: string[],
    set: (gauge: Gauge, data: OperationsSnapshot, now: Date) => void,
  ) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const data = await snapshot();
        this.reset();
        set(this, data, options.now());
      },
    });

  gauge('trustmark_jobs', 'Jobs in the queue (outbox) by status.', ['status'], (metric, data) => {
    for (const [status, count] of Object.entries(data.jobs)) metric.set({ status }, count);
  });
  gauge(
    'trustmark_jobs_oldest_due_seconds',
    'How long the longest-waiting due job has waited (0 when none waits).',
    [],
    (metric, data, now) => metric.set(secondsSince(data.oldestDueJob, now)),
  );
  gauge(
    'trustmark_review_queue_applications',
    'Applications waiting for review, by status.',
    ['status'],
    (metric, data) => {
      metric.set({ status: 'submitted' }, 0);
      metric.set({ status: 'in-review' }, 0);
      for (const row of data.reviewQueue) metric.set({ status: row.status }, row.count);
    },
  );
  gauge(
    'trustmark_review_queue_oldest_seconds',
    'Age of the oldest submission still waiting for review (0 when none waits).',
    [],
    (metric, data, now) => metric.set(secondsSince(data.oldestInReviewQueue, now)),
  );
  gauge('trustmark_certifications', 'Certifications by stored status.', ['status'], (metric, data) => {
    for (const row of data.certifications) metric.set({ status: row.status }, row.count);
  });
  gauge('trustmark_log_entries', 'Entries in the transparency log.', [], (metric, data) =>
    metric.set(data.logEntries),
  );
  gauge('trustmark_log_checkpoint_size', 'Tree size of the last signed checkpoint.', [], (metric, data) =>
    metric.set(data.lastCheckpoint?.size ?? 0),
  );
  gauge(
    'trustmark_log_checkpoint_age_seconds',
    'Seconds since the last checkpoint was signed (0 before the first).',
    [],
    (metric, data, now) => metric.set(secondsSince(data.lastCheckpoint?.at, now)),
  );

  const pool = options.database.poolUse;
  if (pool) {
    new Gauge({
      name: 'trustmark_db_pool_connections',
      help: 'PostgreSQL connections of this instance: total (open), idle, and waiting (requests queued for one).',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const use = pool();
        this.set({ state: 'total' }, use.total);
        this.set({ state: 'idle' }, use.idle);
        this.set({ state: 'waiting' }, use.waiting);
      },
    });
  }

  const failedAttempts = new Counter({
    name: 'trustmark_job_attempts_failed_total',
    help: 'Job attempts that failed on this instance, by kind (each is retried until it gives up).',
    labelNames: ['kind'],
    registers: [registry],
  });
  return { jobAttemptFailed: (kind: string) => failedAttempts.inc({ kind }) };
}
