import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certificationOf, decideAsAssigned, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let admin: HttpClient;
type Reviewer = { client: HttpClient; id: string; user: { password: string } };
const everyone: Reviewer[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ client: admin } = await signedInUser(server, 'admin'));
  for (let index = 0; index < 4; index++) everyone.push(await signedInUser(server, 'reviewer'));
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** A certified product, with the reviewers who certified it and those who did not. */
async function certifiedProduct(slug: string, name: string) {
  const { owner } = await companyWithOwner(server, slug);
  const { applicationId } = await submittedProduct(server, owner, slug, { name });
  const assigned = await decideAsAssigned(server, everyone, applicationId, 'certify');
  const first = everyone.filter((reviewer) => assigned.has(reviewer.id));
  const fresh = everyone.filter((reviewer) => !assigned.has(reviewer.id));
  const certification = { id: await certificationOf(server, applicationId) };
  return { certificationId: certification.id, first, fresh };
}

/** A concern as the public raises it, already confirmed by its author. */
async function confirmedConcern(certificationId: string, email: string) {
  const { concerns } = server.running.services;
  const hash = createHash('sha256').update(`${certificationId}-${email}`).digest('hex');
  const id = await concerns.create(
    {
      certificationId,
      criterionId: 'SEC-02',
      message: 'The device still ships with the same default password on every unit.',
      email,
      locale: 'en',
      confirmationHash: hash,
    },
    new Date(),
  );
  await concerns.confirm(hash, new Date());
  return id;
}

async function openReReview(concernId: string) {
  const opened = await admin.post(`/en/admin/concerns/${concernId}/re-review`, {});
  expect(opened.status).toBe(303);
  const reReview = await server.running.services.reReviews.forConcern(concernId);
  expect(reReview).toBeDefined();
  return reReview!.id;
}

