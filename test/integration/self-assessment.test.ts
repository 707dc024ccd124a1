import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Criterion } from '../../src/features/criteria/rules';
import { companyWithOwner, joinCompany, newUser, signUpAndVerify } from '../support/flows';
import {
  answer,
  completeAll as completeAllCriteria,
  createProduct as createProductFor,
  revisionOf,
  samplePdf,
  samplePng,
  sampleProduct,
  startApplication as startApplicationFor,
} from '../support/applications';
import { inputValue, type HttpClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let owner: HttpClient;
let teammate: HttpClient;
let outsider: HttpClient;
let criteria: Criterion[];

const product = sampleProduct;

const pdf = samplePdf;
const png = samplePng;

beforeAll(async () => {
  server = await startTestServer();
  criteria = (await server.running.services.criteriaPublications.current()).criteria;
  ({ owner } = await companyWithOwner(server, 'acme'));
  ({ teammate } = await joinCompany(server, owner, 'acme'));
  outsider = server.client();
  await signUpAndVerify(server, outsider, newUser('outsider'));
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const createProduct = (client: HttpClient, fields = product) => createProductFor(client, 'acme', fields);
const startApplication = (client: HttpClient, productId: string, sourceApplicationId = '') =>
  startApplicationFor(client, 'acme', productId, sourceApplicationId);
const completeAll = (client: HttpClient, applicationId: string) =>
  completeAllCriteria(client, applicationId, criteria);

describe('products', () => {
  it('explains each problem and keeps what was typed', async () => {
    const response = await owner.post('/en/companies/acme/products', {
      ...product,
      webPageUrl: 'acme.example',
      supportEndDate: '2020-01-01',
      modelNumbers: '',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Please enter a full web address starting with https://');
    expect(response.text).toContain('This date has passed.');
    expect(response.text).toContain('value="Acme Thermostat"');
    expect(response.text).toContain('value="acme.example"');
  });

  it('detects a concurrent edit instead of overwriting it', async () => {
    const productId = await createProduct(owner, { ...product, name: 'Concurrent Plug' });
    const page = (await owner.get(`/en/companies/acme/products/${productId}`)).text;
    const revision = inputValue(page, 'revision');
    const first = await teammate.post(`/en/companies/acme/products/${productId}`, {
      ...product,
      name: 'Plug by teammate',
      revision,
    });
    expect(first.status).toBe(303);
    const second = await owner.post(`/en/companies/acme/products/${productId}`, {
      ...product,
      name: 'Plug by owner',
      revision,
    });
    expect(second.status).toBe(409);
    expect(second.text).toContain('Someone else changed this product');
    expect(second.text).toContain('Plug by teammate');
    expect(second.text).toContain('value="Plug by owner"');
  });

  it('takes a picture, refuses what is not one, and shows it only to the company', async () => {
    const productId = await createProduct(owner, { ...product, name: 'Pictured Lamp' });
    const base = `/en/companies/acme/products/${productId}`;
    const notPicture = await owner.upload(`${base}/image`, 'image', pdf, 'lamp.png');
    expect(notPicture.status).toBe(422);
    expect(notPicture.text).toContain('Only PNG, JPEG and WebP pictures are accepted.');
    expect(notPicture.text).toContain('aria-invalid="true"');
    const tooLarge = await owner.upload(
      `${base}/image`,
      'image',
      Buffer.concat([png, Buffer.alloc(3 * 1024 * 1024)]),
      'lamp.png',
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain('This picture is larger than 2 MB.');

    const saved = await teammate.upload(`${base}/image`, 'image', png, 'lamp.png');
    expect(saved.status).toBe(303);
    const page = (await owner.get(`${base}?notice=image-saved`)).text;
    expect(page).toContain('The picture has been saved.');
    const source = page.match(/<img class="product-image" src="([^"]+)" alt="Picture of Pictured Lamp"/)?.[1];
    expect(source).toBeDefined();
    const image = await owner.get(source!.replace(/&amp;/g, '&'));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-security-policy')).toContain('sandbox');
    expect((await outsider.get(source!)).status).toBe(404);

    expect((await owner.post(`${base}/image/remove`, {})).status).toBe(303);
    expect((await owner.get(base)).text).toContain('No picture yet.');
    expect((await owner.get(`${base}/image`)).status).toBe(404);
  });
});

/** A new draft of a new product of acme's, for a test of its own. */
const newDraft = async (name = product.name) =>
  startApplication(owner, await createProduct(owner, { ...product, name }));

/** A draft with every criterion answered, and a link wherever evidence is required. */
const completedDraft = async (name?: string) => {
  const applicationId = await newDraft(name);
  await completeAll(owner, applicationId);
  return applicationId;
};

describe('the self-assessment', () => {
  it('starts pinned to the latest criteria version and lists what blocks submission', async () => {
    const applicationId = await newDraft();
    const page = await owner.get(`/en/applications/${applicationId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Criteria version 1');
    expect(page.text).toContain('What still blocks submission');
    const open = criteria.filter((criterion) => criterion.level !== 'optional').length;
    expect(page.text).toContain(`${open} criteria are not answered yet – see the task list below.`);
    expect(page.text).toMatch(/SEC-01 No universal default passwords<\/a>[\s\S]*?No answer yet/);
    for (const dimension of [
      'Privacy &amp; data practices',
      'Transparency',
      'Security',
      'Stability',
      'Openness',
    ]) {
      expect(page.text).toContain(dimension);
    }
  });

  it('saves an answer with its history, and explains what a complete answer still needs', async () => {
    const applicationId = await newDraft();
    const sec02 = criteria.find((criterion) => criterion.id === 'SEC-02')!;
    const saved = await answer(owner, applicationId, sec02, 'met', '');
    expect(saved.status).toBe(303);
    const list = (await owner.get(`/en/applications/${applicationId}`)).text;
    expect(list).toContain('SEC-02 Vulnerability disclosure: needs an explanation');
    expect(list).toContain('SEC-02 Vulnerability disclosure: needs evidence: a link or a document');

    await answer(
      teammate,
      applicationId,
      sec02,
      'met',
      'Our policy is at /security, with a **30-day** response promise.',
    );
    const page = (await owner.get(`/en/applications/${applicationId}/criteria/SEC-02`)).text;
    expect(page.match(/<details><summary><time/g)).toHaveLength(2);
    expect(page).toContain('30-day');
  });

  it('shows both versions when two teammates save the same answer, and loses neither', async () => {
    const applicationId = await newDraft();
    const pri01 = criteria.find((criterion) => criterion.id === 'PRI-01')!;
    const revision = await revisionOf(owner, applicationId, pri01.id);
    const path = `/en/applications/${applicationId}/criteria/PRI-01`;
    const ownerSave = await owner.post(path, {
      status: 'met',
      explanation: 'Owner: we list every field.',
      revision,
    });
    expect(ownerSave.status).toBe(303);
    const teammateSave = await teammate.post(path, {
      status: 'not-met',
      explanation: 'Teammate: not yet public.',
      revision,
    });
    expect(teammateSave.status).toBe(409);
    expect(teammateSave.text).toContain('Someone else saved this answer meanwhile');
    expect(teammateSave.text).toContain('Owner: we list every field.');
    expect(teammateSave.text).toContain('Teammate: not yet public.');

    // The teammate merges both and saves deliberately over the owner's version.
    const merged = await teammate.post(path, {
      status: 'met',
      explanation: 'Owner: we list every field. Teammate: now public too.',
      revision: inputValue(teammateSave.text, 'revision'),
    });
    expect(merged.status).toBe(303);
    const page = (await owner.get(path)).text;
    expect(page).toContain('Owner: we list every field. Teammate: now public too.');
  });

  it('autosaves over JSON and reports a conflict the same way', async () => {
    const applicationId = await newDraft();
    const path = `/en/applications/${applicationId}/criteria/PRI-02`;
    const revision = await revisionOf(owner, applicationId, 'PRI-02');
    const json = { headers: { accept: 'application/json' } };
    const first = await owner.post(path, { status: 'met', explanation: 'Draft one', revision }, json);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text)).toEqual({ ok: true, revision: Number(revision) + 1 });
    const stale = await teammate.post(path, { status: 'met', explanation: 'Stale', revision }, json);
    expect(stale.status).toBe(409);
    expect(JSON.parse(stale.text)).toEqual({ ok: false, reason: 'conflict' });
  });

  it('accepts PDF and image evidence, refuses other files, and serves them only as downloads', async () => {
    const applicationId = await newDraft();
    const path = `/en/applications/${applicationId}/criteria/SEC-02/files`;
    const upload = (bytes: Buffer, name: string) => owner.upload(path, 'file', bytes, name);
    const accepted = await upload(pdf, 'policy.pdf');
    expect(accepted.status).toBe(303);
    const disguised = await upload(Buffer.from('<script>alert(1)</script>'), 'innocent.pdf');
    expect(disguised.status).toBe(422);
    expect(disguised.text).toContain('Only PDF, PNG, JPEG and WebP files are accepted.');
    const huge = await upload(Buffer.concat([pdf, Buffer.alloc(11 * 1024 * 1024)]), 'huge.pdf');
    expect(huge.status).toBe(413);

    const page = (await owner.get(`/en/applications/${applicationId}/criteria/SEC-02`)).text;
    const fileLink = page.match(/href="(\/en\/applications\/[^"]+\/files\/[^"]+)">policy\.pdf</)?.[1];
    expect(fileLink).toBeDefined();
    const download = await teammate.get(fileLink!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    expect((await outsider.get(fileLink!)).status).toBe(404);
  });

  it('takes at most 20 links and 20 files per answer, each one checked by the worker', async () => {
    const applicationId = await newDraft();
    const path = `/en/applications/${applicationId}/criteria/SEC-02`;
    const links = await Promise.all(
      Array.from({ length: 22 }, (_, index) =>
        owner.post(`${path}/links`, { url: `https://example.org/evidence/${index}`, title: `Page ${index}` }),
      ),
    );
    // Added at once, and still never more than the limit: the count is taken under the draft's lock.
    expect(links.filter((response) => response.status === 303)).toHaveLength(20);
    const refused = links.filter((response) => response.status === 422);
    expect(refused).toHaveLength(2);
    expect(refused[0]!.text).toContain('An answer takes at most 20 links and 20 files.');
    const page = (await owner.get(path)).text;
    expect(
      page.match(/https:\/\/example\.org\/evidence\/\d+/g)?.filter((v, i, all) => all.indexOf(v) === i),
    ).toHaveLength(20);
  });

  it('is submitted once nothing blocks it, and is then locked', async () => {
    const applicationId = await newDraft();
    const blocked = await owner.post(`/en/applications/${applicationId}/submit`, {});
    expect(blocked.status).toBe(303);
    expect((await owner.get(`/en/applications/${applicationId}`)).text).toContain('Draft');

    await completeAll(owner, applicationId);
    const ready = (await owner.get(`/en/applications/${applicationId}`)).text;
    expect(ready).toContain('Nothing blocks submission.');
    const submitted = await owner.post(`/en/applications/${applicationId}/submit`, {});
    expect(submitted.location).toContain('?notice=submitted');
    expect((await owner.get(submitted.location!)).text).toContain('Submitted – waiting for review');

    // The page is read-only now; a form sent from an old tab is refused all the same.
    expect((await teammate.get(`/en/applications/${applicationId}/criteria/SEC-01`)).text).not.toContain(
      'name="revision"',
    );
    const edit = await teammate.post(`/en/applications/${applicationId}/criteria/SEC-01`, {
      status: 'not-met',
      explanation: 'Too late',
      revision: '1',
    });
    expect(edit.status).toBe(409);
    expect(edit.text).toContain('no longer a draft');
  });

  it('exports the application as JSON and as a printable page', async () => {
    const applicationId = await completedDraft();
    const exported = await owner.get(`/en/applications/${applicationId}/export.json`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    const data = JSON.parse(exported.text) as {
      format: string;
      product: { name: string };
      answers: Array<{ criterion: string; status: string }>;
    };
    expect(data.format).toBe('trustmark-application/1');
    expect(data.product.name).toBe('Acme Thermostat');
    expect(data.answers).toHaveLength(criteria.length);
    expect(data.answers.every((entry) => entry.status === 'met')).toBe(true);
    const printable = await owner.get(`/en/applications/${applicationId}/print`);
    expect(printable.text).toContain('How SEC-01 is met, in detail.');
  });

  it('starts a second product from the first and needs every copied answer confirmed', async () => {
    const applicationId = await completedDraft();
    expect((await owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
    const productId = await createProduct(owner, {
      ...product,
      name: 'Acme Thermostat Mini',
      modelNumbers: 'AT-50',
    });
    const copyId = await startApplication(owner, productId, applicationId);
    const list = (await owner.get(`/en/applications/${copyId}`)).text;
    expect(list).toContain('copied from an earlier application');
    const criterionPage = (await owner.get(`/en/applications/${copyId}/criteria/SEC-01`)).text;
    expect(criterionPage).toContain('Copied from an earlier application.');
    expect(criterionPage).toContain('How SEC-01 is met, in detail.');

    expect((await owner.post(`/en/applications/${copyId}/submit`, {})).location).not.toContain('submitted');
    for (const criterion of criteria) {
      const confirmed = await answer(
        teammate,
        copyId,
        criterion,
        'met',
        `How ${criterion.id} is met, in detail.`,
      );
      expect(confirmed.status).toBe(303);
    }
    const submitted = await owner.post(`/en/applications/${copyId}/submit`, {});
    expect(submitted.location).toContain('?notice=submitted');
  });

  it('lets only owners and administrators submit, withdraw or delete', async () => {
    const productId = await createProduct(owner, { ...product, name: 'Member Test Sensor' });
    const draftId = await startApplication(teammate, productId);
    const refused = await teammate.post(`/en/applications/${draftId}/delete`, {});
    expect(refused.status).toBe(403);
    const deleted = await owner.post(`/en/applications/${draftId}/delete`, {});
    expect(deleted.status).toBe(303);
    expect((await owner.get(`/en/applications/${draftId}`)).status).toBe(404);
  });
});

describe('confidentiality', () => {
  it('shows nothing of an application to anyone outside the company, as if it did not exist', async () => {
    const productId = await createProduct(owner, { ...product, name: 'Confidential Camera' });
    const id = await startApplication(owner, productId);
    const paths = [
      `/en/applications/${id}`,
      `/en/applications/${id}/criteria/SEC-01`,
      `/en/applications/${id}/export.json`,
      `/en/applications/${id}/print`,
      `/en/companies/acme/products`,
      `/en/companies/acme/products/${productId}`,
      `/en/companies/acme/products/${productId}/image`,
    ];
    for (const path of paths) {
      const response = await outsider.get(path);
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain('Confidential Camera');
      const anonymous = await server.client().get(path);
      expect(anonymous.status, path).toBe(303);
      expect(anonymous.location).toContain('/en/sign-in');
    }
    for (const [path, form] of [
      [`/en/applications/${id}/criteria/SEC-01`, { status: 'met', explanation: 'x', revision: '0' }],
      [`/en/applications/${id}/submit`, {}],
      [`/en/applications/${id}/delete`, {}],
      [`/en/companies/acme/products/${productId}/applications`, {}],
      [`/en/companies/acme/products/${productId}`, { ...product, revision: '1' }],
      [`/en/companies/acme/products/${productId}/image/remove`, {}],
    ] as const) {
      expect((await outsider.post(path, form)).status, path).toBe(404);
    }
    for (const path of ['/en', '/en/news', '/en/partners', '/en/dimensions', '/de', '/en/news/feed.atom']) {
      expect((await server.client().get(path)).text, path).not.toContain('Confidential Camera');
    }
  });
});
