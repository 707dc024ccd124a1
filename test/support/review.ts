import { expect } from 'vitest';
import type { Criterion } from '../../src/features/criteria/rules';
import { completeAll, createProduct, sampleProduct, startApplication } from './applications';
import { companyWithOwner, signedInUser } from './flows';
import type { HttpClient } from './http';
import type { TestServer } from './server';

/** The review form with every criterion accepted. */
export function acceptAll(criteria: readonly Criterion[], recommendation: string): Record<string, string> {
  const form: Record<string, string> = { intent: 'submit', recommendation, rationale: `${recommendation}.` };
  for (const criterion of criteria) {
    form[`verdict-${criterion.id}`] = 'accepted';
    form[`comment-${criterion.id}`] = '';
  }
  return form;
}

/** Two reviewers (made once per server) who take every application by load. */
export async function reviewerPair(server: TestServer): Promise<HttpClient[]> {
  const pair: HttpClient[] = [];
  for (let index = 0; index < 2; index++) pair.push((await signedInUser(server, 'reviewer')).client);
  return pair;
}

/** A product taken through self-assessment and submission; returns the product and application ids. */
export async function submittedProduct(
  server: TestServer,
  owner: HttpClient,
  slug: string,
  fields: Partial<typeof sampleProduct>,
) {
  const criteria = (await server.running.services.criteriaPublications.current()).criteria;
  const productId = await createProduct(owner, slug, { ...sampleProduct, ...fields });
  const applicationId = await startApplication(owner, slug, productId);
  await completeAll(owner, applicationId, criteria);
  expect((await owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
  return { productId, applicationId };
}

/** Both reviewers recommend `outcome` and the second records it; returns the decision's response status. */
export async function decideAs(
  server: TestServer,
  reviewers: HttpClient[],
  applicationId: string,
  outcome: 'certify' | 'not-certify',
): Promise<void> {
  const criteria = (await server.running.services.criteriaPublications.current()).criteria;
  const workspace = `/en/review/applications/${applicationId}`;
  for (const reviewer of reviewers) {
    expect((await reviewer.post(workspace, acceptAll(criteria, outcome))).status).toBe(303);
  }
  const decided = await reviewers[reviewers.length - 1]!.post(`${workspace}/decide`, {
    outcome,
    decisionRationale: `Decided: ${outcome}.`,
  });
  expect(decided.status).toBe(303);
  // Publication and mail follow as jobs; the worker has run them once the queue is drained.
  await server.running.jobs.drain();
}

/** The id of the certification a certified application published. */
export async function certificationOf(server: TestServer, applicationId: string): Promise<string> {
  const row = await server.running.services.database.db
    .selectFrom('certification')
    .select('id')
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Like decideAs, with whichever of the given reviewers were assigned to the application by load. */
export async function decideAsAssigned(
  server: TestServer,
  reviewers: readonly { client: HttpClient; id: string }[],
  applicationId: string,
  outcome: 'certify' | 'not-certify',
): Promise<Set<string>> {
  const assigned = new Set(
    (await server.running.services.review.assignments(applicationId)).map((row) => row.reviewerId),
  );
  await decideAs(
    server,
    reviewers.filter((reviewer) => assigned.has(reviewer.id)).map((reviewer) => reviewer.client),
    applicationId,
    outcome,
  );
  return assigned;
}

/**
 * A company, made through the forms, with one product certified by `reviewers` (the server's only
 * reviewers, so they are the ones assigned) and published; the owner's client, user and the ids.
 */
export async function certifiedCompany(
  server: TestServer,
  reviewers: HttpClient[],
  slug: string,
  fields: Partial<typeof sampleProduct> = {},
) {
  const { owner, user } = await companyWithOwner(server, slug);
  const { productId, applicationId } = await submittedProduct(server, owner, slug, {
    name: `${slug} Lamp`,
    modelNumbers: `${slug.toUpperCase()}-1`,
    ...fields,
  });
  await decideAs(server, reviewers, applicationId, 'certify');
  const certificationId = await certificationOf(server, applicationId);
  return { owner, user, productId, applicationId, certificationId };
}
