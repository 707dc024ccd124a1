import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Criterion } from '../../src/features/criteria/rules';
import {
  answer,
  completeAll,
  createProduct,
  samplePdf,
  sampleProduct,
  startApplication,
} from '../support/applications';
import { companyWithOwner, enableTwoFactor, signIn, signedInUser, type TestUser } from '../support/flows';
import type { HttpClient, PageResponse } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/** What only the company and its staff may read; none of it may appear in a refused response. */
const secretAnswer = 'Whisper-protocol-4417 keeps the keys on the device.';
const secretFile = 'confidential-plan.pdf';
const productName = 'Hush Hub';

interface Staff {
  client: HttpClient;
  user: TestUser;
  id: string;
}

let server: TestServer;
let criteria: Criterion[];
let owner: HttpClient;
let admin: Staff;
let withTotp: Staff;
let withoutTotp: Staff;
let adminWithoutTotp: Staff;
let applicationId: string;
let fileId: string;

beforeAll(async () => {
  server = await startTestServer();
  criteria = (await server.running.services.criteriaPublications.current()).criteria;
  admin = await signedInUser(server, 'admin');
  adminWithoutTotp = await signedInUser(server, 'admin', { withoutTwoFactor: true });
  withTotp = await signedInUser(server, 'reviewer');
  withoutTotp = await signedInUser(server, 'reviewer', { withoutTwoFactor: true });
  ({ owner } = await companyWithOwner(server, 'hush-co'));
  const productId = await createProduct(owner, 'hush-co', { ...sampleProduct, name: productName });
  applicationId = await startApplication(owner, 'hush-co', productId);
  await completeAll(owner, applicationId, criteria);
  const sec02 = criteria.find((criterion) => criterion.id === 'SEC-02')!;
  expect((await answer(owner, applicationId, sec02, 'met', secretAnswer)).status).toBe(303);
  const criterionPath = `/en/applications/${applicationId}/criteria/SEC-02`;
  expect((await owner.upload(`${criterionPath}/files`, 'file', samplePdf, secretFile)).status).toBe(303);
  fileId = (await owner.get(criterionPath)).text.match(/\/files\/([^/"]+)"/)?.[1] ?? '';
  expect(fileId).not.toBe('');
  expect((await owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
  // Reviewers are assigned by a job that follows the submission.
  await server.running.jobs.drain();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const assignedIds = async () =>
  (await server.running.services.review.assignments(applicationId)).map((row) => row.reviewerId);

/** Every route that names an application, filled in for the one under test. */
function applicationRoutes() {
  const values: Record<string, string> = {
    locale: 'en',
    applicationId,
    criterionId: 'SEC-02',
    fileId,
    linkId: 'none',
  };
  return server.running.routes
    .filter((route) => route.path.includes(':applicationId'))
    .map((route) => ({
      method: route.method,
      path: route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? name),
    }));
}

function expectNothingShown(response: PageResponse, route: string) {
  expect([303, 403, 404], route).toContain(response.status);
  if (response.status === 303) expect(response.location, route).toMatch(/\/en\/account\/two-factor/);
  for (const secret of [secretAnswer, secretFile, productName, '%PDF'])
    expect(response.text, route).not.toContain(secret);
}

/** Walks every application route, reading and posting; none may show or change anything. */
async function expectNoRouteShowsAnything(client: HttpClient) {
  const before = await server.running.services.applications.find(applicationId);
  const routes = applicationRoutes();
  expect(routes.length).toBeGreaterThan(15);
  for (const { method, path } of routes) {
    const response = method === 'GET' ? await client.get(path) : await client.post(path, { body: 'x' });
    expectNothingShown(response, `${method} ${path}`);
  }
  expect(await server.running.services.applications.find(applicationId)).toEqual(before);
}

/** The pages where staff read the application: each must show it once two-factor is on. */
async function expectStaffReads(client: HttpClient) {
  const base = `/en/applications/${applicationId}`;
  for (const [path, expected] of [
    [base, productName],
    [`${base}/criteria/SEC-02`, 'Whisper-protocol-4417'],
    [`${base}/export.json`, 'Whisper-protocol-4417'],
    [`${base}/print`, 'Whisper-protocol-4417'],
    [`${base}/files/${fileId}`, '%PDF'],
    [`/en/review/applications/${applicationId}`, 'Whisper-protocol-4417'],
  ] as const) {
    const response = await client.get(path);
    expect(response.status, path).toBe(200);
    expect(response.text, path).toContain(expected);
  }
}

describe('two-factor authentication for staff reading applications', () => {
  it('never assigns a reviewer without two-factor by load', async () => {
    expect(await assignedIds()).toEqual([withTotp.id]);
  });

  it("refuses an admin's assignment of a reviewer without two-factor, saying why, in English and German", async () => {
    const refused = await admin.client.post(`/en/admin/applications/${applicationId}/assign`, {
      reviewerId: withoutTotp.id,
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('has not set up two-factor authentication');
    const abgelehnt = await admin.client.post(`/de/admin/applications/${applicationId}/assign`, {
      reviewerId: withoutTotp.id,
    });
    expect(abgelehnt.status).toBe(409);
    expect(abgelehnt.text).toContain('Zwei-Faktor-Authentifizierung noch nicht eingerichtet');
    expect(await assignedIds()).toEqual([withTotp.id]);
  });

  it('shows an assigned reviewer without two-factor nothing on any route, and everything once it is on', async () => {
    await server.running.services.review.assign(applicationId, withoutTotp.id, admin.id, new Date());
    await expectNoRouteShowsAnything(withoutTotp.client);
    await enableTwoFactor(withoutTotp.client, withoutTotp.user);
    await expectStaffReads(withoutTotp.client);
  });

  it('shows an admin without two-factor nothing on any route, and everything once it is on', async () => {
    await expectNoRouteShowsAnything(adminWithoutTotp.client);
    await enableTwoFactor(adminWithoutTotp.client, adminWithoutTotp.user);
    await expectStaffReads(adminWithoutTotp.client);
  });

  it('shows nothing through an assignment left behind once the reviewer role is taken away', async () => {
    const former = await signedInUser(server, 'reviewer');
    await server.running.services.review.assign(applicationId, former.id, admin.id, new Date());
    expect((await former.client.get(`/en/applications/${applicationId}`)).status).toBe(200);
    await server.running.services.accounts.changeRole(former.id, 'applicant');
    await signIn(former.client, former.user);
    await expectNoRouteShowsAnything(former.client);
  });

  it("lets a reviewer without two-factor read their own company's application", async () => {
    const reviewer = await signedInUser(server, 'reviewer', { withoutTwoFactor: true });
    expect(
      (await reviewer.client.post('/en/companies', { name: 'Own Works', slug: 'own-works' })).status,
    ).toBe(303);
    const productId = await createProduct(reviewer.client, 'own-works', sampleProduct);
    const own = await startApplication(reviewer.client, 'own-works', productId);
    const response = await reviewer.client.get(`/en/applications/${own}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain(sampleProduct.name);
  });
});

describe("the reviewers' conflict-of-interest list", () => {
  const companyId = async (slug: string) =>
    (
      await server.running.services.database.db
        .selectFrom('organization')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow()
    ).id;

  it('offers companies that submitted applications and those already declared, not those with only drafts', async () => {
    const { owner: drafter } = await companyWithOwner(server, 'drafty-co');
    await startApplication(drafter, 'drafty-co', await createProduct(drafter, 'drafty-co', sampleProduct));
    const { owner: declaredOwner } = await companyWithOwner(server, 'declared-co');
    await createProduct(declaredOwner, 'declared-co', sampleProduct);
    await companyWithOwner(server, 'empty-co');
    const declared = await companyId('declared-co');
    expect(
      (await withTotp.client.post('/en/review/conflicts', { companyId: declared, reason: 'Former employer' }))
        .status,
    ).toBe(303);

    const profile = (await withTotp.client.get('/en/review/profile')).text;
    const options = profile.slice(profile.indexOf('<select id="companyId"'), profile.indexOf('</select>'));
    expect(options).toContain(`<option value="${await companyId('hush-co')}">hush-co Ltd</option>`);
    expect(options).toContain(`<option value="${declared}">declared-co Ltd</option>`);
    expect(options).not.toContain(await companyId('drafty-co'));
    expect(options).not.toContain(await companyId('empty-co'));
  });
});
