import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { answer, completeAll, createProduct, samplePdf, startApplication } from '../support/applications';
import { browserSuite, seriousViolations } from '../support/browser';
import { companyWithOwner, enableTwoFactor, signedInUser, signIn } from '../support/flows';
import type { HttpClient } from '../support/http';
import { publicPagePaths } from '../support/pages';
import { certificationOf, decideAs } from '../support/review';
import type { TestServer } from '../support/server';

const suite = browserSuite({ seed: true });

/** The width of a small phone; no page may scroll sideways at it. */
const phone = { width: 375, height: 800 };

/** A link address as long as real documentation links get, with nowhere to break. */
const longUrl =
  'https://narrow-devices.example/documentation/security-and-privacy/processing-records/2026-edition/data-inventory-and-retention-schedule#data-inventory';
const longTitle = 'Data inventory and retention schedule';

/** For a page that is too wide: how wide, and the innermost element that reaches furthest right. */
async function overflow(page: Page): Promise<string | undefined> {
  return page.evaluate((limit) => {
    const width = document.documentElement.scrollWidth;
    if (width <= limit) return undefined;
    let widest = '';
    let right = limit;
    for (const element of document.body.querySelectorAll('*')) {
      const edge = element.getBoundingClientRect().right;
      if (edge >= right) {
        right = edge;
        widest = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}`;
      }
    }
    return `${width} px wide (${widest} reaches ${Math.round(right)} px)`;
  }, phone.width);
}

/** Opens each path in a phone-sized window and names every page that scrolls sideways. */
async function tooWide(page: Page, paths: readonly string[]): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    const problem = await overflow(page);
    if (problem) problems[path] = problem;
  }
  return problems;
}

async function signedInPage(
  browser: Browser,
  baseUrl: string,
  viewport: { width: number; height: number },
  client?: HttpClient,
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  if (client) {
    await context.addCookies(
      client
        .cookieHeader()
        .split('; ')
        .filter(Boolean)
        .map((pair) => {
          const separator = pair.indexOf('=');
          return { name: pair.slice(0, separator), value: pair.slice(separator + 1), url: baseUrl };
        }),
    );
  }
  return context.newPage();
}

/** The demo's two reviewers, with two-factor authentication on so they can review. */
async function demoReviewers(server: TestServer): Promise<HttpClient[]> {
  const accounts = server.running.demoCredentials!.accounts.filter((account) => account.role === 'reviewer');
  const clients: HttpClient[] = [];
  for (const account of accounts) {
    const client = server.client();
    const user = { name: account.name, email: account.email, password: account.password };
    await signIn(client, user);
    await enableTwoFactor(client, user);
    clients.push(client);
  }
  return clients;
}

const narrowProduct = {
  name: 'Narrow Camera',
  category: 'smart-home',
  // A model number and a product page as long as real ones get.
  modelNumbers: 'ND-1\nND-1-EU-WIFI-2026-REV-B',
  webPageUrl: longUrl,
  description: 'Keeps the heating right, online or not.',
  firmwareVersion: '1.0.3',
  supportEndDate: '2032-06-30',
};

/** A draft application of a new company with a long link and a file as evidence for one criterion. */
async function draftWithEvidence(server: TestServer, slug: string) {
  const criteria = (await server.running.services.criteriaPublications.current()).criteria;
  const withEvidence = criteria.find((criterion) => criterion.met.includes('evidence'))!;
  const { owner } = await companyWithOwner(server, slug);
  const addEvidence = async (applicationId: string) => {
    const criterionPath = `/en/applications/${applicationId}/criteria/${withEvidence.id}`;
    expect((await answer(owner, applicationId, withEvidence, 'met', 'Documented.')).status).toBe(303);
    const linked = await owner.post(`${criterionPath}/links`, { url: longUrl, title: longTitle });
    expect(linked.status).toBe(303);
    const uploaded = await owner.upload(`${criterionPath}/files`, 'file', samplePdf, 'penetration-test.pdf');
    expect(uploaded.status).toBe(303);
  };
  const productId = await createProduct(owner, slug, narrowProduct);
  const applicationId = await startApplication(owner, slug, productId);
  await addEvidence(applicationId);
  return {
    owner,
    addEvidence,
    productId,
    applicationId,
    criterionPath: `/applications/${applicationId}/criteria/${withEvidence.id}`,
  };
}

/** Besides the draft, one application certified and one in review, each with the same evidence. */
async function narrowCompany(server: TestServer, slug: string) {
  const criteria = (await server.running.services.criteriaPublications.current()).criteria;
  const draft = await draftWithEvidence(server, slug);
  const submitted = async (name: string) => {
    const productId = await createProduct(draft.owner, slug, { ...narrowProduct, name });
    const applicationId = await startApplication(draft.owner, slug, productId);
    await completeAll(draft.owner, applicationId, criteria);
    await draft.addEvidence(applicationId);
    expect((await draft.owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
    return { productId, applicationId };
  };
  return {
    ...draft,
    certified: await submitted('Narrow Thermostat'),
    inReview: await submitted('Narrow Doorbell'),
  };
}

/** Everything the signed-in pages show: a company with a draft, an application in review and a certified one. */
async function narrowFixture(server: TestServer) {
  const reviewers = await demoReviewers(server);
  const company = await narrowCompany(server, 'narrow-devices');
  await decideAs(server, reviewers, company.certified.applicationId, 'certify');
  const demoCertification = await server.running.services.database.db
    .selectFrom('certification')
    .select('id')
    .where('application_id', 'like', 'demo-%')
    .executeTakeFirstOrThrow();
  return {
    company,
    reviewer: reviewers[0]!,
    admin: (await signedInUser(server, 'admin')).client,
    certificationId: await certificationOf(server, company.certified.applicationId),
    demoCertificationId: demoCertification.id,
  };
}

describe('pages on a 375 px wide screen', () => {
  let fixture: Awaited<ReturnType<typeof narrowFixture>>;
  beforeAll(async () => {
    fixture = await narrowFixture(suite.server);
  });

  /** The pages that scroll sideways among the given ones, opened by the client's user (or nobody). */
  async function pagesTooWide(locale: string, paths: readonly string[], client?: HttpClient) {
    const page = await signedInPage(suite.browser, suite.server.url, phone, client);
    const problems = await tooWide(
      page,
      paths.map((path) => `/${locale}${path}`),
    );
    await page.context().close();
    return problems;
  }

  for (const locale of ['en', 'de']) {
    it(`never scroll sideways: every public page (${locale})`, async () => {
      const post = locale === 'en' ? 'applications-are-open' : 'bewerbungen-sind-offen';
      const paths = [
        ...publicPagePaths,
        '/forgot-password',
        '/open-data',
        `/news/${post}`,
        '/products',
        '/products?q=thermostat&category=smart-home&status=certified&sort=name',
        `/products/${fixture.demoCertificationId}`,
        `/products/${fixture.certificationId}`,
        `/products/${fixture.certificationId}/concern`,
      ];
      expect(await pagesTooWide(locale, paths)).toEqual({});
    });

    it(`never scroll sideways: a company's pages (${locale})`, async () => {
      const { company } = fixture;
      const paths = [
        '/account',
        '/companies/narrow-devices',
        '/companies/narrow-devices/products',
        '/companies/narrow-devices/products/new',
        `/companies/narrow-devices/products/${company.productId}`,
        `/companies/narrow-devices/products/${company.certified.productId}`,
        `/applications/${company.applicationId}`,
        `/applications/${company.inReview.applicationId}`,
        company.criterionPath,
      ];
      expect(await pagesTooWide(locale, paths, company.owner)).toEqual({});
    });

    it(`never scroll sideways: a reviewer's and an admin's pages (${locale})`, async () => {
      const { company } = fixture;
      const workspaces = [company.inReview.applicationId, company.certified.applicationId].map(
        (id) => `/review/applications/${id}`,
      );
      const reviewerPaths = ['/review', '/review/profile', ...workspaces];
      const adminPaths = [
        '/admin/reviews',
        '/admin/users',
        '/admin/audit',
        '/admin/certifications',
        '/admin/concerns',
        '/admin/news',
        '/admin/news/new',
        '/admin/partners',
        '/admin/criteria',
        '/admin/statistics',
        workspaces[0]!,
      ];
      expect({
        ...(await pagesTooWide(locale, reviewerPaths, fixture.reviewer)),
        ...(await pagesTooWide(locale, adminPaths, fixture.admin)),
      }).toEqual({});
    });
  }

  it('lets a wide table scroll inside a named region a keyboard can reach, and stays accessible', async () => {
    const page = await signedInPage(suite.browser, suite.server.url, phone, fixture.admin);
    await page.goto('/en/admin/users');
    const region = page.getByRole('region', { name: 'Users' });
    expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();

    const applicant = await signedInPage(suite.browser, suite.server.url, phone, fixture.company.owner);
    for (const path of [`/applications/${fixture.company.applicationId}`, fixture.company.criterionPath]) {
      await applicant.goto(`/en${path}`);
      expect(await seriousViolations(applicant), path).toEqual([]);
    }
    await applicant.context().close();
  });

  it('shows each piece of evidence apart from its remove button, on a phone and a wide screen', async () => {
    const { server, browser } = suite;
    const company = await draftWithEvidence(server, 'wide-evidence');
    for (const viewport of [phone, { width: 1280, height: 800 }]) {
      const page = await signedInPage(browser, server.url, viewport, company.owner);
      await page.goto(`/en${company.criterionPath}`);
      const items = page.locator('.evidence-list > li');
      expect(await items.count()).toBe(2);
      for (const [index, name] of [longTitle, 'penetration-test.pdf'].entries()) {
        const item = items.nth(index);
        const remove = item.getByRole('button', { name: new RegExp(`^Remove\\s*:?\\s*${name}$`) });
        expect(await remove.count(), name).toBe(1);
        const text = (await item.textContent())!.replace(/\s+/g, ' ');
        // Read aloud or copied, the description and the button's word stay apart.
        expect(text, name).toMatch(/(#data-inventory|KB) Remove\b/);
        // On screen, the button keeps clear of the evidence's name and address or size.
        const button = (await remove.boundingBox())!;
        for (const part of await item.locator('a, .muted').all()) {
          const box = (await part.boundingBox())!;
          const apart = Math.max(
            button.x - (box.x + box.width),
            box.x - (button.x + button.width),
            button.y - (box.y + box.height),
            box.y - (button.y + button.height),
          );
          expect(apart, `${name} at ${viewport.width} px`).toBeGreaterThanOrEqual(4);
        }
      }
      await page.context().close();
    }
  });
});
