import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyWithOwner, newUser, signedInUser, signUpAndVerify } from '../support/flows';
import { submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;

const formula = '=HYPERLINK("https://attacker.example","Click")';

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const entries = (html: string) => html.split('data-testid="audit-entry"').length - 1;

/**
 * An admin of the test's own who makes three audited changes: promotes someone to reviewer, pauses
 * reviews (with a spreadsheet formula as the message) and resumes them. Tests filter by this admin, so
 * entries other tests write do not count.
 */
async function auditedAdmin() {
  const admin = await signedInUser(server, 'admin');
  const user = newUser('audited');
  await signUpAndVerify(server, server.client(), user);
  const promotedId = (await server.running.services.users.search(user.email))[0]!.id;
  expect((await admin.client.post(`/en/admin/users/${promotedId}/role`, { role: 'reviewer' })).status).toBe(
    303,
  );
  expect(
    (await admin.client.post('/en/admin/reviews/pause', { messageEn: formula, messageDe: formula })).status,
  ).toBe(303);
  expect((await admin.client.post('/en/admin/reviews/resume', {})).status).toBe(303);
  const byThem = `actor=${encodeURIComponent(admin.user.email)}`;
  return { admin, promotedId, byThem };
}

describe('the audit log viewer', () => {
  it('lists who did what and when, newest first, filtered by kind, actor and time', async () => {
    const { admin, promotedId, byThem } = await auditedAdmin();
    const all = (await admin.client.get(`/en/admin/audit?${byThem}`)).text;
    expect(entries(all)).toBe(3);
    const table = all.slice(all.indexOf('<tbody>'));
    expect(table.indexOf('reviews-resumed')).toBeLessThan(table.indexOf('reviews-paused'));
    expect(all).toContain(admin.user.email);

    const roles = (await admin.client.get(`/en/admin/audit?kind=role-changed&${byThem}`)).text;
    expect(entries(roles)).toBe(1);
    expect(roles).toContain(promotedId);
    expect(roles).toContain('&quot;to&quot;:&quot;reviewer&quot;');
    const byActor = await admin.client.get(
      `/en/admin/audit?actor=${encodeURIComponent(admin.user.email.toUpperCase())}`,
    );
    expect(entries(byActor.text)).toBe(3);
    expect(entries((await admin.client.get('/en/admin/audit?actor=nobody-at-all')).text)).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      entries((await admin.client.get(`/en/admin/audit?from=${today}&to=${today}&${byThem}`)).text),
    ).toBe(3);
    expect(entries((await admin.client.get(`/en/admin/audit?from=2099-01-01&${byThem}`)).text)).toBe(0);
  });

  it("narrows to one product's or one application's history", async () => {
    const admin = await signedInUser(server, 'admin');
    const { owner } = await companyWithOwner(server, 'audited-co');
    const first = await submittedProduct(server, owner, 'audited-co', { name: 'Audited Lamp' });
    const second = await submittedProduct(server, owner, 'audited-co', { name: 'Audited Plug' });
    const byProduct = (await admin.client.get(`/en/admin/audit?product=${first.productId}`)).text;
    expect(byProduct).toContain(first.applicationId);
    expect(byProduct).not.toContain(second.applicationId);
    const byApplication = (await admin.client.get(`/en/admin/audit?application=${second.applicationId}`))
      .text;
    expect(byApplication).toContain('submitted');
    expect(byApplication).not.toContain(first.applicationId);
  });

  it('explains a date it cannot read instead of guessing', async () => {
    const admin = await signedInUser(server, 'admin');
    const bad = await admin.client.get('/en/admin/audit?from=yesterday');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Please enter a date as YYYY-MM-DD.');
    expect((await admin.client.get('/en/admin/audit.csv?to=2026-02-31')).status).toBe(422);
  });

  it('exports the filtered entries as CSV that a spreadsheet cannot run as formulas', async () => {
    const { admin, byThem } = await auditedAdmin();
    const csv = await admin.client.get(`/en/admin/audit.csv?kind=reviews-paused&${byThem}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '"occurred_at","actor_id","actor_name","actor_email","action","application_id","subject_id","reason","details"',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"reviews-paused"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""https://attacker.example"",""Click"")"`);
  });

  it('offers no way to change or delete an entry, and only to admins', async () => {
    const auditRoutes = server.running.routes.filter((route) => route.path.includes('/audit'));
    expect(auditRoutes.map((route) => route.method)).toEqual(['GET', 'GET']);
    const reviewer = await signedInUser(server, 'reviewer');
    expect((await reviewer.client.get('/en/admin/audit')).status).toBe(403);
    expect((await reviewer.client.get('/en/admin/audit.csv')).status).toBe(403);
    expect((await server.client().get('/en/admin/audit.csv')).status).toBe(303);
  });
});
