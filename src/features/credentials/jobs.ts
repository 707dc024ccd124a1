import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs/queue';
import type { JobHandler } from '../../platform/jobs/worker';
import type { CredentialService } from './service';

/** Signs a new certification's Open Badges credential. */
export const issueCredentialJob = 'credential.issue';

const credentialPayload = z.object({ certificationId: z.string() });

/**
 * Enqueued in the transaction that issues the certification, keyed by it, so a certification gets one
 * credential job however often the code that issues it runs.
 */
export function enqueueCredentialIssue(
  jobs: Pick<JobQueue, 'enqueue'>,
  trx: Kysely<Database>,
  certificationId: string,
): Promise<void> {
  return jobs.enqueue(trx, {
    kind: issueCredentialJob,
    payload: { certificationId },
    dedupeKey: `credential:${certificationId}`,
  });
}

/**
 * The credential's job. Idempotent: the credential is stored under its certification's key, so a second run
 * finds it and signs nothing. Suspensions and revocations need no job: the status lists are built from the
 * certifications' stored status.
 */
export function credentialJobHandlers(
  credentials: Pick<CredentialService, 'issueFor'>,
): Record<string, JobHandler> {
  return {
    [issueCredentialJob]: (payload) => credentials.issueFor(credentialPayload.parse(payload).certificationId),
  };
}
