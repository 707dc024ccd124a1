import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../support/http';
import { certifiedCompany, reviewerPair } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * An outside review of security notices: what a company types is text everywhere it is shown. The Atom feed
 * declares its entries' titles and summaries as HTML (type="html"), so feed readers render them as markup.
 */
let server: TestServer;
let owner: HttpClient;
let certificationId: string;
let productPath: string;

beforeAll(async () => {
  server = await startTestServer();
  const reviewers = await reviewerPair(server);
  const certified = await certifiedCompany(server, reviewers, 'feedco', { name: 'Feed <b>Camera</b>' });
  ({ owner, certificationId } = certified);
  productPath = `/en/companies/feedco/products/${certified.productId}`;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

/** The text a feed reader shows for an element declared type="html": its markup parsed, entities decoded. */
function htmlElements(feed: string, name: string): string[] {
  const pattern = new RegExp(`<${name} type="html">([\\s\\S]*?)</${name}>`, 'g');
  return [...feed.matchAll(pattern)].map((match) =>
    (match[1] ?? '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1'),
  );
}

describe('the security feed', () => {
  it('carries a notice’s title and versions as text, not as markup a feed reader renders', async () => {
    const title = 'Overflow in <input> parsing <img src=x onerror=alert(1)> & more';
    const published = await owner.post(`${productPath}/security/notices`, {
      title,
      date: '2026-11-20',
      severity: 'high',
      affectedVersions: '<script>alert(2)</script>',
      fixedVersion: '1.0 & later',
      advisoryUrl: 'https://feedco.example/advisories/1',
      csafUrl: '',
    });
    expect(published.status).toBe(303);
    const feed = await server.client().get(`/en/products/${certificationId}/security.atom`);
    expect(feed.status).toBe(200);
    const titles = htmlElements(feed.text, 'title');
    const summaries = htmlElements(feed.text, 'summary');
    expect(titles.length).toBeGreaterThan(0);
    for (const html of [...titles, ...summaries]) {
      expect(html).not.toMatch(/<(img|script|input)\b/i);
      expect(html).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
    }
    expect(titles.join('\n')).toContain(
      'Overflow in &lt;input&gt; parsing &lt;img src=x onerror=alert(1)&gt; &amp; more',
    );
    expect(summaries.join('\n')).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    // The page and the API show the same text as typed, escaped by the page and as plain JSON.
    const page = (await server.client().get(`/en/products/${certificationId}`)).text;
    expect(page).toContain('Overflow in &lt;input&gt; parsing');
    expect(page).not.toContain('<img src=x');
    const api = JSON.parse(
      (await server.client().get(`/api/v1/products/${certificationId}/security`)).text,
    ) as {
      notices: { title: string }[];
    };
    expect(api.notices[0]?.title).toBe(title);
  });
});
