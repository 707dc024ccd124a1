import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { retentionCutoff } from './rules';
import { createApplicationRepository, type ApplicationRepository } from '../applications';
import { createAuditLog } from '../../platform/audit/store';
import type { JobQueue } from '../../platform/jobs/queue';
import type { ReleaseFiles } from '../../platform/storage/cleanup';

export interface RetentionDependencies {
  db: Kysely<Database>;
  applications: ApplicationRepository;
  releaseFiles: ReleaseFiles;
  jobs: JobQueue;
  retentionDays: number;
  now: () => Date;
}

/**
 * Deletes unsuccessful applications once the retention period has passed, unless their company keeps
 * them: answers, evidence and stored files that nothing else uses. Safe on several instances at once,
 * since each deletion re-checks its conditions.
 */
export function createRetention(deps: RetentionDependencies) {
  return {
    async sweep(): Promise<{ deleted: number }> {
      const now = deps.now();
      const cutoff = retentionCutoff(now, deps.retentionDays);
      let deleted = 0;
      for (const application of await deps.applications.dueForDeletion(cutoff)) {
        // The deletion and its audit entry are one transaction; files go once it has committed.
        const storageKeys = await deps.jobs.transaction(async (trx) => {
          const keys = await createApplicationRepository(trx).deleteIfDue(application.id, cutoff);
          if (!keys) return undefined;
          await createAuditLog(trx).append(
            {
              actorId: null,
              action: 'application-deleted',
              applicationId: application.id,
              details: { status: application.status, retentionDays: deps.retentionDays },
            },
            now,
          );
          return keys;
        });
        if (!storageKeys) continue;
        deleted += 1;
        await deps.releaseFiles(storageKeys);
      }
      await forgetUnusedReviewerInvitations(deps.db, now);
      return { deleted };
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;

/** How long an expired reviewer invitation that nobody used is kept, for an admin wondering what became of it. */
export const unusedInvitationDays = 30;

/**
 * A reviewer invitation nobody used holds a person's name and address for nothing once it has expired:
 * it is deleted a month later (one that was used stays, as the account's origin, until the account goes).
 */
async function forgetUnusedReviewerInvitations(db: Kysely<Database>, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - unusedInvitationDays * 86_400_000).toISOString();
  await db
    .deleteFrom('reviewer_invitation')
    .where('used_at', 'is', null)
    .where('expires_at', '<', cutoff)
    .execute();
}
