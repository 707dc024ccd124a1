import { createAuditLog } from '../../platform/audit/store';
import { countJobs, listOpenJobs, retryFailedJob } from '../../platform/jobs/store';
import type { AppServices } from '../../app/services';

type Services = Pick<AppServices, 'database' | 'jobs' | 'now'>;

export async function jobsOverview(services: Services) {
  const { db } = services.database;
  const [counts, open] = await Promise.all([countJobs(db), listOpenJobs(db, 200)]);
  return { counts, open };
}

/** An admin tries a failed job again; the retry and its audit entry are one change. */
export function retryJob(
  services: Services,
  adminId: string,
  jobId: string,
): Promise<'retried' | 'not-failed' | 'not-found'> {
  return services.jobs.transaction(async (trx) => {
    if (!(await retryFailedJob(trx, jobId, services.now()))) {
      const known = await trx.selectFrom('job').select('id').where('id', '=', jobId).executeTakeFirst();
      return known ? 'not-failed' : 'not-found';
    }
    await createAuditLog(trx).append(
      { actorId: adminId, action: 'job-retried', subjectId: jobId },
      services.now(),
    );
    return 'retried';
  });
}
