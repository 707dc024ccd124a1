import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certifiedCompany as certifiedCompanyOf, reviewerPair } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * What a company sees of its own mark: the live status with its public reason on every company view,
 * and, while the mark is live, the way to its registry entry, badge code, QR code and credential.
 */
let server: TestServer;
let admin: HttpClient;
let reviewers: HttpClient[];

beforeAll(async () => {
  server = await startTestServer();
  ({ client: admin } = await signedInUser(server, 'admin'));
  reviewers = await reviewerPair(server);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

/** A company with one certified product, and the company's three views of it. */
async function certifiedCompany(slug: string, name: string) {
  const { owner, user, productId, applicationId, certificationId } = await certifiedCompanyOf(
    server,
    reviewers,
    slug,
    { name },
  );
  const views = {
    list: `/en/companies/${slug}/products`,
    product: `/en/companies/${slug}/products/${productId}`,
    application: `/en/applications/${applicationId}`,
  };
  /** The main content of each view (the site's navigation names "Certified products" on every page). */
  const mainOfEach = async () => {
    const pages: [string, string][] = [];
    for (const [view, path] of Object.entries(views)) {
      const response = await owner.get(path);
      expect(response.status, view).toBe(200);
      pages.push([view, /<main[^>]*>([\s\S]*)<\/main>/.exec(response.text)?.[1] ?? '']);
    }
    return pages;
  };
  return { owner, email: user.email, certificationId, mainOfEach };
}

const markLinks = (id: string) => [
  `href="/en/products/${id}"`,
  `href="/en/products/${id}#mark"`,
  `href="/credentials/${id}"`,
];

describe("the company's view of its mark", () => {
  it('links the decision mail, product page and application page to the registry entry, badge code, QR code and credential', async () => {
    const { email, certificationId, mainOfEach } = await certifiedCompany('lumen', 'Lumen Desk Lamp');
    const mail = await server.smtp.waitFor(email, /Lumen Desk Lamp: the review has been decided/);
    expect(mail.text).toContain(`${server.url}/en/products/${certificationId}`);
    expect(mail.text).toContain(`${server.url}/en/products/${certificationId}#mark`);
    expect(mail.text).toContain(`${server.url}/credentials/${certificationId}`);
    for (const [view, main] of await mainOfEach()) {
      expect(main, view).toMatch(/Certified, valid until \d/);
      if (view !== 'list') for (const link of markLinks(certificationId)) expect(main, view).toContain(link);
    }
    const publicPage = (await server.client().get(`/en/products/${certificationId}`)).text;
    expect(publicPage).toMatch(/<section[^>]* id="mark"/);
    expect((await server.client().get(`/credentials/${certificationId}`)).status).toBe(200);
  });

  it('shows a suspension and then a revocation with its public reason on every company view, never "Certified"', async () => {
    const { certificationId, mainOfEach } = await certifiedCompany('vesta', 'Vesta Smoke Alarm');
    const steps = [
      { action: 'suspend', reason: 'Battery warnings fail under test.', shown: /Suspended since \d/ },
      { action: 'revoke', reason: 'The fix never came.', shown: /Revoked on \d/ },
    ];
    for (const step of steps) {
      const changed = await admin.post(`/en/admin/certifications/${certificationId}/status`, {
        action: step.action,
        reason: step.reason,
      });
      expect(changed.status).toBe(303);
      for (const [view, main] of await mainOfEach()) {
        expect(main, `${step.action}: ${view}`).toMatch(step.shown);
        expect(main, `${step.action}: ${view}`).toContain(step.reason);
        expect(main, `${step.action}: ${view}`).not.toContain('Certified');
        // The registry entry still tells the public what happened; the mark itself is not offered.
        if (view !== 'list') expect(main).toContain(`href="/en/products/${certificationId}"`);
        expect(main, `${step.action}: ${view}`).not.toContain(`href="/en/products/${certificationId}#mark"`);
        expect(main, `${step.action}: ${view}`).not.toContain(`href="/credentials/${certificationId}"`);
      }
    }
  });

  it('shows an expiry on every company view as soon as the validity has ended, before and after the sweep', async () => {
    const { certificationId, mainOfEach } = await certifiedCompany('tempo', 'Tempo Door Sensor');
    const { services } = server.running;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await services.database.db
      .updateTable('certification')
      .set({ valid_until: yesterday })
      .where('id', '=', certificationId)
      .execute();
    for (const swept of [false, true]) {
      if (swept) expect((await services.lifecycle.sweep()).expired).toBe(1);
      for (const [view, main] of await mainOfEach()) {
        expect(main, `${swept}: ${view}`).toMatch(/Expired on \d/);
        expect(main, `${swept}: ${view}`).not.toContain('Certified');
        expect(main, `${swept}: ${view}`).not.toContain(`href="/credentials/${certificationId}"`);
      }
    }
  });
});
