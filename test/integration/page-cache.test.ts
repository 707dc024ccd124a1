import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/platform/web/env';
import { createPageCache, type PageCache } from '../../src/platform/web/page-cache';
import { signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certifiedCompany, reviewerPair } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let reviewers: HttpClient[];
beforeAll(async () => {
  server = await startTestServer({ seed: true });
  reviewers = await reviewerPair(server);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const signedInHeader = /href="\/(en|de)\/account"/;
const visitorHeader = /href="\/en\/sign-in"/;

/** Polls `path` as a visitor until its page contains `text`; the milliseconds that took. */
async function millisecondsUntil(path: string, text: string, since: number): Promise<number> {
  for (;;) {
    const response = await server.client().get(path);
    if (response.text.includes(text)) return performance.now() - since;
    if (performance.now() - since > 5000) throw new Error(`${path} did not show "${text}" within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('public pages rendered once for visitors', () => {
  it('keeps a visitor’s page, and never gives it to a signed-in user or theirs to a visitor', async () => {
    const pages = server.running.services.pages;
    pages.invalidate();
    const visitor = await server.client().get('/en/dimensions');
    expect(visitor.text).toMatch(visitorHeader);
    expect(pages.size().entries).toBe(1);

    const { client, user } = await signedInUser(server, 'applicant');
    pages.invalidate();
    for (const path of ['/en/dimensions', '/en/dimensions', '/en']) {
      const own = await client.get(path);
      expect(own.status).toBe(200);
      expect(own.text).toMatch(signedInHeader);
      expect(own.text).not.toMatch(visitorHeader);
    }
    // The signed-in views were not kept, so the visitor after them gets a visitor's page.
    expect(pages.size().entries).toBe(0);
    for (let visit = 0; visit < 2; visit++) {
      const after = await server.client().get('/en/dimensions');
      expect(after.text).toMatch(visitorHeader);
      expect(after.text).not.toMatch(signedInHeader);
      expect(after.text).not.toContain(user.email);
    }
    expect(pages.size().entries).toBe(1);
    // And the signed-in user, with a visitor's page now kept at that address, still gets their own.
    expect((await client.get('/en/dimensions')).text).toMatch(signedInHeader);
  });

  it('keeps each language’s page apart and sends the same bytes, compressed or not', async () => {
    for (let round = 0; round < 2; round++) {
      for (const locale of ['en', 'de'] as const) {
        const plain = await server.client().get(`/${locale}/products`, { 'accept-encoding': 'identity' });
        const compressed = await server.client().get(`/${locale}/products`, { 'accept-encoding': 'gzip' });
        expect(plain.text).toContain(`<html lang="${locale}">`);
        expect(compressed.headers.get('content-encoding')).toBe('gzip');
        expect(plain.headers.get('content-encoding')).toBeNull();
        expect(compressed.text).toBe(plain.text);
        expect(compressed.headers.get('content-security-policy')).toBe(
          plain.headers.get('content-security-policy'),
        );
      }
    }
    expect((await server.client().get('/de/products')).text).toContain('Zertifizierte Produkte');
  });

  it('sends a kept page with every header the rendered one had, security headers included', async () => {
    const transport = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
    const headersOf = (response: { headers: Headers }) =>
      [...response.headers].filter(([name]) => !transport.has(name)).sort();
    for (const encoding of ['gzip', 'identity']) {
      server.running.services.pages.invalidate();
      const rendered = await server.client().get('/en/partners', { 'accept-encoding': encoding });
      const kept = await server.client().get('/en/partners', { 'accept-encoding': encoding });
      expect(kept.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(kept.headers.get('x-content-type-options')).toBe('nosniff');
      expect(headersOf(kept)).toEqual(headersOf(rendered));
      expect(kept.text).toBe(rendered.text);
    }
  });

  it('shows a status change made on another instance on the product page and the registry within a second', async () => {
    const { certificationId } = await certifiedCompany(server, reviewers, 'elsewhere-co');
    const product = `/en/products/${certificationId}`;
    const list = '/en/products?company=elsewhere-co';
    const reason = 'Revoked on another instance.';
    // Both pages kept as certified.
    for (const path of [product, list]) expect((await server.client().get(path)).text).toContain('Certified');
    const changedAt = performance.now();
    // Another instance's change reaches this one only through the database: nothing here is told.
    await server.running.services.database.db
      .updateTable('certification')
      .set({ status: 'revoked', status_reason: reason, updated_at: new Date().toISOString() })
      .where('id', '=', certificationId)
      .execute();
    const [onProduct, onList] = await Promise.all([
      millisecondsUntil(product, reason, changedAt),
      millisecondsUntil(list, 'Revoked', changedAt),
    ]);
    // A second, and the time a loaded test machine takes to answer (as the instances test allows).
    expect(onProduct).toBeLessThanOrEqual(1500);
    expect(onList).toBeLessThanOrEqual(1500);
  });

  it('drops the kept pages at once when a change is made through this instance', async () => {
    const { certificationId } = await certifiedCompany(server, reviewers, 'here-co');
    const { client: admin } = await signedInUser(server, 'admin');
    const product = `/en/products/${certificationId}`;
    expect((await server.client().get(product)).text).not.toContain('Suspended');
    const reason = 'Suspended here.';
    const changed = await admin.post(`/en/admin/certifications/${certificationId}/status`, {
      action: 'suspend',
      reason,
    });
    expect(changed.status).toBe(303);
    expect((await server.client().get(product)).text).toContain(reason);
  });

  it('keeps the pages while a company works, and drops them when staff change something', async () => {
    const pages = server.running.services.pages;
    const { client: admin } = await signedInUser(server, 'admin');
    const { client: applicant } = await signedInUser(server, 'applicant');
    pages.invalidate();
    await server.client().get('/en');
    await server.client().get('/en/partners');
    const kept = pages.size().entries;
    expect(kept).toBe(2);
    expect((await applicant.post('/en/companies', { name: 'Busy GmbH', slug: 'busy-gmbh' })).status).toBe(
      303,
    );
    expect((await applicant.post('/en/companies', { name: 'Bad', slug: 'Bad slug!' })).status).toBe(422);
    expect(pages.size().entries).toBe(kept);
    const refused = await admin.post(`/en/admin/certifications/no-such-certification/status`, {
      action: 'suspend',
      reason: 'Nothing here.',
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(pages.size().entries).toBe(kept);
    const paused = await admin.post('/en/admin/reviews/pause', {
      messageEn: 'Paused now.',
      messageDe: 'Pausiert.',
    });
    expect(paused.status).toBe(303);
    expect(pages.size().entries).toBe(0);
    expect((await server.client().get('/en')).text).toContain('Paused now.');
    expect((await admin.post('/en/admin/reviews/resume', {})).status).toBe(303);
    expect((await server.client().get('/en')).text).not.toContain('Paused now.');
  });

  it('does not keep a page asked for with a padded address', async () => {
    const pages = server.running.services.pages;
    pages.invalidate();
    const padded = await server.client().get(`/en/privacy?${'z'.repeat(2000)}`);
    expect(padded.status).toBe(200);
    expect(pages.size().entries).toBe(0);
    await server.client().get('/en/privacy?short');
    expect(pages.size().entries).toBe(1);
  });

  it('never keeps an error page or a page for another method', async () => {
    const pages = server.running.services.pages;
    pages.invalidate();
    expect((await server.client().get('/en/products/no-such-product')).status).toBe(404);
    expect((await server.client().get('/en/news/no-such-post')).status).toBe(404);
    expect(pages.size().entries).toBe(0);
  });
});

describe('the page cache itself', () => {
  let app: Server;
  let url: string;
  let pages: PageCache;
  let renders: number;

  beforeAll(async () => {
    pages = createPageCache({ freshnessMs: 60_000, maxEntries: 3, maxBytes: 40_000 });
    renders = 0;
    const hono = new Hono<AppEnv>();
    hono.use(pages.keep, async (c, next) => {
      c.set('user', null);
      await next();
    });
    const html = (text: string) => `<!DOCTYPE html><p>${text}</p>`;
    hono.get('/with-cookie', pages.remember, (c) => {
      renders++;
      c.header('Set-Cookie', 'seen=1; Path=/');
      return c.html(html('cookie'));
    });
    hono.get('/large/:n', pages.remember, (c) => {
      renders++;
      return c.html(html(`${c.req.param('n')} ${'x'.repeat(15_000)}`));
    });
    hono.get('/small/:n', pages.remember, (c) => {
      renders++;
      return c.html(html(c.req.param('n')));
    });
    const listener = getRequestListener(hono.fetch);
    app = createServer((request, response) => {
      if (!pages.answerFresh(request, response)) void listener(request, response);
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const address = app.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => app?.close(resolve));
  });

  it('never keeps an answer that sets a cookie', async () => {
    const before = renders;
    for (let visit = 0; visit < 3; visit++) {
      const response = await fetch(`${url}/with-cookie`);
      expect(response.headers.getSetCookie()).toEqual(['seen=1; Path=/']);
    }
    expect(renders - before).toBe(3);
    expect(pages.size().entries).toBe(0);
  });

  it('renders a kept page once, and stays within its number of entries and bytes', async () => {
    const before = renders;
    for (let visit = 0; visit < 3; visit++)
      expect(await (await fetch(`${url}/small/a`)).text()).toContain('a');
    expect(renders - before).toBe(1);
    for (let n = 0; n < 6; n++) await fetch(`${url}/small/${n}`);
    expect(pages.size().entries).toBe(3);
    // Three pages of 15 KB (plain, and a few hundred bytes compressed) are more than 40,000 bytes.
    for (let n = 0; n < 3; n++)
      await fetch(`${url}/large/${n}`, { headers: { 'accept-encoding': 'identity' } });
    expect(pages.size().bytes).toBeLessThanOrEqual(40_000);
    expect(pages.size().entries).toBeLessThan(3);
  });

  it('does not serve a kept page to a request with a session cookie', async () => {
    await fetch(`${url}/small/session`);
    const before = renders;
    await fetch(`${url}/small/session`, { headers: { cookie: 'trustmark.session_token=abc' } });
    expect(renders - before).toBe(1);
  });
});
