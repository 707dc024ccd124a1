import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { decideAccess, type Principal } from '../../platform/auth/access';
import { createAuditLog } from '../../platform/audit/store';
import type { ReleaseFiles } from '../../platform/storage/cleanup';

export interface ContentDependencies {
  jobs: { transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> };
  releaseFiles: ReleaseFiles;
  now: () => Date;
}

export type NotFound = { kind: 'not-found' };
export const notFound: NotFound = { kind: 'not-found' };

/**
 * Ends a change with `result` and nothing of it written. Thrown where a statement the database refused
 * (a unique constraint) decides the answer: on PostgreSQL such a refusal spoils the whole transaction, so
 * it must be rolled back rather than committed.
 */
export class ChangeRefused<Result extends { kind: string }> extends Error {
  constructor(readonly result: Result) {
    super(`change refused: ${result.kind}`);
  }
}

/** What a change to the program's content does inside its transaction. */
export interface ContentWork {
  trx: Kysely<Database>;
  now: Date;
  /** Puts the change on the audit record, with the admin who made it. */
  record(action: string, subjectId: string, details?: Record<string, unknown>): Promise<void>;
}

/**
 * Runs one change to the program's content (news posts, partners) as one transaction: the admin's access,
 * the change's rows and its audit entry commit together or not at all. Pictures a change let go of
 * (`released`) are removed once it has committed: a stored file is not a row, and one left behind by a
 * crash is only unused.
 */
export async function contentChange<Result extends { kind: string }>(
  deps: ContentDependencies,
  actor: Principal,
  work: (change: ContentWork) => Promise<{ result: Result | NotFound; released?: (string | null)[] }>,
): Promise<Result | NotFound> {
  const outcome = await deps.jobs
    .transaction(async (trx) => {
      if (!decideAccess('admin', actor).allowed) return { result: notFound };
      const now = deps.now();
      const audit = createAuditLog(trx);
      return work({
        trx,
        now,
        record: (action, subjectId, details = {}) =>
          audit.append({ actorId: actor.userId, action, subjectId, details }, now),
      });
    })
    .catch((error: unknown): { result: Result; released?: (string | null)[] } => {
      if (error instanceof ChangeRefused) return { result: error.result as Result };
      throw error;
    });
  if (outcome.released?.length) await deps.releaseFiles(outcome.released);
  return outcome.result;
}

/** A picture as stored: its key in file storage and its media type; null removes the picture. */
export type StoredPicture = { key: string; type: string } | null;
