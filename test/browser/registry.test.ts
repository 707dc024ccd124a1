import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, isolatedContext, pageSignedInAs, seriousViolations } from '../support/browser';
import { companyWithOwner, signedInUser } from '../support/flows';
import { decideAs, reviewerPair, submittedProduct } from '../support/review';

const suite = browserSuite();

async function imageLoaded(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0);
}

/** Words the label must show, by language: status, months of updates, the five dimensions, four questions. */
const labelWords = {
  en: {
    status: 'Certified',
    months: /months left/,
    dimensions: ['Privacy', 'Transparency', 'Security', 'Stability', 'Openness'],
    questions: ['What personal data', 'How is it stored', 'Who can access', 'export and delete'],
  },
  de: {
    status: 'Zertifiziert',
    months: /noch \d+ Monate/,
    dimensions: ['Datenschutz', 'Transparenz', 'Sicherheit', 'Beständigkeit', 'Offenheit'],
    questions: [
      'Welche persönlichen Daten',
      'Wie werden sie gespeichert',
      'Wer hat Zugriff',
      'exportieren und löschen',
    ],
  },
};

/**
 * A consumer reads the label without scrolling, on a laptop (1280×800) and on a phone (375×812, a phone of that width): every
 * line of it lies within the first screen, and it validates for accessibility.
 */
async function labelOnFirstScreen(page: Page, path: string, locale: 'en' | 'de') {
  const words = labelWords[locale];
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 375, height: 812 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto(path);
    const label = page.locator('#label');
    const text = await label.innerText();
    expect(text).toContain(words.status);
    expect(text).toMatch(words.months);
    for (const word of [...words.dimensions, ...words.questions])
      expect(text, `${locale} ${word}`).toContain(word);
    expect(await label.locator('tbody tr').count()).toBe(5);
    expect(await label.locator('dd a').count()).toBe(4);
    const bottom = await label.evaluate((element) => element.getBoundingClientRect().bottom);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    if (process.env['LABEL_SCREENSHOTS'])
      await page.screenshot({
        path: `${process.env['LABEL_SCREENSHOTS']}/label-${locale}-${viewport.width}.png`,
      });
    expect(bottom, `${locale} ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(viewport.height);
  }
  expect(await seriousViolations(page)).toEqual([]);
}

describe('the registry in a browser', () => {
  it('finds a certified product by search and model number, shows its mark, verifies its credential, and shows a revocation everywhere', async () => {
    const { server, browser } = suite;
    const { owner } = await companyWithOwner(server, 'nordlicht');
    const admin = await signedInUser(server, 'admin');
    const reviewers = await reviewerPair(server);
    const { applicationId } = await submittedProduct(server, owner, 'nordlicht', {
      name: 'Nordlicht Smart Lamp',
      modelNumbers: 'NL-42\nNL-42B',
      webPageUrl: 'https://nordlicht.example/lamp',
    });
    await decideAs(server, reviewers, applicationId, 'certify');
    await submittedProduct(server, owner, 'nordlicht', {
      name: 'Nordlicht Hidden Hub',
      modelNumbers: 'NL-99',
    });

    const { context, foreignRequests } = await isolatedContext(browser, server.url);
    const page = await context.newPage();
    await page.goto('/en');
    await page.getByRole('link', { name: 'Certified products' }).first().click();
    await page.getByLabel('Search by name, company, category or model number').fill('smart lamp');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 product found.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Search by name, company, category or model number').fill('NL-42B');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Nordlicht Smart Lamp' }).click();
    await page.getByRole('heading', { name: 'Nordlicht Smart Lamp', level: 1 }).waitFor();
    expect(await imageLoaded(page, 'img[alt^="Trustmark badge"]')).toBe(true);
    expect(await imageLoaded(page, 'img[alt="QR code linking to this registry entry"]')).toBe(true);
    expect(await page.getByText('promised until').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    const productPath = new URL(page.url()).pathname;
    const certificationId = productPath.split('/').pop()!;
    await labelOnFirstScreen(page, productPath, 'en');
    // A German buyer scans the QR code on the box: the short link opens the German page, label first.
    const scanned = await isolatedContext(browser, server.url, { locale: 'de-DE' });
    const scannedPage = await scanned.context.newPage();
    await labelOnFirstScreen(scannedPage, `/p/${certificationId}`, 'de');
    expect(new URL(scannedPage.url()).pathname).toBe(productPath.replace('/en/', '/de/'));
    expect(scanned.foreignRequests).toEqual([]);
    await scanned.context.close();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(productPath);

    // The credential downloads from the product page and verifies on the Verify page.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the credential (.jwt)' }).click(),
    ]);
    const credentialFile = await download.path();
    const verify = async () => {
      await page.goto('/en/verify');
      await page.getByLabel('Or choose the credential file').setInputFiles(credentialFile);
      await page.getByRole('button', { name: 'Verify' }).click();
      return page.locator('[data-verdict]').innerText();
    };
    expect(await verify()).toContain('Valid: signed by this program');
    expect(await page.locator('[data-passed="true"]').count()).toBe(5);
    expect(await seriousViolations(page)).toEqual([]);

    const adminPage = await pageSignedInAs(browser, server.url, admin.client);
    await adminPage.goto('/en/admin/certifications');
    await adminPage.getByLabel('Change').selectOption({ label: 'Revoke' });
    await adminPage.getByLabel('Public reason').fill('The lamp phones home without consent.');
    await adminPage.getByRole('button', { name: 'Apply' }).click();
    await adminPage.getByText('The status has been changed.').waitFor();

    expect(await verify()).toContain('Revoked: the program has revoked this certification.');
    await page.goto(productPath);
    await page.getByText('The lamp phones home without consent.').first().waitFor();
    const badge = await page.request.get(`/badge/${certificationId}.svg`);
    expect(await badge.text()).toContain('revoked');
    const api = await (await page.request.get(`/api/v1/products/${certificationId}`)).json();
    expect(api.status).toBe('revoked');
    const feed = await (await page.request.get('/feeds/certifications.atom')).text();
    expect(feed).toContain('Nordlicht Smart Lamp: Revoked');

    await page.goto('/en/products?q=nordlicht');
    expect(await page.content()).not.toContain('Nordlicht Hidden Hub');
    const lookup = await (await page.request.get('/api/v1/lookup?model=NL-99')).json();
    expect(lookup.items).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
