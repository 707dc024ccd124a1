import { retentionCutoff } from './rules';
import type { ApplicationRepository } from '../applications';
import type { AuditLog } from '../../platform/audit/store';
import type { ReleaseFiles } from '../../platform/storage/cleanup';

export interface RetentionDependencies {
  applications: ApplicationRepository;
  releaseFiles: ReleaseFiles;
  audit: AuditLog;
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
        const storageKeys = await deps.applications.deleteIfDue(application.id, cutoff);
        if (!storageKeys) continue;
        deleted += 1;
        await deps.audit.append(
          {
            actorId: null,
            action: 'application-deleted',
            applicationId: application.id,
            details: { status: application.status, retentionDays: deps.retentionDays },
          },
          now,
        );
        await deps.releaseFiles(storageKeys);
      }
      return { deleted };
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
