import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { acceptAll, certificationOf, decideAs, reviewerPair, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let admin: HttpClient;
let owner: HttpClient;
let reviewers: HttpClient[];

beforeAll(async () => {
  server = await startTestServer();
  ({ client: admin } = await signedInUser(server, 'admin'));
  ({ owner } = await companyWithOwner(server, 'settings-co'));
  reviewers = await reviewerPair(server);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const save = (fields: Record<string, string>) =>
  admin.post('/en/admin/reviews/settings', { reviewersPerApplication: '2', ...fields });

describe('program settings', () => {
  it('explain values out of range and keep what was typed', async () => {
    const bad = await save({ validityMonths: 'two years', recommendedPercent: '150' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Please enter a whole number of months from 1 to 120');
    expect(bad.text).toContain('Please enter a whole percentage from 0 to 100');
    expect(bad.text).toContain('two years');
    expect(await server.running.services.settings.review()).toMatchObject({
      validityMonths: null,
      recommendedShare: null,
    });
  });

  it('set how long new certifications are valid', async () => {
    expect((await save({ validityMonths: '6', recommendedPercent: '' })).status).toBe(303);
    const page = await admin.get('/en/admin/reviews');
    expect(page.text).toMatch(/name="validityMonths"[^>]*value="6"/);
    const { applicationId } = await submittedProduct(server, owner, 'settings-co', {
      name: 'Six Month Lamp',
    });
    await decideAs(server, reviewers, applicationId, 'certify');
    const certification = await server.running.services.registry.find(
      await certificationOf(server, applicationId),
    );
    const months =
      (Number(certification!.valid_until.slice(0, 4)) - Number(certification!.issued_at.slice(0, 4))) * 12 +
      Number(certification!.valid_until.slice(5, 7)) -
      Number(certification!.issued_at.slice(5, 7));
    expect(months).toBe(6);
    const entries = await server.running.services.audit.search({ action: 'settings-changed' }, 5);
    expect(entries[0]!.details).toContain('"validityMonths":6');
  });

  it('set the share of recommended criteria every decision requires', async () => {
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    const recommended = criteria.find(
      (criterion) => criterion.level === 'recommended' && criterion.dimension !== 'openness',
    )!;
    const decideWithOneRecommendedNotMet = async (name: string) => {
      const { applicationId } = await submittedProduct(server, owner, 'settings-co', { name });
      const workspace = `/en/review/applications/${applicationId}`;
      for (const reviewer of reviewers) {
        const form = acceptAll(criteria, 'certify');
        form[`verdict-${recommended.id}`] = 'not-met';
        form[`comment-${recommended.id}`] = 'Not shown by the evidence.';
        expect((await reviewer.post(workspace, form)).status).toBe(303);
      }
      return reviewers[1]!.post(`${workspace}/decide`, {
        outcome: 'certify',
        decisionRationale: 'Good enough.',
      });
    };
    // By the version's own share (half), one unmet recommended criterion is fine.
    expect((await decideWithOneRecommendedNotMet('Half Lamp')).status).toBe(303);
    expect((await save({ validityMonths: '', recommendedPercent: '100' })).status).toBe(303);
    expect((await server.running.services.settings.review()).recommendedShare).toBe(1);
    const refused = await decideWithOneRecommendedNotMet('Strict Lamp');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('it does not pass the decision rule');
  });
});

describe('statistics', () => {
  let counted: TestServer | undefined;
  afterAll(async () => {
    await counted?.close();
  });

  it('count applications by status, certifications by category and dimension, and both over time', async () => {
    // The figures count everything on a server: this test brings a server of its own, so the other tests'
    // applications do not count and it can run alone.
    counted = await startTestServer();
    const { client: statisticsAdmin } = await signedInUser(counted, 'admin');
    const { owner: company } = await companyWithOwner(counted, 'counted-co');
    const pair = await reviewerPair(counted);
    for (const name of ['Counted Lamp', 'Counted Plug']) {
      const { applicationId } = await submittedProduct(counted, company, 'counted-co', { name });
      await decideAs(counted, pair, applicationId, 'certify');
    }
    await submittedProduct(counted, company, 'counted-co', { name: 'Waiting Lamp' });

    const page = await statisticsAdmin.get('/en/admin/statistics');
    expect(page.status).toBe(200);
    const row = (label: string) =>
      page.text.match(new RegExp(`<th scope="row">${label}</th><td>(\\d+)</td>`))?.[1];
    expect(row('Certified')).toBe('2');
    expect(row('In review')).toBe('1');
    expect(row('Draft')).toBe('0');
    expect(row('Smart home')).toBe('2');
    expect(row('Security')).toBe('2');
    const month = new Date().toISOString().slice(0, 7);
    expect(page.text).toContain(`<th scope="row">${month}</th><td>3</td><td>2</td>`);
    expect((await company.get('/en/admin/statistics')).status).toBe(403);
  }, 120_000);
});
