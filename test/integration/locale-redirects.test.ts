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
});
