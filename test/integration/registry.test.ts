import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { completeAll } from '../support/applications';
import { certifiedCompany, decideAs, reviewerPair, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let owner: HttpClient;
let ownerEmail: string;
let admin: HttpClient;
/** Acme Thermostat's certification, published once for the tests that only read it. */
let certificationId: string;
let reviewers: HttpClient[];

/** Names of products that must never appear in public: still in review, and not certified. */
const secrets = ['Secret Prototype', 'Rejected Gadget', 'Draft Idea'];

beforeAll(async () => {
  server = await startTestServer();
  const company = await companyWithOwner(server, 'acme');
  owner = company.owner;
  ownerEmail = company.user.email;
  ({ client: admin } = await signedInUser(server, 'admin'));
  reviewers = await reviewerPair(server);

  const certified = await submittedProduct(server, owner, 'acme', {
    name: 'Acme Thermostat',
    modelNumbers: 'AT-100\nAT-100E',
    webPageUrl: 'https://Acme.example/thermostat/',
  });
  await decideAs(server, reviewers, certified.applicationId, 'certify');
  const rejected = await submittedProduct(server, owner, 'acme', {
    name: 'Rejected Gadget',
    modelNumbers: 'RG-1',
  });
  await decideAs(server, reviewers, rejected.applicationId, 'not-certify');
  await submittedProduct(server, owner, 'acme', { name: 'Secret Prototype', modelNumbers: 'SP-9' });
  const draft = await owner.post('/en/companies/acme/products', {
    name: 'Draft Idea',
    category: 'toy',
    modelNumbers: 'DI-1',
    webPageUrl: 'https://acme.example/idea',
    description: 'Not ready.',
    firmwareVersion: '0.1',
    supportEndDate: '2031-01-01',
  });
  expect(draft.status).toBe(303);

  const list = await server.client().get('/api/v1/products');
  certificationId = (JSON.parse(list.text) as { items: { id: string }[] }).items[0]!.id;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('the public registry', () => {
  it('finds a certified product by words, model number, category, company and status', async () => {
    const visitor = server.client();
    for (const query of ['thermo', 'THERMOSTAT acme', 'at-100', 'at 100e', 'smart home']) {
      const page = await visitor.get(`/en/products?q=${encodeURIComponent(query)}`);
      expect(page.status, query).toBe(200);
      expect(page.text, query).toContain('Acme Thermostat');
      expect(page.text, query).toContain('1 product found.');
    }
    for (const query of ['q=nothing-like-this', 'category=toy', 'status=revoked', 'company=other']) {
      expect((await visitor.get(`/en/products?${query}`)).text, query).toContain('0 products found.');
    }
    const filtered = await visitor.get(
      '/en/products?category=smart-home&company=acme&status=active&sort=newest',
    );
    expect(filtered.text).toContain('Acme Thermostat');
    // Nonsense in the URL is ignored, never an error.
    expect((await visitor.get('/en/products?page=-3&sort=%27;drop&status=<x>')).status).toBe(200);
  });

  it('shows the certification, its answers, the support period, the badge, the QR code and JSON-LD', async () => {
    const page = (await server.client().get(`/en/products/${certificationId}`)).text;
    expect(page).toContain('Acme Thermostat');
    expect(page).toContain('promised until');
    expect(page).toContain(`src="/badge/${certificationId}.svg"`);
    expect(page).toContain(`/en/products/${certificationId}/qr.svg`);
    expect(page).toContain('"@type":"Product"');
    expect(page).toContain('How SEC-01 is met, in detail.');
    expect(page).toMatch(/<a href="https:\/\/acme\.example\/evidence\/[^"]+" rel="nofollow ugc noopener">/);
    const qr = await server.client().get(`/en/products/${certificationId}/qr.svg`);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(qr.text).toContain('<svg');
  });

  it('serves a badge fit for a CDN, with its live status, that revalidates by ETag', async () => {
    const badge = await server.client().get(`/badge/${certificationId}.svg`);
    expect(badge.status).toBe(200);
    expect(badge.headers.get('content-type')).toContain('image/svg+xml');
    expect(badge.headers.get('cache-control')).toBe('public, max-age=1, must-revalidate');
    expect(badge.text).toMatch(/certified until \d{4}-\d{2}/);
    expect(badge.text).toContain('<title>');
    const etag = badge.headers.get('etag')!;
    expect(
      (await server.client().get(`/badge/${certificationId}.svg`, { 'if-none-match': etag })).status,
    ).toBe(304);
    expect((await server.client().get('/badge/unknown.svg')).status).toBe(404);
  });

  it('sends the badge with the same headers from the one-second cache as from the app, embeddable anywhere', async () => {
    // Only what describes the connection may differ.
    const transport = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
    const headersOf = (response: { headers: Headers }) =>
      [...response.headers].filter(([name]) => !transport.has(name)).sort();
    const path = `/badge/${certificationId}.svg`;
    for (const encoding of ['gzip, deflate, br', 'identity']) {
      server.running.services.badges.invalidate(certificationId);
      const miss = await server.client().get(path, { 'accept-encoding': encoding });
      const hit = await server.client().get(path, { 'accept-encoding': encoding });
      expect(miss.status).toBe(200);
      expect(hit.status).toBe(200);
      expect(miss.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(headersOf(hit)).toEqual(headersOf(miss));
      expect(hit.text).toBe(miss.text);
    }
    const etag = (await server.client().get(path)).headers.get('etag')!;
    server.running.services.badges.invalidate(certificationId);
    const revalidatedByApp = await server.client().get(path, { 'if-none-match': etag });
    const revalidatedByCache = await server.client().get(path, { 'if-none-match': etag });
    expect(revalidatedByApp.status).toBe(304);
    expect(revalidatedByCache.status).toBe(304);
    expect(headersOf(revalidatedByCache)).toEqual(headersOf(revalidatedByApp));

    const qr = await server.client().get(`/de/products/${certificationId}/qr.svg`);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('answers the open data API with JSON, CORS, rate-limit headers and clear errors', async () => {
    const visitor = server.client();
    const list = await visitor.get('/api/v1/products?q=thermostat', { origin: 'https://research.example' });
    expect(list.status).toBe(200);
    expect(list.headers.get('access-control-allow-origin')).toBe('*');
    expect(list.headers.get('ratelimit-policy') ?? list.headers.get('ratelimit')).toBeTruthy();
    const body = JSON.parse(list.text) as {
      total: number;
      items: { product: { name: string } }[];
      licence: string;
    };
    expect(body.total).toBe(1);
    expect(body.items[0]!.product.name).toBe('Acme Thermostat');
    expect(body.licence).toContain('creativecommons.org/licenses/by/4.0');

    const one = JSON.parse((await visitor.get(`/api/v1/products/${certificationId}`)).text) as {
      answers: unknown[];
    };
    expect(one.answers.length).toBeGreaterThan(30);
    for (const lookup of ['model=at-100E', `url=${encodeURIComponent('https://acme.example/thermostat')}`]) {
      const found = JSON.parse((await visitor.get(`/api/v1/lookup?${lookup}`)).text) as { items: unknown[] };
      expect(found.items, lookup).toHaveLength(1);
    }
    expect(JSON.parse((await visitor.get('/api/v1/lookup?model=SP-9')).text)).toEqual({ items: [] });

    const bad = await visitor.get('/api/v1/products?status=pending');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: 'Bad request' });
    expect(JSON.parse(bad.text).message).toContain('status');
    expect(JSON.parse(bad.text).message).toContain('must be one of active, suspended, revoked, expired');
    const badPage = await visitor.get('/api/v1/products?page=abc');
    expect(JSON.parse(badPage.text).message).toBe('page: must be a whole number from 1 to 10000');
    const unknown = await visitor.get('/api/v2/anything');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(unknown.text).error).toBe('Not found');
    const both = await visitor.get('/api/v1/lookup?model=x&url=https://a.example');
    expect(both.status).toBe(400);
    expect(JSON.parse(both.text).message).toContain('Give exactly one of url or model.');
    const missing = await visitor.get('/api/v1/products/nothing');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toEqual({
      error: 'Not found',
      message: 'No certification has this id.',
    });

    const csv = await visitor.get('/api/v1/export.csv');
    expect(csv.headers.get('link')).toContain('creativecommons.org/licenses/by/4.0');
    expect(csv.text).toContain('"Acme Thermostat"');
    const json = JSON.parse((await visitor.get('/api/v1/export.json')).text) as { licence: { name: string } };
    expect(json.licence.name).toBe('CC BY 4.0');
    const openapi = JSON.parse((await visitor.get('/api/openapi.json')).text) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/v1/products', '/v1/products/{id}', '/v1/lookup']),
    );
  });

  it('publishes nothing of a pending, unsuccessful or draft application anywhere', async () => {
    const visitor = server.client();
    const seen = new Set<string>();
    const queue = [
      '/en',
      '/de',
      '/en/products',
      '/api/v1/products',
      '/api/v1/export.json',
      '/api/v1/export.csv',
    ];
    queue.push(
      '/feeds/certifications.atom',
      '/en/products?q=secret',
      '/en/products?q=rejected',
      '/en/news/feed.atom',
    );
    while (queue.length > 0 && seen.size < 400) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await visitor.get(path);
      for (const secret of secrets) expect(response.text, `${secret} on ${path}`).not.toContain(secret);
      for (const [, link] of response.text.matchAll(/href="(\/[^"#]*)"/g)) {
        const target = link!.replace(/&amp;/g, '&');
        if (!seen.has(target) && !target.startsWith('/assets/')) queue.push(target);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    for (const model of ['SP-9', 'RG-1', 'DI-1']) {
      expect(JSON.parse((await visitor.get(`/api/v1/lookup?model=${model}`)).text)).toEqual({ items: [] });
    }
  });

  it('shows a revocation at once on the badge, page, API and feed, with its public reason', async () => {
    // A mark of its own: the other tests here read Acme's as it was published.
    const { certificationId, user } = await certifiedCompany(server, reviewers, 'revoking-co', {
      name: 'Revoked Doorbell',
      category: 'other',
      modelNumbers: 'RD-1',
      webPageUrl: 'https://revoking.example/doorbell',
      description: 'A doorbell that rings.',
    });
    const reason = 'Shipped with a default password after all.';
    const revoked = await admin.post(`/en/admin/certifications/${certificationId}/status`, {
      action: 'revoke',
      reason,
    });
    expect(revoked.status).toBe(303);
    expect((await server.client().get(`/badge/${certificationId}.svg`)).text).toContain('revoked');
    expect((await server.client().get(`/en/products/${certificationId}`)).text).toContain(reason);
    const api = JSON.parse((await server.client().get(`/api/v1/products/${certificationId}`)).text) as {
      status: string;
      statusReason: string;
    };
    expect(api).toMatchObject({ status: 'revoked', statusReason: reason });
    const feed = (await server.client().get('/feeds/certifications.atom')).text;
    expect(feed).toContain('Revoked Doorbell: Revoked');
    expect(feed).toContain(reason);
    await server.smtp.waitFor(user.email, /Revoked Doorbell: certification revoked/);
    const again = await admin.post(`/en/admin/certifications/${certificationId}/status`, {
      action: 'suspend',
      reason: 'x',
    });
    expect(again.status).toBe(409);
    const noReason = await admin.post(`/en/admin/certifications/${certificationId}/status`, {
      action: 'revoke',
      reason: '',
    });
    expect(noReason.status).toBe(422);
  });
});

describe('the certification lifecycle', () => {
  it('never outlives the support promise, reminds once before expiry, and expires by itself exactly once', async () => {
    const { services } = server.running;
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const { applicationId } = await submittedProduct(server, owner, 'acme', {
      name: 'Short Lived Sensor',
      modelNumbers: 'SLS-1',
      supportEndDate: soon,
    });
    await decideAs(server, reviewers, applicationId, 'certify');
    const { items } = await services.registry.search({ q: 'short lived', page: 1, pageSize: 5 });
    const row = items[0]!;
    expect(row.valid_until).toBe(soon);

    expect(await services.lifecycle.sweep()).toEqual({ expired: 0, reminded: 1 });
    const reminder = await server.smtp.waitFor(
      ownerEmail,
      /Short Lived Sensor: the mark expires in 30 days or less/,
    );
    expect(reminder.text).toContain(soon);
    expect(await services.lifecycle.sweep()).toEqual({ expired: 0, reminded: 0 });

    // Time passes: the validity ended yesterday. Two instances sweeping at once expire it once.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await services.database.db
      .updateTable('certification')
      .set({ valid_until: yesterday })
      .where('id', '=', row.id)
      .execute();
    const sweeps = await Promise.all([services.lifecycle.sweep(), services.lifecycle.sweep()]);
    expect(sweeps.reduce((sum, result) => sum + result.expired, 0)).toBe(1);
    expect((await server.client().get(`/badge/${row.id}.svg`)).text).toContain('expired');
    expect((await server.client().get('/feeds/certifications.atom')).text).toContain(
      'Short Lived Sensor: Expired',
    );
  });

  it('renews from the company product page: a prefilled application that replaces the old mark', async () => {
    const { services } = server.running;
    const criteria = (await services.criteriaPublications.current()).criteria;
    const { productId, applicationId } = await submittedProduct(server, owner, 'acme', {
      name: 'Renewable Lock',
      modelNumbers: 'RL-7',
    });
    await decideAs(server, reviewers, applicationId, 'certify');
    const first = (await services.registry.forProduct(productId))!;
    const productPage = `/en/companies/acme/products/${productId}`;
    const before = (await owner.get(productPage)).text;
    expect(before).toContain('Certified, valid until');
    expect(before).toContain(`href="/en/products/${first.id}"`);
    expect(before).toContain('Renew certification');

    const renewed = await owner.post(`${productPage}/applications`, { sourceApplicationId: applicationId });
    expect(renewed.status).toBe(303);
    const renewalId = renewed.location!.split('/applications/')[1]!;
    const copied = await owner.get(`/en/applications/${renewalId}/criteria/${criteria[0]!.id}`);
    expect(copied.text).toContain(`How ${criteria[0]!.id} is met, in detail.`);
    const during = (await owner.get(productPage)).text;
    expect(during).toContain('A renewal is under way:');
    expect(during).not.toContain('Renew certification');

    await completeAll(owner, renewalId, criteria);
    expect((await owner.post(`/en/applications/${renewalId}/submit`, {})).status).toBe(303);
    await decideAs(server, reviewers, renewalId, 'certify');
    const second = (await services.registry.forProduct(productId))!;
    expect(second.id).not.toBe(first.id);
    expect(second.status).toBe('active');
    expect((await services.registry.find(first.id))!.status).toBe('expired');
    expect((await server.client().get(`/en/products/${first.id}`)).text).toContain(
      'Replaced by a renewed certification',
    );
    const search = await services.registry.search({
      q: 'renewable lock',
      status: 'active',
      page: 1,
      pageSize: 5,
    });
    expect(search.items.map((item) => item.id)).toEqual([second.id]);
  });
});
