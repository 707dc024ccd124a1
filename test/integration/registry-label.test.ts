import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../support/http';
import { certifiedCompany, reviewerPair } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let reviewers: HttpClient[];
let certificationId: string;
beforeAll(async () => {
  server = await startTestServer();
  reviewers = await reviewerPair(server);
  ({ certificationId } = await certifiedCompany(server, reviewers, 'label-co', {
    supportEndDate: '2031-12-31',
  }));
}, 120_000);
afterAll(async () => {
  await server?.close();
});

/** The label's section of a page. */
const labelOf = (html: string) => /<section class="label"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe('the consumer label', () => {
  it('leads the product page in both languages, with the answers below in one <details> per dimension', async () => {
    const en = (await server.client().get(`/en/products/${certificationId}`)).text;
    const label = labelOf(en);
    expect(label).toContain('Certified');
    expect(label).toMatch(/until 31 December 2031 — \d+ months left/);
    for (const dimension of ['Privacy', 'Transparency', 'Security', 'Stability', 'Openness'])
      expect(label).toContain(`<th scope="row">${dimension}</th>`);
    expect(label).toContain('all 4 met');
    expect(label).toContain('fully open (not required)');
    for (const question of ['What personal data does it collect?', 'Can I export and delete it?'])
      expect(label).toContain(question);
    // Each answer links to the criterion that covers it, which the details hold.
    expect(label).toContain('href="#answer-PRI-01"');
    expect(en).toContain('id="answer-PRI-01"');
    expect(en.match(/<details class="card dimension-details"/g)?.length).toBe(5);
    expect(en.indexOf('class="label"')).toBeLessThan(en.indexOf('<details'));

    const de = labelOf((await server.client().get(`/de/products/${certificationId}`)).text);
    expect(de).toContain('Zertifiziert');
    expect(de).toMatch(/bis 31\. Dezember 2031 – noch \d+ Monate/);
    expect(de).toContain('Kann ich sie exportieren und löschen?');

    // Compact: about 1.3 kB of HTML, some 550 bytes compressed as served.
    expect(Buffer.byteLength(label)).toBeLessThan(2500);
    expect(gzipSync(label).length).toBeLessThan(1024);
  });

  it('has a printable view of its own, linked from the page, whose answers link back to the product page', async () => {
    const page = (await server.client().get(`/en/products/${certificationId}`)).text;
    expect(page).toContain(`href="/en/products/${certificationId}/label"`);
    const printable = await server.client().get(`/de/products/${certificationId}/label`);
    expect(printable.status).toBe(200);
    expect(printable.text).toContain(`href="/de/products/${certificationId}#answer-PRI-05"`);
    expect((await server.client().get('/en/products/no-such-thing/label')).status).toBe(404);
  });

  it('shows the most recently certified products on the home page as cards, with the ways on', async () => {
    const home = (await server.client().get('/en')).text;
    expect(home).toContain('Recently certified');
    expect(home).toContain(`href="/en/products/${certificationId}"`);
    expect(home).toContain('Updates until 31 December 2031');
    expect(home).toContain('href="/en/sign-up">Apply for the mark');
  });

  it('renders a product page once while nothing changes, and again at once after a change', async () => {
    const { services } = server.running;
    const path = `/en/products/${certificationId}`;
    const registry = services.registry;
    const find = registry.find.bind(registry);
    let reads = 0;
    registry.find = (id: string) => {
      if (id === certificationId) reads++;
      return find(id);
    };
    try {
      await server.client().get(path);
      reads = 0;
      // Longer than the half second other pages are kept for.
      const until = Date.now() + 1200;
      let served = 0;
      while (Date.now() < until) {
        expect((await server.client().get(path)).status).toBe(200);
        served++;
      }
      expect(served).toBeGreaterThan(10);
      expect(reads).toBe(0);
      // Changed on another instance (only the database knows): shown within a second.
      await services.database.db
        .updateTable('certification')
        .set({
          status: 'suspended',
          status_reason: 'Checked elsewhere.',
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', certificationId)
        .execute();
      const changedAt = Date.now();
      for (;;) {
        const text = (await server.client().get(path)).text;
        if (text.includes('Checked elsewhere.')) break;
        expect(Date.now() - changedAt).toBeLessThan(1500);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(reads).toBeGreaterThan(0);
    } finally {
      registry.find = find;
    }
  });

  it('shows a security notice published on another instance within a second, though the certification is unchanged', async () => {
    const { services } = server.running;
    const path = `/en/products/${certificationId}`;
    await server.client().get(path);
    const row = await services.registry.find(certificationId);
    const owner = await services.database.db
      .selectFrom('user')
      .select('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await services.database.db
      .insertInto('security_notice')
      .values({
        id: 'notice-from-elsewhere',
        product_id: row!.product_id,
        certification_id: certificationId,
        title: 'Notice written by another instance',
        published_on: '2026-11-30',
        severity: 'low',
        affected_versions: '1.0',
        fixed_version: '1.1',
        advisory_url: 'https://label-co.example/advisory',
        csaf_url: null,
        published_by: owner.id,
        created_at: new Date().toISOString(),
      })
      .execute();
    const publishedAt = Date.now();
    for (;;) {
      const text = (await server.client().get(path)).text;
      if (text.includes('Notice written by another instance')) break;
      expect(Date.now() - publishedAt).toBeLessThan(1500);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('fills in, at start, the openness level of certifications issued before it was kept', async () => {
    await server.restartWith(async (db) => {
      await db.updateTable('certification').set({ openness_level: null }).execute();
    });
    const found = JSON.parse((await server.client().get('/api/v1/products?openness=3')).text) as {
      items: { id: string }[];
    };
    expect(found.items.map((item) => item.id)).toContain(certificationId);
  });
});
