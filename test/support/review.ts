import { expect } from 'vitest';
import type { Criterion } from '../../src/features/criteria/rules';
import { answer, completedDraft, type sampleProduct } from './applications';
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
  const { productId, applicationId } = await completedDraft(server, owner, slug, fields);
  expect((await owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
  // Reviewers are assigned by a job that follows the submission.
  await server.running.jobs.drain();
  return { productId, applicationId };
}

/** Both reviewers recommend `outcome` and the second records it; returns the decision's response status. */
export async function decideAs(
  server: TestServer,
  reviewers: HttpClient[],
  applicationId: string,
  outcome: 'certify' | 'not-certify',
): Promise<void> {
  // Reviewers are assigned by a job that follows the submission.
  await server.running.jobs.drain();
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
  await server.running.jobs.drain();
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
 * A submitted application that the reviewers it was assigned (of `reviewers`) take to `outcome`: "not
 * certified", or a request for changes with every answer accepted.
 */
export async function reviewedTo(
  server: TestServer,
  reviewers: readonly { client: HttpClient; id: string }[],
  applicationId: string,
  outcome: 'not-certify' | 'request-changes',
): Promise<void> {
  // Reviewers are assigned by a job that follows the submission.
  await server.running.jobs.drain();
  const criteria = (await server.running.services.criteriaPublications.current()).criteria;
  const assigned = new Set(
    (await server.running.services.review.assignments(applicationId)).map((row) => row.reviewerId),
  );
  const clients = reviewers
    .filter((reviewer) => assigned.has(reviewer.id))
    .map((reviewer) => reviewer.client);
  expect(clients.length).toBeGreaterThan(0);
  const workspace = `/en/review/applications/${applicationId}`;
  for (const client of clients) {
    expect((await client.post(workspace, acceptAll(criteria, outcome))).status).toBe(303);
  }
  const decided = await clients[clients.length - 1]!.post(`${workspace}/decide`, {
    outcome,
    decisionRationale: `Decided: ${outcome}.`,
  });
  expect(decided.status).toBe(303);
  await server.running.jobs.drain();
}

/** The review form with every criterion accepted, except those given. */
export function reviewFormWith(
  criteria: readonly Criterion[],
  intent: 'save' | 'submit',
  recommendation: string,
  rationale: string,
  exceptions: Record<string, { verdict: string; comment: string }> = {},
): Record<string, string> {
  const form: Record<string, string> = { intent, recommendation, rationale };
  for (const criterion of criteria) {
    const exception = exceptions[criterion.id];
    form[`verdict-${criterion.id}`] = exception?.verdict ?? 'accepted';
    form[`comment-${criterion.id}`] = exception?.comment ?? '';
  }
  return form;
}

/**
 * An application the given reviewers (those assigned by load) asked a question about: each recommends a
 * change, the first asks `question` on SEC-03, and the last records the request for changes.
 */
export async function changesRequested(
  server: TestServer,
  reviewers: readonly HttpClient[],
  applicationId: string,
  question: string,
): Promise<void> {
  const criteria = (await server.running.services.criteriaPublications.current()).criteria;
  const workspace = `/en/review/applications/${applicationId}`;
  const asking = { 'SEC-03': { verdict: 'needs-clarification', comment: question } };
  for (const [index, reviewer] of reviewers.entries()) {
    const form = reviewFormWith(criteria, 'submit', 'request-changes', 'Clarify.', index === 0 ? asking : {});
    expect((await reviewer.post(workspace, form)).status).toBe(303);
  }
  const decided = await reviewers[reviewers.length - 1]!.post(`${workspace}/decide`, {
    outcome: 'request-changes',
    decisionRationale: 'Please explain how data is protected in transit.',
  });
  expect(decided.status).toBe(303);
}

/** The company replies to the question on SEC-03, answers it anew and resubmits: round 2 begins. */
export async function resubmitted(
  server: TestServer,
  owner: HttpClient,
  applicationId: string,
): Promise<void> {
  const criteria = (await server.running.services.criteriaPublications.current()).criteria;
  const sec03 = criteria.find((criterion) => criterion.id === 'SEC-03')!;
  const reply = await owner.post(`/en/applications/${applicationId}/criteria/SEC-03/messages`, {
    body: 'TLS 1.3 everywhere, see the answer.',
  });
  expect(reply.status).toBe(303);
  const edited = await answer(owner, applicationId, sec03, 'met', 'All traffic uses TLS 1.3 with pinning.');
  expect(edited.status).toBe(303);
  expect((await owner.post(`/en/applications/${applicationId}/resubmit`, {})).status).toBe(303);
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