describe('re-reviews after a concern', () => {
  it('go to fresh reviewers and can revoke the mark with a public outcome', async () => {
    const { certificationId, first, fresh } = await certifiedProduct('revoked-co', 'Default Password Cam');
    const concernId = await confirmedConcern(certificationId, 'worried@example.test');

    const triage = await admin.get('/en/admin/concerns');
    expect(triage.text).toContain('Open a re-review with fresh reviewers');
    const id = await openReReview(concernId);
    const opinions = await server.running.services.reReviews.opinions(id);
    expect(opinions.map((opinion) => opinion.reviewerId).sort()).toEqual(fresh.map((each) => each.id).sort());
    expect((await server.running.services.concerns.find(concernId))?.status).toBe('re-review');
    expect((await admin.post(`/en/admin/concerns/${concernId}/re-review`, {})).status).toBe(409);

    // The certification's own reviewers are not asked, and cannot see it.
    for (const reviewer of first) {
      expect((await reviewer.client.get(`/en/review/re-reviews/${id}`)).status).toBe(404);
    }
    const list = await fresh[0]!.client.get('/en/review');
    expect(list.text).toContain('Re-reviews after a concern');
    const workspace = await fresh[0]!.client.get(`/en/review/re-reviews/${id}`);
    expect(workspace.status).toBe(200);
    expect(workspace.text).toContain('the same default password on every unit');
    expect(workspace.text).toContain('About SEC-02');
    // Reviewers read the concern, never who raised it.
    expect(workspace.text).not.toContain('worried@example.test');

    const empty = await fresh[0]!.client.post(`/en/review/re-reviews/${id}`, {
      recommendation: 'revoke',
      rationale: '',
    });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Please fill in this field.');
    expect(
      (
        await fresh[0]!.client.post(`/en/review/re-reviews/${id}`, {
          recommendation: 'revoke',
          rationale: 'Confirmed on a unit bought in a shop.',
        })
      ).status,
    ).toBe(303);
    const early = await admin.post(`/en/admin/re-reviews/${id}/decide`, {
      outcome: 'revoke',
      statement: 'Too early.',
    });
    expect(early.status).toBe(409);
    expect(early.text).toContain('must give an opinion first');
    expect(
      (
        await fresh[1]!.client.post(`/en/review/re-reviews/${id}`, {
          recommendation: 'revoke',
          rationale: 'The default password is printed in the manual.',
        })
      ).status,
    ).toBe(303);
    expect((await admin.get('/en/admin/concerns')).text).toContain('Record the outcome');

    const unexplained = await admin.post(`/en/admin/re-reviews/${id}/decide`, {
      outcome: 'revoke',
      statement: ' ',
    });
    expect(unexplained.status).toBe(422);
    expect(unexplained.text).toContain('Please fill in this field.');
    expect(unexplained.text).toContain('Record the outcome');
    const statement = 'Every unit ships with one default password, against SEC-02. The mark is revoked.';
    const decided = await admin.post(`/en/admin/re-reviews/${id}/decide`, { outcome: 'revoke', statement });
    expect(decided.status).toBe(303);
    expect((await server.running.services.registry.find(certificationId))?.status).toBe('revoked');
    expect((await server.running.services.concerns.find(concernId))?.status).toBe('upheld');
    const productPage = await server.client().get(`/en/products/${certificationId}`);
    expect(productPage.text).toContain('re-reviewed by independent experts: mark revoked');
    expect(productPage.text).toContain(statement);
    expect(productPage.text).toContain('Concerns decided: 1 upheld, 0 rejected.');
    expect(productPage.text).not.toContain('worried@example.test');
    await server.smtp.waitFor('worried@example.test', /has been decided/);
    expect(
      (await admin.post(`/en/admin/re-reviews/${id}/decide`, { outcome: 'confirm', statement })).status,
    ).toBe(409);
    const history = await server.running.services.audit.search(
      { productId: undefined, action: 're-review-decided' },
      5,
    );
    expect(history.map((entry) => entry.subject_id)).toContain(certificationId);
  });

  it('can confirm the mark, which rejects the concern and leaves the certification as it was', async () => {
    const { certificationId, fresh } = await certifiedProduct('confirmed-co', 'Careful Cam');
    const concernId = await confirmedConcern(certificationId, 'doubtful@example.test');
    const id = await openReReview(concernId);
    for (const reviewer of fresh) {
      const given = await reviewer.client.post(`/en/review/re-reviews/${id}`, {
        recommendation: 'confirm',
        rationale: 'Each unit has its own password on a sticker.',
      });
      expect(given.status).toBe(303);
    }
    const decided = await admin.post(`/en/admin/re-reviews/${id}/decide`, {
      outcome: 'confirm',
      statement: 'Each unit has its own password; the mark stands.',
    });
    expect(decided.status).toBe(303);
    expect((await server.running.services.registry.find(certificationId))?.status).toBe('active');
    expect((await server.running.services.concerns.find(concernId))?.status).toBe('rejected');
    const productPage = await server.client().get(`/en/products/${certificationId}`);
    expect(productPage.text).toContain('re-reviewed by independent experts: mark confirmed');
    expect(productPage.text).toContain('Concerns decided: 0 upheld, 1 rejected.');
  });

  it('go to someone else when a reviewer deletes their account before giving an opinion', async () => {
    const { certificationId, fresh } = await certifiedProduct('leaving-reviewer-co', 'Orphan Cam');
    const concernId = await confirmedConcern(certificationId, 'patient@example.test');
    const id = await openReReview(concernId);
    const asked = (await server.running.services.reReviews.opinions(id)).map((opinion) => opinion.reviewerId);
    const leaving = fresh.find((reviewer) => asked.includes(reviewer.id))!;
    const newcomer = await signedInUser(server, 'reviewer');
    expect(
      (await leaving.client.post('/en/account/delete', { password: leaving.user.password })).status,
    ).toBe(200);
    const now = (await server.running.services.reReviews.opinions(id)).map((opinion) => opinion.reviewerId);
    expect(now).not.toContain(leaving.id);
    expect(now).toContain(newcomer.id);
    expect(now).toHaveLength(asked.length);
  });
});
