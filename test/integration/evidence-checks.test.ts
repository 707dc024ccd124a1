import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usingPostgres } from '../support/database';
import { companyWithOwner, signedInUser, type TestUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { completedDraft } from '../support/applications';
import { certificationOf, decideAs } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';
import { htmlErrors } from '../support/html-validator';
import { evidenceSite, type EvidencePages } from '../support/evidence-site';

/**
 * Evidence checked by the worker: results beside each link in the workspace, the security.txt with the
 * vulnerability-disclosure criterion, links pinned at certification, and a changed page found by the
 * monthly re-check, shown on the public page, mailed to the company and flagged for admins when overdue.
 */
describe(`evidence checks (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  let server: TestServer;
  let reviewers: HttpClient[];
  let admin: HttpClient;
  let owner: HttpClient;
  let ownerUser: TestUser;
  let site: Awaited<ReturnType<typeof evidenceSite>>;
  let elsewhere: Awaited<ReturnType<typeof evidenceSite>>;
  const pages: EvidencePages = new Map();
  const policy = '%PDF-1.4\n% disclosure policy v1\n%%EOF\n';

  beforeAll(async () => {
    site = await evidenceSite('127.0.0.1', pages);
    // A second loopback address stands in for another site.
    elsewhere = await evidenceSite(
      '127.0.0.3',
      new Map([['/parked', { status: 200, type: 'text/html', body: 'x' }]]),
    );
    pages.set('/policy.pdf', { status: 200, type: 'application/pdf', body: policy });
    pages.set('/report.html', { status: 200, type: 'text/html', body: '<h1>How to report a flaw</h1>' });
    pages.set('/moved', { status: 302, body: `${elsewhere.base}/parked` });
    pages.set('/.well-known/security.txt', {
      status: 200,
      type: 'text/plain',
      body: 'Contact: mailto:security@lamp.example\nExpires: 2099-01-01T00:00:00Z\n',
    });
    // Only the test servers' own addresses: 127.0.0.2 stays refused like any private address.
    server = await startTestServer({ environment: { EVIDENCE_CHECK_ALLOW_HOSTS: '127.0.0.1,127.0.0.3' } });
    const staff = [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
    for (const reviewer of staff)
      await server.running.services.reviewers.saveProfile(reviewer.id, 100, true, new Date());
    reviewers = staff.map((reviewer) => reviewer.client);
    admin = (await signedInUser(server, 'admin')).client;
    ({ owner, user: ownerUser } = await companyWithOwner(server, 'evid'));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    for (const running of [site, elsewhere]) {
      running?.server.closeAllConnections();
      running?.server.close();
    }
  });

  const db = () => server.running.services.database.db;

  let applicationId: string;
  const links = {
    policy: 'Disclosure policy',
    missing: 'Old policy page',
    moved: 'Moved policy',
    private: 'Intranet page',
    page: 'Reporting page',
  };

  it('fetches with the program’s limits: 10 s, 5 MB, 5 redirects, only the allow-listed test addresses', () => {
    expect(server.running.services.evidence.limits).toMatchObject({
      timeoutMs: 10_000,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
      allowAddresses: ['127.0.0.1', '127.0.0.3'],
    });
  });

  it('checks each link after submission and shows the results beside them, and the security.txt', async () => {
    ({ applicationId } = await completedDraft(server, owner, 'evid', {
      name: 'Evid Lamp',
      webPageUrl: `${site.base}/lamp`,
    }));
    const addresses = {
      policy: `${site.base}/policy.pdf`,
      missing: `${site.base}/missing`,
      moved: `${site.base}/moved`,
      private: `http://127.0.0.2:${site.port}/policy.pdf`,
      page: `${site.base}/report.html`,
    };
    for (const key of Object.keys(links) as (keyof typeof links)[]) {
      const added = await owner.post(`/en/applications/${applicationId}/criteria/SEC-02/links`, {
        url: addresses[key],
        title: links[key],
      });
      expect(added.status).toBe(303);
    }
    // Nothing is fetched while the company edits, nor by the submitting request itself.
    expect(await db().selectFrom('evidence_check').selectAll().execute()).toEqual([]);
    expect((await owner.post(`/en/applications/${applicationId}/submit`, {})).status).toBe(303);
    const queued = await db().selectFrom('job').select('kind').where('kind', 'like', 'evidence.%').execute();
    expect(queued.length).toBeGreaterThanOrEqual(5);
    await server.running.jobs.drain();

    const workspace = (await reviewers[0]!.get(`/en/review/applications/${applicationId}`)).text;
    expect(workspace).toMatch(/Disclosure policy: 200, PDF, 3\d B, checked just now/);
    expect(workspace).toContain('Old policy page: 404, checked just now');
    expect(workspace).toContain(
      'Moved policy: 200, HTML, 1 B, redirects to another site (127.0.0.3), checked just now',
    );
    expect(workspace).toContain('Reporting page: 200, HTML, 29 B, checked just now');
    expect(workspace).toContain('Intranet page: refused: not a public address, checked just now');
    expect(workspace).toContain(
      'security.txt of the product’s web site: present: contact mailto:security@lamp.example',
    );
    const german = (await reviewers[0]!.get(`/de/review/applications/${applicationId}`)).text;
    expect(german).toContain('Old policy page: 404, geprüft gerade eben');
  });

  it('pins evidence at certification and finds a changed page on the re-check', async () => {
    await decideAs(server, reviewers, applicationId, 'certify');
    const certificationId = await certificationOf(server, applicationId);
    const pins = await db()
      .selectFrom('evidence_pin')
      .selectAll()
      .where('certification_id', '=', certificationId)
      .execute();
    const policyPin = pins.find((pin) => pin.title === links.policy);
    expect(policyPin?.reviewed_sha256).toBe(createHash('sha256').update(policy).digest('hex'));
    expect(policyPin?.reviewed_checked_at).toBeTruthy();
    // Public pages are kept for half a second (platform/web/page-cache.ts); a visitor a moment later.
    const publicPage = async () => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      return (await server.client().get(`/en/products/${certificationId}`)).text;
    };
    expect(await publicPage()).not.toContain('Evidence changed since review');

    // Not due yet: the sweep hands nothing to the worker.
    expect(await server.running.services.evidence.sweep()).toEqual({ enqueued: 0 });
    // A month later the page says something else.
    pages.set('/policy.pdf', { status: 200, type: 'application/pdf', body: policy.replace('v1', 'v2') });
    let months = 0;
    const monthLater = async () => {
      // Each re-check falls due at its own time, as the sweep sets them (and keys their jobs by them).
      months += 1;
      const due = new Date(Date.UTC(2000, months, 1)).toISOString();
      await db().updateTable('evidence_pin').set({ next_check_at: due }).execute();
      expect(await server.running.services.evidence.sweep()).toEqual({ enqueued: pins.length });
      await server.running.jobs.drain();
    };
    await monthLater();
    const changed = await publicPage();
    expect(changed).toContain('Evidence changed since review on');
    // The date of the review, nothing of what changed.
    expect(changed).not.toContain('v2');
    const mail = await server.smtp.waitFor(ownerUser.email, /Evidence for Evid Lamp has changed/);
    expect(mail.text).toContain('Disclosure policy');
    // Only the changed link: the 404, the redirect and the refused link are as they were reviewed.
    const marked = await db()
      .selectFrom('evidence_pin')
      .select('title')
      .where('changed_at', 'is not', null)
      .execute();
    expect(marked.map((pin) => pin.title)).toEqual([links.policy]);

    // The company's period to update it runs; then admins see it flagged.
    const adminPage = async () => (await admin.get('/en/admin/certifications')).text;
    expect(await adminPage()).not.toContain('Evidence changed and not updated in time');
    await db()
      .updateTable('evidence_pin')
      .set({ update_due_at: '2000-01-01T00:00:00.000Z' })
      .where('changed_at', 'is not', null)
      .execute();
    expect(await adminPage()).toContain('Evidence changed and not updated in time');
    // Admins open the pinned link: the hash and time as reviewed, and the text the reviewers saw.
    const pinPage = (await admin.get(`/en/admin/evidence/${policyPin!.id}`)).text;
    expect(pinPage).toContain(policyPin!.reviewed_sha256!);
    // A PDF's bytes are not kept as text; a small text page is.
    expect(pinPage).toContain('No text was kept');
    const pagePin = pins.find((pin) => pin.title === links.page)!;
    expect((await admin.get(`/en/admin/evidence/${pagePin.id}`)).text).toContain(
      '&lt;h1&gt;How to report a flaw&lt;/h1&gt;',
    );
    expect((await reviewers[0]!.get(`/en/admin/evidence/${policyPin!.id}`)).status).toBe(403);
    expect((await admin.get('/en/admin/evidence/no-such-pin')).status).toBe(404);
    // Other roles never see the flag, nor the admin page.
    expect((await owner.get('/en/admin/certifications')).status).toBe(403);

    // A second re-check of the same change mails nobody again; the page restored clears the notice.
    await monthLater();
    pages.set('/policy.pdf', { status: 200, type: 'application/pdf', body: policy });
    await monthLater();
    expect(await publicPage()).not.toContain('Evidence changed since review');
    // Every page this feature adds to is valid HTML, in both languages, with its parts showing.
    await db()
      .updateTable('evidence_pin')
      .set({
        changed_at: '2026-12-01T00:00:00.000Z',
        change: 'changed',
        update_due_at: '2026-12-01T00:00:00.000Z',
      })
      .where('title', '=', links.policy)
      .execute();
    const pagesToCheck: Record<string, string> = {};
    for (const locale of ['en', 'de']) {
      pagesToCheck[`workspace-${locale}`] = (
        await reviewers[0]!.get(`/${locale}/review/applications/${applicationId}`)
      ).text;
      pagesToCheck[`product-${locale}`] = (
        await server.client().get(`/${locale}/products/${certificationId}`)
      ).text;
      pagesToCheck[`admin-${locale}`] = (await admin.get(`/${locale}/admin/certifications`)).text;
      pagesToCheck[`pin-${locale}`] = (await admin.get(`/${locale}/admin/evidence/${pagePin.id}`)).text;
    }
    expect(pagesToCheck['product-de']).toContain('Nachweis seit der Prüfung am');
    expect(pagesToCheck['admin-de']).toContain('Nachweis geändert und nicht rechtzeitig aktualisiert');
    expect(await htmlErrors(pagesToCheck)).toEqual([]);
    await db()
      .updateTable('evidence_pin')
      .set({ changed_at: null, change: null, update_due_at: null })
      .execute();

    // The check of a link that no longer exists is forgotten by the next sweep.
    const orphan = {
      ...(await db().selectFrom('evidence_check').selectAll().executeTakeFirstOrThrow()),
      link_id: 'gone',
    };
    await db().insertInto('evidence_check').values(orphan).execute();
    await server.running.services.evidence.sweep();
    expect(
      await db().selectFrom('evidence_check').select('link_id').where('link_id', '=', 'gone').execute(),
    ).toEqual([]);
    expect((await db().selectFrom('evidence_check').select('link_id').execute()).length).toBeGreaterThan(0);

    const mails = server.smtp.received.filter((message) =>
      message.subject.includes('Evidence for Evid Lamp'),
    );
    expect(mails).toHaveLength(1);
  });
});
