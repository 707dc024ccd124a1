import { retentionCutoff } from './rules';
import { createApplicationRepository, type ApplicationRepository } from '../applications';
import { createAuditLog } from '../../platform/audit/store';
import type { JobQueue } from '../../platform/jobs/queue';
import type { ReleaseFiles } from '../../platform/storage/cleanup';

export interface RetentionDependencies {
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
      return { deleted };
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
