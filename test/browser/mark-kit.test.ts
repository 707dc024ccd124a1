import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedContext, pageSignedInAs, seriousViolations, browserSuite } from '../support/browser';
import { companyWithOwner } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certifiedCompany, reviewerPair, submittedProduct } from '../support/review';

/**
 * Issue 18, items 3 to 5 in a browser: a consumer's scan in German, the company's kit downloaded and
 * embedded on another origin, and a security notice and firmware release published through the forms.
 */
const suite = browserSuite();
let makerSite: Server | undefined;
let owner: HttpClient;
let certificationId: string;
let productPath: string;

beforeAll(async () => {
  const reviewers = await reviewerPair(suite.server);
  const certified = await certifiedCompany(suite.server, reviewers, 'boxco', { name: 'Box Speaker' });
  ({ owner, certificationId } = certified);
  productPath = `/en/companies/boxco/products/${certified.productId}`;
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => (makerSite ? makerSite.close(resolve) : resolve(undefined)));
});

/** One page on another origin (localhost instead of 127.0.0.1, another port), as a shop's site. */
async function serveOtherOrigin(html: string): Promise<string> {
  makerSite = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => makerSite!.listen(0, 'localhost', resolve));
  const address = makerSite.address();
  if (!address || typeof address === 'string') throw new Error('The other site did not start');
  return `http://localhost:${address.port}/`;
}

