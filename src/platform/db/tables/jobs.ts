/** The job queue (outbox) the worker runs. Part of the `Database` of schema.ts. */
import type { Generated } from 'kysely';

/** A unit of follow-up work, written in the transaction of the change that needs it (see platform/jobs). */
export interface JobTable {
  id: string;
  kind: string;
  /** JSON; each kind's handler validates its own payload. */
  payload: string;
  dedupe_key: string | null;
  status: string;
  attempts: Generated<number>;
  max_attempts: number;
  run_after: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}
