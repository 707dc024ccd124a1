import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAll, createProduct, samplePng, startApplication } from '../support/applications';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certificationOf, decideAsAssigned } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Stored files are shared by their bytes, so anyone can upload a copy of a public picture. Removing
 * their own copy (closing their company, the retention sweep, changing or removing a picture) must
 * never remove a file that a partner logo, news image, product picture or published registry entry
 * still shows.
 */
let server: TestServer;
let admin: HttpClient;

beforeAll(async () => {
  server = await startTestServer();
  ({ client: admin } = await signedInUser(server, 'admin'));
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** A valid PNG no other test uploads: the pixel with bytes of its own after the image's end. */
const uniquePng = () => Buffer.concat([samplePng, randomBytes(16)]);

/** A company whose draft application carries `bytes` as evidence; returns its owner and ids. */
async function companyWithEvidence(slug: string, bytes: Uint8Array) {
  const { owner } = await companyWithOwner(server, slug);
  const productId = await createProduct(owner, slug);
  const applicationId = await startApplication(owner, slug, productId);
  const uploaded = await owner.upload(
    `/en/applications/${applicationId}/criteria/SEC-02/files`,
    'file',
    bytes,
    'copy.png',
  );
  expect(uploaded.status).toBe(303);
  return { owner, applicationId };
}

const closeCompany = async (owner: HttpClient, slug: string) =>
  expect((await owner.post(`/en/companies/${slug}/close`, { confirmSlug: slug })).status).toBe(200);

async function partnerWithLogo(logo: Uint8Array): Promise<string> {
  const created = await admin.post('/en/admin/partners', {
    name: `Partner ${randomBytes(3).toString('hex')}`,
    url: 'https://partner.example',
    kind: 'academia',
    descriptionEn: 'A partner.',
    descriptionDe: 'Ein Partner.',
    sortOrder: '1',
    updatedAt: '',
  });
  expect(created.status).toBe(303);
  const id = created.location!.split('/admin/partners/')[1]!.split('?')[0]!;
  expect((await admin.upload(`/en/admin/partners/${id}/logo`, 'logo', logo, 'logo.png')).status).toBe(303);
  return id;
}

describe('a stored file shared by its bytes', () => {
  it("survives when a company that uploaded the same bytes as evidence closes (a partner's logo)", async () => {
    const logo = uniquePng();
    const partnerId = await partnerWithLogo(logo);
    const { owner, applicationId } = await companyWithEvidence('copycat-co', logo);
    // Removing one's own evidence copy leaves the logo alone too.
    const criterionPath = `/en/applications/${applicationId}/criteria/PRI-01`;
    expect((await owner.upload(`${criterionPath}/files`, 'file', logo, 'again.png')).status).toBe(303);
    const fileId = (await owner.get(criterionPath)).text.match(/\/files\/([^/"]+)"/)?.[1] ?? '';
    expect((await owner.post(`${criterionPath}/files/${fileId}/remove`, {})).status).toBe(303);
    expect((await server.client().get(`/partner-logos/${partnerId}`)).status).toBe(200);
    await closeCompany(owner, 'copycat-co');
    const served = await server.client().get(`/partner-logos/${partnerId}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
  }, 60_000);

  it("survives the retention sweep of a withdrawn application that used it (a news post's image)", async () => {
    const image = uniquePng();
    const created = await admin.post('/en/admin/news', {
      locale: 'en',
      slug: 'shared-picture',
      title: 'Shared picture',
      summary: 'A post with a picture.',
      body: 'Text.',
      status: 'draft',
      publishAt: '',
      imageAlt: '',
      updatedAt: '',
    });
    const postId = created.location!.split('/admin/news/')[1]!.split('?')[0]!;
    expect((await admin.upload(`/en/admin/news/${postId}/image`, 'image', image, 'news.png')).status).toBe(
      303,
    );

    const { owner, applicationId } = await companyWithEvidence('sweep-co', image);
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    await completeAll(owner, applicationId, criteria);
    expect((await owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
    expect((await owner.post(`/en/applications/${applicationId}/withdraw`, {})).status).toBe(303);
    await server.running.services.database.db
      .updateTable('application')
      .set({ updated_at: new Date(Date.now() - 400 * 86_400_000).toISOString() })
      .where('id', '=', applicationId)
      .execute();
    expect((await server.running.services.retention.sweep()).deleted).toBeGreaterThanOrEqual(1);
    expect((await admin.get(`/news-images/${postId}`)).status).toBe(200);
  }, 60_000);

  it("survives a product picture change and removal while the registry's frozen entry shows it", async () => {
    const reviewers = [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
    const { owner } = await companyWithOwner(server, 'pictured-co');
    const picture = uniquePng();
    const productId = await createProduct(owner, 'pictured-co');
    const pictureUrl = `/en/companies/pictured-co/products/${productId}/image`;
    expect((await owner.upload(pictureUrl, 'image', picture, 'product.png')).status).toBe(303);
    const applicationId = await startApplication(owner, 'pictured-co', productId);
    await completeAll(
      owner,
      applicationId,
      (await server.running.services.criteriaPublications.current()).criteria,
    );
    expect((await owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
    await decideAsAssigned(server, reviewers, applicationId, 'certify');
    const registryImage = `/en/products/${await certificationOf(server, applicationId)}/image`;
    expect((await server.client().get(registryImage)).status).toBe(200);

    // The certified product gets a new picture, then none; the registry keeps showing the old one.
    expect((await owner.upload(pictureUrl, 'image', uniquePng(), 'new.png')).status).toBe(303);
    expect((await owner.post(`${pictureUrl}/remove`, {})).status).toBe(303);
    expect((await server.client().get(registryImage)).status).toBe(200);

    // Another company uploads the same bytes and closes.
    const { owner: copycat } = await companyWithEvidence('frame-copy-co', picture);
    await closeCompany(copycat, 'frame-copy-co');
    const served = await server.client().get(registryImage);
    expect(served.status).toBe(200);
    expect(Buffer.from(served.text, 'latin1').length).toBeGreaterThan(0);
  }, 120_000);

  it('is removed once nothing refers to it any more', async () => {
    const { owner } = await companyWithOwner(server, 'tidy-co');
    const productId = await createProduct(owner, 'tidy-co');
    const pictureUrl = `/en/companies/tidy-co/products/${productId}/image`;
    const picture = uniquePng();
    expect((await owner.upload(pictureUrl, 'image', picture, 'product.png')).status).toBe(303);
    const files = server.running.services.files;
    const key = createHash('sha256').update(picture).digest('hex');
    expect(await files.get(key)).toBeDefined();
    expect((await owner.post(`${pictureUrl}/remove`, {})).status).toBe(303);
    expect(await files.get(key)).toBeUndefined();
  }, 60_000);
});
