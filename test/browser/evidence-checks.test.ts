import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedDraft } from '../support/applications';
import { browserSuite, pageSignedInAs, seriousViolations } from '../support/browser';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { evidenceSite, type EvidencePages } from '../support/evidence-site';
import { certificationOf, decideAs } from '../support/review';

/**
 * The evidence checks' parts, in a real browser: the results beside the links in the workspace, the notice on
 * the public product page, the overdue list and the pinned link for admins — no serious accessibility
 * violation in either language.
 */
const suite = browserSuite({ environment: { EVIDENCE_CHECK_ALLOW_HOSTS: '127.0.0.1' } });

describe('evidence checks in the browser', () => {
  const pages: EvidencePages = new Map([
    ['/policy.pdf', { status: 200, type: 'application/pdf', body: '%PDF-1.4\n% v1\n%%EOF\n' }],
    ['/report.html', { status: 200, type: 'text/html', body: '<h1>Report a flaw</h1>' }],
    ['/.well-known/security.txt', { status: 200, type: 'text/plain', body: 'Contact: mailto:s@x.example\n' }],
  ]);
  let site: Awaited<ReturnType<typeof evidenceSite>>;
  let reviewer: HttpClient;
  let admin: HttpClient;
  let applicationId: string;
  let certificationId: string;
  let pinId: string;

  beforeAll(async () => {
    site = await evidenceSite('127.0.0.1', pages);
    const { server } = suite;
    const staff = [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
    for (const member of staff)
      await server.running.services.reviewers.saveProfile(member.id, 100, true, new Date());
    reviewer = staff[0]!.client;
    admin = (await signedInUser(server, 'admin')).client;
    const { owner } = await companyWithOwner(server, 'evb');
    ({ applicationId } = await completedDraft(server, owner, 'evb', {
      name: 'Evb Lamp',
      webPageUrl: `${site.base}/`,
    }));
    for (const [title, path] of [
      ['Policy', '/policy.pdf'],
      ['Report page', '/report.html'],
      ['Missing page', '/missing'],
    ] as const) {
      await owner.post(`/en/applications/${applicationId}/criteria/SEC-02/links`, {
        url: `${site.base}${path}`,
        title,
      });
    }
    expect((await owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
    await server.running.jobs.drain();
    await decideAs(
      server,
      staff.map((member) => member.client),
      applicationId,
      'certify',
    );
    certificationId = await certificationOf(server, applicationId);
    pages.set('/policy.pdf', { status: 200, type: 'application/pdf', body: '%PDF-1.4\n% v2\n%%EOF\n' });
    const { db } = server.running.services.database;
    await db.updateTable('evidence_pin').set({ next_check_at: '2000-01-01T00:00:00.000Z' }).execute();
    await server.running.services.evidence.sweep();
    await server.running.jobs.drain();
    await db
      .updateTable('evidence_pin')
      .set({ update_due_at: '2000-01-01T00:00:00.000Z' })
      .where('changed_at', 'is not', null)
      .execute();
    const pin = await db
      .selectFrom('evidence_pin')
      .select('id')
      .where('title', '=', 'Report page')
      .executeTakeFirstOrThrow();
    pinId = pin.id;
  }, 120_000);
  afterAll(async () => {
    await site?.close();
  });

  for (const locale of ['en', 'de']) {
    it(`has no serious accessibility violation where the checks show (${locale})`, async () => {
      const problems: Record<string, string[]> = {};
      const visit = async (client: HttpClient | undefined, path: string, expected: string) => {
        const page = client
          ? await pageSignedInAs(suite.browser, suite.server.url, client)
          : await (await suite.browser.newContext({ baseURL: suite.server.url })).newPage();
        await page.goto(path);
        expect(await page.content(), path).toContain(expected);
        const violations = await seriousViolations(page);
        if (violations.length > 0) problems[path] = violations;
        await page.context().close();
      };
      const de = locale === 'de';
      await visit(
        reviewer,
        `/${locale}/review/applications/${applicationId}`,
        de ? 'Linkprüfung' : 'Link checks',
      );
      await visit(
        undefined,
        `/${locale}/products/${certificationId}`,
        de ? 'Nachweis seit der Prüfung' : 'Evidence changed since review',
      );
      await visit(
        admin,
        `/${locale}/admin/certifications`,
        de ? 'nicht rechtzeitig aktualisiert' : 'not updated in time',
      );
      await visit(admin, `/${locale}/admin/evidence/${pinId}`, 'Report a flaw');
      expect(problems).toEqual({});
    });
  }
});
