import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyWithOwner, joinCompany, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { decideAs, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function reviewer() {
  const { client, id } = await signedInUser(server, 'reviewer');
  return { client, id };
}

const assignedTo = async (applicationId: string) =>
  (await server.running.services.review.assignments(applicationId)).map((row) => row.reviewerId).sort();

describe('appeals against "not certified"', () => {
  it('go once per application, with reasons, to reviewers who took no part in the decision', async () => {
    const first = [await reviewer(), await reviewer()];
    const { owner, user } = await companyWithOwner(server, 'appealing-co');
    const { applicationId } = await submittedProduct(server, owner, 'appealing-co', { name: 'Appealed Hub' });
    expect(await assignedTo(applicationId)).toEqual(first.map((person) => person.id).sort());
    await decideAs(
      server,
      first.map((person) => person.client),
      applicationId,
      'not-certify',
    );
    const second = [await reviewer(), await reviewer()];

    const decided = await owner.get(`/en/applications/${applicationId}`);
    expect(decided.text).toContain('Appeal this decision');
    const tooShort = await owner.post(`/en/applications/${applicationId}/appeal`, { reasons: 'Unfair.' });
    expect(tooShort.status).toBe(422);
    expect(tooShort.text).toContain('Please use at least 30 characters.');
    expect(tooShort.text).toContain('Unfair.');

    const reasons =
      'The reviewers missed our published update policy, linked under STA-01, which answers SEC-03.';
    const appealed = await owner.post(`/en/applications/${applicationId}/appeal`, { reasons });
    expect(appealed.status).toBe(303);
    expect(appealed.location).toContain('notice=appealed');
    const page = await owner.get(appealed.location!);
    expect(page.text).toContain('Your appeal has been received.');
    expect(page.text).toContain('linked under STA-01');
    await server.smtp.waitFor(user.email, /your appeal has been received/);

    // The decision's reviewers are off it; two others took it and it is in review again, round 2.
    await server.running.jobs.drain();
    expect(await assignedTo(applicationId)).toEqual(second.map((person) => person.id).sort());
    const application = await server.running.services.applications.find(applicationId);
    expect(application).toMatchObject({ status: 'in-review', round: 2 });
    for (const { client } of first) {
      expect((await client.get(`/en/review/applications/${applicationId}`)).status).toBe(404);
    }
    const workspace = await second[0]!.client.get(`/en/review/applications/${applicationId}`);
    expect(workspace.status).toBe(200);
    expect(workspace.text).toContain('This is an appeal');
    expect(workspace.text).toContain('linked under STA-01');

    // Not even an admin can hand the appeal to a reviewer of the decision.
    const { client: admin } = await signedInUser(server, 'admin');
    const refused = await admin.post(`/en/admin/applications/${applicationId}/assign`, {
      reviewerId: first[0]!.id,
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('took part in the decision under appeal');

    const history = await server.running.services.audit.search({ applicationId, action: 'appealed' }, 10);
    expect(history).toHaveLength(1);
    expect(history[0]!.reason).toBe(reasons);

    await decideAs(
      server,
      second.map((person) => person.client),
      applicationId,
      'not-certify',
    );
    const final = await owner.get(`/en/applications/${applicationId}`);
    expect(final.text).toContain('has been appealed once already');
    expect(final.text).not.toContain('Appeal the decision');
    const again = await owner.post(`/en/applications/${applicationId}/appeal`, { reasons });
    expect(again.status).toBe(409);
    expect(again.text).toContain('cannot be appealed');
  });

  it('is open only to the company’s owners and administrators, and only after "not certified"', async () => {
    const { owner } = await companyWithOwner(server, 'early-co');
    const { applicationId } = await submittedProduct(server, owner, 'early-co', { name: 'Early Hub' });
    const early = await owner.post(`/en/applications/${applicationId}/appeal`, {
      reasons: 'We would like to appeal before anyone has decided anything at all.',
    });
    expect(early.status).toBe(409);
    const { teammate } = await joinCompany(server, owner, 'early-co', 'member');
    const member = await teammate.post(`/en/applications/${applicationId}/appeal`, {
      reasons: 'A member without the right to manage applications tries to appeal.',
    });
    expect(member.status).toBe(403);
    const outsider: HttpClient = (await companyWithOwner(server, 'outsider-co')).owner;
    const foreign = await outsider.post(`/en/applications/${applicationId}/appeal`, {
      reasons: 'We would like to appeal an application of another company entirely.',
    });
    expect(foreign.status).toBe(404);
  });
});
