import { describe, expect, it } from 'vitest';
import { browserSuite, isolatedContext, seriousViolations } from '../support/browser';

const publicPaths = [
  '',
  '/dimensions',
  '/products',
  '/products?q=air',
  '/open-data',
  '/partners',
  '/news',
  '/news/applications-are-open',
  '/contact',
  '/privacy',
  '/sign-in',
  '/sign-up',
  '/forgot-password',
  '/no-such-page',
];

const suite = browserSuite({ seed: true });

describe('every public page, in both languages', () => {
  for (const locale of ['en', 'de']) {
    it(`has no serious or critical accessibility violation and loads nothing from other hosts (${locale})`, async () => {
      const { context, foreignRequests } = await isolatedContext(suite.browser, suite.server.url);
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        // The 404 page is expected to report its own status; anything else is a defect.
        if (message.type() === 'error' && !message.text().includes('404')) consoleErrors.push(message.text());
      });
      const problems: Record<string, string[]> = {};
      for (const path of publicPaths) {
        const url =
          locale === 'de' && path === '/news/applications-are-open'
            ? '/de/news/bewerbungen-sind-offen'
            : `/${locale}${path}`;
        await page.goto(url);
        const violations = await seriousViolations(page);
        if (violations.length > 0) problems[url] = violations;
      }
      expect(problems).toEqual({});
      expect(foreignRequests).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }

  it('shows form errors accessibly: a summary linking to each field, marked invalid', async () => {
    // Without JavaScript the server alone reports the problems.
    const { context: plain } = await isolatedContext(suite.browser, suite.server.url, {
      javaScriptEnabled: false,
    });
    const withoutScript = await plain.newPage();
    await withoutScript.goto('/en/sign-up');
    await withoutScript.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => withoutScript.locator('.error-summary').isVisible()).toBe(true);
    expect(await withoutScript.getByLabel('Full name').getAttribute('aria-invalid')).toBe('true');
    expect(await withoutScript.locator('.error-summary a[href="#email"]').count()).toBe(1);
    await plain.close();

    // axe needs JavaScript; form.submit() skips the client-side checks to reach the same server page.
    const { context } = await isolatedContext(suite.browser, suite.server.url);
    const page = await context.newPage();
    await page.goto('/en/sign-up');
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('form.form').evaluate((form: HTMLFormElement) => form.submit()),
    ]);
    await expect.poll(() => page.locator('.error-summary').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
