/**
 * Pure rules of the job queue: when a failed job is tried again and when it is given up.
 * A job is claimed with a lease; a worker that dies mid-job loses the lease and another takes the job over.
 */
export const jobStatuses = ['pending', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface RetryPolicy {
  /** Delay before the second attempt; each later attempt waits twice as long as the one before. */
  firstDelayMs: number;
  /** No wait grows beyond this. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { firstDelayMs: 5_000, maxDelayMs: 60 * 60_000 };

/** Mail to an unreachable server is worth trying for about a day; the admin can retry after that. */
export const defaultMaxAttempts = 20;

/** Done jobs stay visible to admins this long, then the sweep forgets them. */
export const finishedJobsKeptMs = 7 * 24 * 60 * 60_000;

/** How long to wait after the `attempts`-th failed attempt (1-based) before the next one. */
export function retryDelayMs(attempts: number, policy: RetryPolicy = defaultRetryPolicy): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(exponent, 30));
}

/** After a failure: wait and try again, or give up once the job has had all its attempts. */
export function afterFailure(
  attempts: number,
  maxAttempts: number,
  now: Date,
  policy: RetryPolicy = defaultRetryPolicy,
): { status: 'pending'; runAfter: Date } | { status: 'failed' } {
  if (attempts >= maxAttempts) return { status: 'failed' };
  return { status: 'pending', runAfter: new Date(now.getTime() + retryDelayMs(attempts, policy)) };
}

/** Error text kept for admins: the message, never an unbounded dump. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
