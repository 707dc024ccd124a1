import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs/queue';
import { securityTxtUrlOf } from './security-txt-rules';
import { createEvidenceStore } from './store';

/** Fetches one evidence link and records what it found. */
export const checkLinkJob = 'evidence.check-link';
/** Fetches the security.txt of a product's web origin and records the parser's reading. */
export const checkSecurityTxtJob = 'evidence.check-security-txt';
/** Fetches a link pinned at certification and compares it with what was reviewed. */
export const recheckPinJob = 'evidence.recheck';

/**
 * Every kind above: they fetch sites the companies chose, which may hold each fetch for its whole time
 * limit, so they run in a lane of their own and never stand in front of mail and publication.
 */
export const evidenceJobKinds: readonly string[] = [checkLinkJob, checkSecurityTxtJob, recheckPinJob];

export const linkPayload = z.object({ linkId: z.string() });
export const securityTxtPayload = z.object({ url: z.string() });
export const pinPayload = z.object({ pinId: z.string() });

/**
 * Enqueues, in the transaction that submits an application (or starts a new round), a check of each
 * evidence link and of the product's security.txt: reviewers find the results beside the links instead of
 * opening each by hand. Keyed by link and round, so a round checks each link once.
 */
export async function enqueueEvidenceChecks(
  jobs: Pick<JobQueue, 'enqueue'>,
  trx: Kysely<Database>,
  applicationId: string,
): Promise<void> {
  const application = await trx
    .selectFrom('application')
    .innerJoin('product', 'product.id', 'application.product_id')
    .select(['application.round', 'product.web_page_url'])
    .where('application.id', '=', applicationId)
    .executeTakeFirst();
  if (!application) return;
  for (const link of await createEvidenceStore(trx).linksOf(applicationId)) {
    await jobs.enqueue(trx, {
      kind: checkLinkJob,
      payload: { linkId: link.id },
      dedupeKey: `evidence-check:${link.id}:${application.round}`,
      // A link that cannot be fetched is an outcome, not a failure; retries are for our own trouble.
      maxAttempts: 3,
    });
  }
  const securityTxt = securityTxtUrlOf(application.web_page_url);
  if (securityTxt) {
    await jobs.enqueue(trx, {
      kind: checkSecurityTxtJob,
      payload: { url: securityTxt },
      dedupeKey: `security-txt:${applicationId}:${application.round}`,
      maxAttempts: 3,
    });
  }
}

/**
 * Pins the certified application's links as reviewed, in the transaction that issues the certification, so
 * that the published record keeps each link's hash and check time from the review.
 */
export async function pinEvidence(
  trx: Kysely<Database>,
  certificationId: string,
  applicationId: string,
  now: Date,
): Promise<void> {
  await createEvidenceStore(trx).pinLinks(certificationId, applicationId, now);
}
