import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usingPostgres } from '../support/database';
import { answer, completedDraft } from '../support/applications';
import { companyWithOwner, signedInUser, type TestUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certificationOf, decideAsAssigned } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';
import { htmlErrors } from '../support/html-validator';
import { evidenceSite, type EvidencePages } from '../support/evidence-site';

/**
 * A certified product whose evidence changed is updated by a small review: the company starts the update
 * from the notice the mail links to, edits the one changed answer and submits; the reviewers of the
 * certified application get it back with their verdicts carried over on everything else and decide only
 * what changed; certifying it renews the certification, re-pins the evidence and clears notice and flag.
 */
describe(`an update of changed evidence (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  let server: TestServer;
  let reviewers: { client: HttpClient; id: string }[];
  let admin: HttpClient;
  let owner: HttpClient;
  let ownerUser: TestUser;
  let stranger: HttpClient;
  let site: Awaited<ReturnType<typeof evidenceSite>>;
  const pages: EvidencePages = new Map();
  const policy = '%PDF-1.4\n% disclosure policy v1\n%%EOF\n';

  beforeAll(async () => {
    site = await evidenceSite('127.0.0.1', pages);
    pages.set('/policy.pdf', { status: 200, type: 'application/pdf', body: policy });
    server = await startTestServer({ environment: { EVIDENCE_CHECK_ALLOW_HOSTS: '127.0.0.1' } });
    // Three reviewers for two places: the update must go back to the two who certified.
    reviewers = [];
    for (let index = 0; index < 3; index++) {
      const reviewer = await signedInUser(server, 'reviewer');
      await server.running.services.reviewers.saveProfile(reviewer.id, 100, true, new Date());
      reviewers.push({ client: reviewer.client, id: reviewer.id });
    }
    admin = (await signedInUser(server, 'admin')).client;
    ({ owner, user: ownerUser } = await companyWithOwner(server, 'upd'));
    ({ owner: stranger } = await companyWithOwner(server, 'other'));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await site?.close();
  });

  const db = () => server.running.services.database.db;
  // Public pages are kept for half a second (platform/web/page-cache.ts); a visitor a moment later.
  const publicPage = async (certificationId: string) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    return (await server.client().get(`/en/products/${certificationId}`)).text;
  };
  const adminFlag = async () =>
    (await admin.get('/en/admin/certifications')).text.includes('Evidence changed and not updated in time');

  it('takes a certified product through a small review of its changed evidence', async () => {
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    const { productId, applicationId: certifiedId } = await completedDraft(server, owner, 'upd', {
      name: 'Upd Lamp',
    });
    const linked = await owner.post(`/en/applications/${certifiedId}/criteria/SEC-02/links`, {
      url: `${site.base}/policy.pdf`,
      title: 'Disclosure policy',
    });
    expect(linked.status).toBe(303);
    expect((await owner.post(`/en/applications/${certifiedId}/submit`, {})).status).toBe(303);
    const certifiers = await decideAsAssigned(server, reviewers, certifiedId, 'certify');
    expect(certifiers.size).toBe(2);
    const certificationId = await certificationOf(server, certifiedId);

    // The page changes; the monthly re-check finds it, the company is mailed and, late, admins see it.
    pages.set('/policy.pdf', { status: 200, type: 'application/pdf', body: policy.replace('v1', 'v2') });
    await db().updateTable('evidence_pin').set({ next_check_at: '2000-01-01T00:00:00.000Z' }).execute();
    expect((await server.running.services.evidence.sweep()).enqueued).toBeGreaterThan(0);
    await server.running.jobs.drain();
    expect(await publicPage(certificationId)).toContain('Evidence changed since review on');
    const update = `/en/companies/upd/products/${productId}/update`;
    const mail = await server.smtp.waitFor(ownerUser.email, /Evidence for Upd Lamp has changed/);
    expect(mail.text).toContain(update);
    await db()
      .updateTable('evidence_pin')
      .set({ update_due_at: '2000-01-01T00:00:00.000Z' })
      .where('changed_at', 'is not', null)
      .execute();
    expect(await adminFlag()).toBe(true);

    // Nobody outside the company sees or starts the update: the same 404 as for what does not exist.
    expect((await stranger.get(update)).status).toBe(404);
    expect((await stranger.post(update, {})).status).toBe(404);
    expect((await stranger.post(`/en/companies/other/products/${productId}/update`, {})).status).toBe(404);
    expect((await reviewers[0]!.client.post(update, {})).status).toBe(404);
    expect((await server.client().post(update, {})).status).not.toBe(303);

    // The company's product page says so and leads to the update; the notice there names what changed.
    const productPage = `/en/companies/upd/products/${productId}`;
    const ownPage = (await owner.get(productPage)).text;
    expect(ownPage).toContain('Evidence changed since review on');
    expect(ownPage).toContain(`href="${update}"`);
    const notice = (await owner.get(update)).text;
    expect(notice).toContain('SEC-02: Disclosure policy (changed since');
    expect(notice).toContain(`confirm the ${criteria.length - 1} answers`);
    // Not from another site, nor for a product id that cannot exist.
    expect((await owner.post(update, {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await owner.post(`/en/companies/upd/products/${'x'.repeat(5000)}/update`, {})).status).toBe(404);
    // Two clicks at once start one update; the other goes on with it.
    const [started, twice] = await Promise.all([owner.post(update, {}), owner.post(update, {})]);
    expect([started.status, twice.status]).toEqual([303, 303]);
    const updateId = started.location!.split('/applications/')[1]!;
    expect(twice.location).toBe(`/en/applications/${updateId}`);
    const drafts = await db()
      .selectFrom('application')
      .select('id')
      .where('product_id', '=', productId)
      .where('status', '=', 'draft')
      .execute();
    expect(drafts).toHaveLength(1);
    const confirmations = await db()
      .selectFrom('answer')
      .select(['criterion_id', 'needs_confirmation'])
      .where('application_id', '=', updateId)
      .where('needs_confirmation', '=', 1)
      .execute();
    expect(confirmations.map((row) => row.criterion_id)).toEqual(['SEC-02']);
    // The changed answer must be checked and saved before the update can go to the reviewers.
    await owner.post(`/en/applications/${updateId}/submit`, {});
    expect((await server.running.services.applications.find(updateId))?.status).toBe('draft');
    expect((await owner.get(`/en/applications/${updateId}`)).text).toContain(
      'copied from an earlier application – check it and save it to confirm',
    );
    const sec02 = criteria.find((criterion) => criterion.id === 'SEC-02')!;
    const edited = await answer(owner, updateId, sec02, 'met', 'Policy v2: reports now go to a new address.');
    expect(edited.status).toBe(303);
    expect((await owner.post(`/en/applications/${updateId}/submit`, {})).status).toBe(303);
    await server.running.jobs.drain();

    // The reviewers who certified it take it again, and each decides only what changed.
    const assigned = (await server.running.services.review.assignments(updateId)).map(
      (row) => row.reviewerId,
    );
    expect(new Set(assigned)).toEqual(certifiers);
    const reasons = await db()
      .selectFrom('audit_event')
      .select('reason')
      .where('application_id', '=', updateId)
      .where('action', '=', 'assigned')
      .execute();
    expect(reasons.map((row) => row.reason)).toEqual([
      'as a reviewer of the certified application',
      'as a reviewer of the certified application',
    ]);
    const others = criteria.length - 1;
    const actions: number[] = [];
    const workspace = `/en/review/applications/${updateId}`;
    for (const reviewer of reviewers.filter((one) => certifiers.has(one.id))) {
      const page = (await reviewer.client.get(workspace)).text;
      expect(page).toContain(`1 changed, ${others} carried over, 1 to decide`);
      expect(page).toContain('Changed since the certified application');
      expect(page.match(/Carried over from the certified application/g)?.length).toBe(others);
      expect(page.indexOf('id="criterion-SEC-02"')).toBeLessThan(page.indexOf('id="criterion-SEC-01"'));
      // Every page this adds to is valid HTML in both languages (checked once: the checker is slow).
      if (actions.length === 0) {
        const german = (await reviewer.client.get(workspace.replace('/en/', '/de/'))).text;
        expect(german).toContain('Aus der zertifizierten Bewerbung übernommen');
        const valid = await htmlErrors({
          workspace: page,
          'workspace-de': german,
          notice,
          'notice-de': (await owner.get(update.replace('/en/', '/de/'))).text,
          product: ownPage,
        });
        expect(valid).toEqual([]);
      }
      // The form as the browser sends it: every prefilled verdict as it stands, and what the reviewer did.
      const prefilled = [...page.matchAll(/name="verdict-([\w-]+)" value="([\w-]+)" checked/g)];
      expect(prefilled).toHaveLength(others);
      const form: Record<string, string> = {};
      for (const [, id, verdict] of prefilled) {
        form[`verdict-${id}`] = verdict!;
        form[`comment-${id}`] = '';
      }
      const decided = { 'verdict-SEC-02': 'accepted', 'comment-SEC-02': 'The new policy is fine.' };
      const own = { intent: 'submit', recommendation: 'certify', rationale: 'Only the policy changed.' };
      const submitted = await reviewer.client.post(workspace, { ...form, ...decided, ...own });
      expect(submitted.status).toBe(303);
      // The verdicts left to decide, plus the recommendation, its rationale and the submission.
      const toDecide = Number(/(\d+) to decide/.exec(page)?.[1]);
      actions.push(toDecide + 3);
    }
    const full = criteria.length + 3;
    // The figures: 4 actions each in this small review against 38 (35 verdicts + 3) in a full one.
    expect({ small: actions, full }).toEqual({ small: [4, 4], full: 38 });
    const decider = reviewers.find((one) => one.id === assigned[0])!;
    const decision = await decider.client.post(`${workspace}/decide`, {
      outcome: 'certify',
      decisionRationale: 'The updated policy meets SEC-02.',
    });
    expect(decision.status).toBe(303);
    await server.running.jobs.drain();

    // The certification is renewed, the evidence pinned again, the notice and the flag gone.
    const renewedId = await certificationOf(server, updateId);
    const before = await db()
      .selectFrom('certification')
      .select('status')
      .where('id', '=', certificationId)
      .executeTakeFirstOrThrow();
    expect(before.status).toBe('expired');
    const renewal = await db()
      .selectFrom('certification_event')
      .select('kind')
      .where('certification_id', '=', certificationId)
      .where('kind', '=', 'renewed')
      .execute();
    expect(renewal).toHaveLength(1);
    const pins = await db()
      .selectFrom('evidence_pin')
      .select(['title', 'changed_at'])
      .where('certification_id', '=', renewedId)
      .execute();
    expect(pins.find((pin) => pin.title === 'Disclosure policy')?.changed_at).toBeNull();
    expect(await publicPage(renewedId)).not.toContain('Evidence changed since review');
    expect(await publicPage(certificationId)).not.toContain('Evidence changed since review');
    expect(await adminFlag()).toBe(false);
    expect((await owner.get(productPage)).text).not.toContain('Evidence changed since review');
    expect((await owner.get(update)).text).toContain('No evidence of this product changed since its review');
    expect((await owner.post(update, {})).status).toBe(409);
  }, 120_000);
});
