import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { linkIn } from '../support/smtp';
import { acceptAll, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A reviewer who belongs to the applying company has a conflict of interest whether or not they declared
 * one: they are never assigned, an admin cannot assign them, and an assignment made before they joined
 * no longer opens the application as staff.
 */
let server: TestServer;
let admin: HttpClient;

beforeAll(async () => {
  server = await startTestServer();
  ({ client: admin } = await signedInUser(server, 'admin'));
  const saved = await admin.post('/en/admin/reviews/settings', { reviewersPerApplication: '1' });
  expect(saved.status).toBe(303);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const assignedTo = async (applicationId: string) =>
  (await server.running.services.review.assignments(applicationId)).map((row) => row.reviewerId);

describe("a reviewer and their own company's application", () => {
  let selfReviewer: { client: HttpClient; id: string };
  let applicationId: string;

  beforeAll(async () => {
    // The only reviewer in the pool creates a company and applies with it.
    selfReviewer = await signedInUser(server, 'reviewer');
    const created = await selfReviewer.client.post('/en/companies', {
      name: 'Self Made Ltd',
      slug: 'self-made',
    });
    expect(created.status).toBe(303);
    ({ applicationId } = await submittedProduct(server, selfReviewer.client, 'self-made', {
      name: 'Own Plug',
    }));
  }, 60_000);

  it('is never assigned to it by load, so cannot review or certify it', async () => {
    expect(await assignedTo(applicationId)).not.toContain(selfReviewer.id);
    const workspace = `/en/review/applications/${applicationId}`;
    expect((await selfReviewer.client.get(workspace)).status).toBe(404);
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    expect((await selfReviewer.client.post(workspace, acceptAll(criteria, 'certify'))).status).toBe(404);
    // As a member they still read their own application.
    expect((await selfReviewer.client.get(`/en/applications/${applicationId}`)).status).toBe(200);
  });

  it('cannot be assigned to it by an admin, who is told why in English and German', async () => {
    for (const [locale, wording] of [
      ['en', 'is a member of the applying company'],
      ['de', 'ist Mitglied des antragstellenden Unternehmens'],
    ] as const) {
      const refused = await admin.post(`/${locale}/admin/applications/${applicationId}/assign`, {
        reviewerId: selfReviewer.id,
      });
      expect(refused.status).toBe(409);
      expect(refused.text).toContain(wording);
    }
    expect(await assignedTo(applicationId)).not.toContain(selfReviewer.id);
  });

  it('is not offered to the admin for it', async () => {
    const page = await admin.get('/en/admin/reviews');
    const form =
      page.text.split(`/en/admin/applications/${applicationId}/assign`)[1]?.split('</form>')[0] ?? '';
    expect(form).not.toContain(selfReviewer.id);
  });
});

describe('a reviewer who joins the company after being assigned', () => {
  it('loses the staff path to its application and keeps only the member path', async () => {
    const joiner = await signedInUser(server, 'reviewer');
    const { owner } = await companyWithOwner(server, 'later-co');
    const { applicationId } = await submittedProduct(server, owner, 'later-co', { name: 'Later Lamp' });
    if (!(await assignedTo(applicationId)).includes(joiner.id)) {
      const assigned = await admin.post(`/en/admin/applications/${applicationId}/assign`, {
        reviewerId: joiner.id,
      });
      expect(assigned.status).toBe(303);
    }
    const workspace = `/en/review/applications/${applicationId}`;
    expect((await joiner.client.get(workspace)).status).toBe(200);

    await owner.post('/en/companies/later-co/invitations', { email: joiner.user.email, role: 'member' });
    const mail = await server.smtp.waitFor(joiner.user.email, /invited to join/);
    const invitationId = new URL(linkIn(mail, `${server.url}/en/invitations/`)).pathname.split('/').pop();
    expect((await joiner.client.post(`/en/invitations/${invitationId}/accept`, {})).status).toBe(303);

    expect((await joiner.client.get(workspace)).status).toBe(404);
    const decided = await joiner.client.post(`${workspace}/decide`, {
      outcome: 'certify',
      decisionRationale: 'Mine.',
    });
    expect(decided.status).toBe(404);
    expect((await joiner.client.get(`/en/applications/${applicationId}`)).status).toBe(200);
  }, 60_000);
});

describe("an admin and their own company's application", () => {
  it('cannot open its review workspace or decide it, while another admin can', async () => {
    const ownAdmin = await signedInUser(server, 'admin');
    expect(
      (await ownAdmin.client.post('/en/companies', { name: 'Admin Made Ltd', slug: 'admin-made' })).status,
    ).toBe(303);
    const { applicationId } = await submittedProduct(server, ownAdmin.client, 'admin-made', {
      name: 'Admin Dial',
    });
    const workspace = `/en/review/applications/${applicationId}`;
    expect((await ownAdmin.client.get(workspace)).status).toBe(404);
    const decided = await ownAdmin.client.post(`${workspace}/decide`, {
      outcome: 'not-certify',
      decisionRationale: 'Mine.',
    });
    expect(decided.status).toBe(404);
    expect((await ownAdmin.client.get(`/en/applications/${applicationId}`)).status).toBe(200);
    expect((await admin.get(workspace)).status).toBe(200);
  }, 60_000);
});
