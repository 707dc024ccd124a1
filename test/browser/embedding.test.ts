import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser';
import { companyWithOwner } from '../support/flows';
import { decideAs, reviewerPair, submittedProduct } from '../support/review';

const suite = browserSuite();
let makerSite: Server | undefined;

afterAll(async () => {
  await new Promise((resolve) => (makerSite ? makerSite.close(resolve) : resolve(undefined)));
});

/** The text of a read-only textarea as the visitor sees it (its HTML escapes undone). */
function textareaText(html: string, id: string): string {
  const match = html.match(new RegExp(`<textarea id="${id}"[^>]*>([\\s\\S]*?)</textarea>`));
  if (!match?.[1]) throw new Error(`No textarea ${id} in the page`);
  return match[1]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Serves one page on another origin (localhost instead of 127.0.0.1, another port), as a maker's site. */
async function serveMakerSite(html: string): Promise<string> {
  makerSite = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => makerSite!.listen(0, 'localhost', resolve));
  const address = makerSite.address();
  if (!address || typeof address === 'string') throw new Error('The maker site did not start');
  return `http://localhost:${address.port}/`;
}

describe('the mark on a maker’s own website', () => {
  it('shows the embedded badge and the QR code on another origin every time, fresh from the app or from the cache', async () => {
    const { server, browser } = suite;
    const { owner } = await companyWithOwner(server, 'embedder');
    const reviewers = await reviewerPair(server);
    const { applicationId } = await submittedProduct(server, owner, 'embedder', { name: 'Embedded Plug' });
    await decideAs(server, reviewers, applicationId, 'certify');
    const list = JSON.parse((await server.client().get('/api/v1/products')).text) as {
      items: { id: string }[];
    };
    const certificationId = list.items[0]!.id;
    const productPage = (await server.client().get(`/en/products/${certificationId}`)).text;
    const snippet = textareaText(productPage, 'embed-html');
    expect(snippet).toContain(`${server.url}/badge/${certificationId}.svg`);
    const qrUrl = `${server.url}/en/products/${certificationId}/qr.svg`;
    const makerUrl = await serveMakerSite(
      `<!doctype html><html lang="en"><title>Embedded Plug</title>${snippet}<img id="qr" src="${qrUrl}" alt="QR"></html>`,
    );
    expect(new URL(makerUrl).origin).not.toBe(new URL(server.url).origin);

    const results: { load: number; badge: boolean; qr: boolean }[] = [];
    for (let load = 0; load < 8; load++) {
      // Every other load starts with the badge gone from the one-second cache, so the app answers it;
      // the loads in between come within that second and are answered from the cache.
      if (load % 2 === 0) server.running.services.badges.invalidate(certificationId);
      // A fresh profile each time, so the browser's own cache does not hide either path.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(makerUrl);
      const loaded = (selector: string) =>
        page
          .locator(selector)
          .evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0);
      results.push({ load, badge: await loaded('a img'), qr: await loaded('#qr') });
      await context.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(results).toEqual(results.map(({ load }) => ({ load, badge: true, qr: true })));
  });
});
