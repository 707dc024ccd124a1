import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

describe('addresses without a language', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (path: string, acceptLanguage?: string) =>
    server.client().get(path, acceptLanguage ? { 'accept-language': acceptLanguage } : {});

  it("send a page's address to the visitor's language, keeping the query", async () => {
    const cases: [path: string, acceptLanguage: string | undefined, location: string][] = [
      ['/products', undefined, '/en/products'],
      ['/products', 'de-CH,de;q=0.9,en;q=0.5', '/de/products'],
      ['/news', 'fr-FR, de;q=0.8', '/de/news'],
      ['/products/some-certification', 'en-GB', '/en/products/some-certification'],
      ['/products?q=thermostat&category=smart-home', 'de', '/de/products?q=thermostat&category=smart-home'],
      ['/contact', 'ja', '/en/contact'],
      ['/sign-in?next=%2Fen%2Faccount', undefined, '/en/sign-in?next=%2Fen%2Faccount'],
      ['/products/company/acme', 'de', '/de/products/company/acme'],
    ];
    for (const [path, acceptLanguage, location] of cases) {
      const response = await get(path, acceptLanguage);
      expect(response.status, path).toBe(302);
      expect(response.location, path).toBe(location);
      expect(response.headers.get('vary'), path).toContain('Accept-Language');
    }
    // The redirect leads to the page itself.
    expect((await get((await get('/news', 'de')).location!)).status).toBe(200);
  });

  it('still answers 404 for what is no page in any language, and leaves other addresses alone', async () => {
    for (const path of [
      '/no-such-page',
      '/products/a/b/c',
      '/fr/products',
      '/en/no-such-page',
      '/api/v1/nothing',
      '/log/nothing',
      '/badge/nothing.svg',
      '/credentials/nothing',
      '/feeds/nothing.atom',
      '/.well-known/nothing',
      '/assets/nothing.css',
      '/news-images/nothing',
    ]) {
      const response = await get(path, 'de');
      expect(response.status, path).toBe(404);
      expect(response.location, path).toBeNull();
    }
    expect((await get('/healthz')).status).toBe(200);
    expect((await server.client().post('/contact', {})).status).toBe(404);
  });

  it('never turns an address into a redirect to another site', async () => {
    let redirected = 0;
    for (const path of [
      '//evil.example/x',
      '//evil.example/products',
      '//evil.example',
      '/\\evil.example/products',
      '/%2F%2Fevil.example/products',
      '/products/..%2F..%2F%2Fevil.example',
      '/products/%5C%5Cevil.example',
      '/products/@evil.example',
    ]) {
      const response = await get(path);
      if (response.location === null) {
        expect(response.status, path).toBe(404);
        continue;
      }
      redirected++;
      expect(response.location, path).toMatch(/^\/(en|de)\/[^/\\]/);
      expect(new URL(response.location, server.url).origin, path).toBe(server.url);
    }
    // The last three are product addresses with odd identifiers: sent on, but only on this site.
    expect(redirected).toBe(3);
  });

  it('answer 404, never 500, when the address holds a character no header may carry', async () => {
    for (const path of [
      '/products/%0aX',
      '/products/%0d%0aSet-Cookie:%20stolen=1',
      '/products/%00',
      '/products/%7f',
      '/products/%09x',
      '/products/%1b%5B31m',
      '/products/%C2%85',
      '/news%0a',
      '/products/x/qr.svg%0d',
    ]) {
      const response = await get(path, 'de');
      expect(response.status, path).toBe(404);
      expect(response.location, path).toBeNull();
      expect(response.headers.get('set-cookie'), path).toBeNull();
    }
    // A character that is merely unusual is still sent on.
    expect((await get('/products/%E2%82%AC')).status).toBe(302);
  });

  it('let another site embed an image through its address without a language', async () => {
    const qr = await get('/products/some-certification/qr.svg');
    expect(qr.status).toBe(302);
    expect(qr.location).toBe('/en/products/some-certification/qr.svg');
    expect(qr.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    // A redirect carries no content of its own, so every one of them may be followed from anywhere.
    expect((await get('/news')).headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    // Pages themselves keep their own policy.
    expect((await get('/en/news')).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});