describe('the short link, the mark kit and security information in a browser', () => {
  it('opens the German page for a German visitor who scans the short link', async () => {
    const { context } = await isolatedContext(suite.browser, suite.server.url, { locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`/p/${certificationId}`);
    expect(new URL(page.url()).pathname).toBe(`/de/products/${certificationId}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await expect(page.getByRole('heading', { name: 'Sicherheitsinformationen' }).isVisible()).resolves.toBe(
      true,
    );
    await context.close();
  });

  it('lets the company download every kit item, each of its type and readable', async () => {
    const page = await pageSignedInAs(suite.browser, suite.server.url, owner);
    await page.goto(productPath);
    await page.getByRole('link', { name: 'Mark kit: badges, QR code, label and credential' }).click();
    expect(new URL(page.url()).pathname).toBe(`${productPath}/kit`);
    expect(await seriousViolations(page)).toEqual([]);
    // On a phone the kit fits the screen: nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const links = await page
      .locator('main a[download]')
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    // Eight badges, two QR codes, the label and the credential.
    expect(links).toHaveLength(12);
    const items = await page.evaluate(async (urls) => {
      const results = [];
      for (const url of urls) {
        const response = await fetch(url);
        const type = response.headers.get('content-type') ?? '';
        const blob = await response.blob();
        const readSvg = async () => {
          const document = new DOMParser().parseFromString(await blob.text(), 'image/svg+xml');
          return document.documentElement.nodeName === 'svg' && !document.querySelector('parsererror');
        };
        const readPng = async () => {
          const bitmap = await createImageBitmap(blob);
          return bitmap.width === 1024 && bitmap.height === 1024;
        };
        // The credential is a JWT: three dot-separated parts.
        const readable = type.startsWith('image/svg+xml')
          ? await readSvg()
          : type.startsWith('image/png')
            ? await readPng()
            : (await blob.text()).split('.').length === 3;
        results.push({
          url: new URL(url).pathname,
          status: response.status,
          type: type.split(';')[0],
          readable,
        });
      }
      return results;
    }, links);
    for (const item of items) expect(item, item.url).toMatchObject({ status: 200, readable: true });
    expect(items.map((item) => item.type).sort()).toEqual([
      'application/vc+jwt',
      'image/png',
      ...Array<string>(10).fill('image/svg+xml'),
    ]);
    await page.context().close();
  });

  it('shows every badge and the QR code on a page of another origin', async () => {
    const page = await pageSignedInAs(suite.browser, suite.server.url, owner);
    await page.goto(`${productPath}/kit`);
    const snippets = await page
      .locator('textarea[id^="html-"]')
      .evaluateAll((areas) => areas.map((area) => (area as HTMLTextAreaElement).value));
    await page.context().close();
    expect(snippets).toHaveLength(8);
    const qr = `${suite.server.url}/p/${certificationId}`;
    const otherSite = await serveOtherOrigin(
      `<!doctype html><html lang="en"><title>Shop</title>${snippets.join('')}<img id="qr-svg" src="${qr}/qr.svg" alt="QR"><img id="qr-png" src="${qr}/qr.png" alt="QR"></html>`,
    );
    expect(new URL(otherSite).origin).not.toBe(new URL(suite.server.url).origin);
    const context = await suite.browser.newContext();
    const shop = await context.newPage();
    await shop.goto(otherSite);
    const loaded = await shop
      .locator('img')
      .evaluateAll((images) =>
        images.map(
          (image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0,
        ),
      );
    expect(loaded).toEqual(Array<boolean>(10).fill(true));
    // The badge links to the short link, which opens the page in the visitor's language.
    await shop.locator('a').first().click();
    expect(new URL(shop.url()).pathname).toBe(`/en/products/${certificationId}`);
    await context.close();
  });

  it('publishes a notice and a firmware release that show on the page, the feed and the API', async () => {
    const page = await pageSignedInAs(suite.browser, suite.server.url, owner);
    await page.goto(`${productPath}/security`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Title').fill('Weak pairing PIN');
    await page.getByLabel('Date of the notice').fill('2026-11-30');
    await page.getByLabel('Severity').selectOption('critical');
    await page.getByLabel('Affected firmware versions').fill('2.0 to 2.3');
    await page.getByLabel('Fixed in firmware version').fill('2.4');
    await page.getByLabel('Link to the advisory').fill('https://boxco.example/advisory/7');
    await page.getByRole('button', { name: 'Publish the notice' }).click();
    await expect(page.getByText('The security notice has been published.').isVisible()).resolves.toBe(true);
    await page.getByLabel('Firmware version', { exact: true }).fill('2.4');
    await page.getByLabel('Release date').fill('2026-12-01');
    await page.getByLabel('Link to the release notes').fill('https://boxco.example/notes/2.4');
    await page.getByRole('button', { name: 'Publish the release' }).click();
    await expect(page.getByText('The firmware release has been published.').isVisible()).resolves.toBe(true);
    await page.context().close();

    const { context } = await isolatedContext(suite.browser, suite.server.url);
    const visitor = await context.newPage();
    await visitor.goto(`/en/products/${certificationId}`);
    const section = visitor.locator('#security');
    await expect(section.getByText('Weak pairing PIN').isVisible()).resolves.toBe(true);
    await expect(section.getByText('Critical').isVisible()).resolves.toBe(true);
    await expect(section.getByText('2.4 · Release notes').isVisible()).resolves.toBe(true);
    expect(await seriousViolations(visitor)).toEqual([]);
    const feed = await visitor.request.get(`/en/products/${certificationId}/security.atom`);
    expect(await feed.text()).toContain('Security notice (Critical): Weak pairing PIN');
    const api = (await (
      await visitor.request.get(`/api/v1/products/${certificationId}/security`)
    ).json()) as {
      notices: { title: string }[];
      firmwareReleases: { version: string }[];
    };
    expect(api.notices.map((notice) => notice.title)).toContain('Weak pairing PIN');
    expect(api.firmwareReleases.map((release) => release.version)).toContain('2.4');
    await context.close();
  });

  it('offers no notice on a pending product, and nothing of another company', async () => {
    const { owner: pendingOwner } = await companyWithOwner(suite.server, 'waitco');
    const { productId } = await submittedProduct(suite.server, pendingOwner, 'waitco', {
      name: 'Waiting Lock',
    });
    const page = await pageSignedInAs(suite.browser, suite.server.url, pendingOwner);
    const pending = `/en/companies/waitco/products/${productId}`;
    await page.goto(pending);
    expect(await page.getByRole('link', { name: /Publish security notices/ }).count()).toBe(0);
    for (const path of [
      `${pending}/security`,
      `${pending}/kit`,
      `${productPath}/kit`,
      `${productPath}/security`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    await page.context().close();
  });
});
