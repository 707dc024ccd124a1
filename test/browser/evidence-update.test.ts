import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, completedDraft } from '../support/applications';
import { browserSuite, pageSignedInAs, seriousViolations } from '../support/browser';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { evidenceSite, type EvidencePages } from '../support/evidence-site';
import { decideAs } from '../support/review';

/**
 * Updating changed evidence in a real browser: the company follows the notice on its product page to the
 * update page and starts the update with its button; the reviewer's workspace then shows the verdicts carried
 * over from the certified application. No serious accessibility violation on either page, in either language.
 */
const suite = browserSuite({ environment: { EVIDENCE_CHECK_ALLOW_HOSTS: '127.0.0.1' } });

describe('updating changed evidence in the browser', () => {
  const pages: EvidencePages = new Map([
    ['/policy.pdf', { status: 200, type: 'application/pdf', body: '%PDF-1.4\n% v1\n%%EOF\n' }],
  ]);
  let site: Awaited<ReturnType<typeof evidenceSite>>;
  let reviewers: HttpClient[];
  let owner: HttpClient;
  let productId: string;

  beforeAll(async () => {
    site = await evidenceSite('127.0.0.1', pages);
    const { server } = suite;
    const staff = [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
    for (const member of staff)
      await server.running.services.reviewers.saveProfile(member.id, 100, true, new Date());
    reviewers = staff.map((member) => member.client);
    ({ owner } = await companyWithOwner(server, 'upb'));
    let applicationId: string;
    ({ productId, applicationId } = await completedDraft(server, owner, 'upb', { name: 'Upb Lamp' }));
    await owner.post(`/en/applications/${applicationId}/criteria/SEC-02/links`, {
      url: `${site.base}/policy.pdf`,
      title: 'Policy',
    });
    expect((await owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
    await decideAs(server, reviewers, applicationId, 'certify');
    pages.set('/policy.pdf', { status: 200, type: 'application/pdf', body: '%PDF-1.4\n% v2\n%%EOF\n' });
    const { db } = server.running.services.database;
    await db.updateTable('evidence_pin').set({ next_check_at: '2000-01-01T00:00:00.000Z' }).execute();
    await server.running.services.evidence.sweep();
    await server.running.jobs.drain();
  }, 120_000);
  afterAll(async () => {
    await site?.close();
  });

  it('starts the update from the product page’s notice, and shows the carried-over verdicts', async () => {
    const problems: Record<string, string[]> = {};
    const check = async (page: Awaited<ReturnType<typeof pageSignedInAs>>) => {
      const violations = await seriousViolations(page);
      if (violations.length > 0) problems[page.url()] = violations;
    };
    const page = await pageSignedInAs(suite.browser, suite.server.url, owner);
    for (const locale of ['de', 'en']) {
      await page.goto(`/${locale}/companies/upb/products/${productId}`);
      await check(page);
      await page
        .getByRole('link', { name: locale === 'de' ? 'Aktualisierung starten' : 'Start the update' })
        .click();
      expect(await page.content()).toContain('SEC-02: Policy');
      await check(page);
    }
    await page.getByRole('button', { name: 'Start the update' }).click();
    await page.waitForURL(/\/en\/applications\//);
    const updateId = page.url().split('/applications/')[1]!;
    await page.context().close();

    const criteria = (await suite.server.running.services.criteriaPublications.current()).criteria;
    const sec02 = criteria.find((criterion) => criterion.id === 'SEC-02')!;
    expect((await answer(owner, updateId, sec02, 'met', 'Policy v2.')).status).toBe(303);
    expect((await owner.post(`/en/applications/${updateId}/submit`, {})).status).toBe(303);
    await suite.server.running.jobs.drain();
    const workspace = await pageSignedInAs(suite.browser, suite.server.url, reviewers[0]!);
    for (const locale of ['en', 'de']) {
      await workspace.goto(`/${locale}/review/applications/${updateId}`);
      expect(await workspace.content()).toContain(
        locale === 'de'
          ? 'Aus der zertifizierten Bewerbung übernommen'
          : 'Carried over from the certified application',
      );
      await check(workspace);
    }
    await workspace.context().close();
    expect(problems).toEqual({});
  }, 120_000);
});
