import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createProduct, sampleProduct, startApplication } from '../support/applications';
import { criteriaWithVersionTwo } from '../support/criteria';
import { temporaryDirectory } from '../support/database';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { decideAs, reviewerPair, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

const folder = temporaryDirectory();
let server: TestServer;
let admin: HttpClient;

beforeAll(async () => {
  server = await startTestServer({ environment: { CRITERIA_DIR: criteriaWithVersionTwo(folder.path) } });
  ({ client: admin } = await signedInUser(server, 'admin'));
}, 60_000);
afterAll(async () => {
  await server?.close();
  folder.remove();
});

const versionOf = async (applicationId: string) =>
  (await server.running.services.applications.find(applicationId))?.criteria_version;

describe('criteria versions', () => {
  it('are published by an admin, who first sees what changes and whom it touches', async () => {
    // A version in the files is not used until it is published.
    const { owner: drafting } = await companyWithOwner(server, 'drafting-co');
    const draftProduct = await createProduct(drafting, 'drafting-co');
    const draft = await startApplication(drafting, 'drafting-co', draftProduct);
    expect(await versionOf(draft)).toBe(1);
    const v1 = server.running.services.criteria.versions.get(1)!;
    const pri01 = v1.criteria.find((criterion) => criterion.id === 'PRI-01')!;
    expect((await answer(drafting, draft, pri01, 'met', 'Our data inventory is public.')).status).toBe(303);

    const { owner: certified } = await companyWithOwner(server, 'certified-co');
    const reviewers = await reviewerPair(server);
    const { applicationId } = await submittedProduct(server, certified, 'certified-co', {
      name: 'Certified Cam',
    });
    await decideAs(server, reviewers, applicationId, 'certify');

    const overview = await admin.get('/en/admin/criteria');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('in use for new applications');
    expect(overview.text).toContain('Not published');
    expect(overview.text).toContain('Publish version 2');

    const diff = await admin.get('/en/admin/criteria/compare?from=1&to=2');
    expect(diff.status).toBe(200);
    const change = (id: string) => {
      const start = diff.text.indexOf(`data-criterion="${id}"`);
      expect(start, id).toBeGreaterThan(-1);
      return diff.text.slice(start, diff.text.indexOf('</li>', diff.text.indexOf('</details>', start) + 1));
    };
    expect(diff.text).toContain('Added (1)');
    expect(diff.text).toContain('Removed (1)');
    expect(diff.text).toContain('Changed (2)');
    expect(diff.text).toContain('at least 60% of recommended criteria per dimension instead of 50%');
    expect(change('SEC-09')).toContain('Touches 1 open application and 1 certification');
    expect(change('PRI-01')).toContain('Changed: wording.');
    expect(change('PRI-01')).toContain('Touches 1 open application and 1 certification');
    expect(change('PRI-01')).toContain('Acme Thermostat (drafting-co Ltd)');
    expect(change('STA-05')).toContain('Changed: level.');
    expect(change('STA-05')).toContain('Touches 0 open applications and 1 certification');
    expect(change('OPE-06')).toContain('Certified Cam (certified-co Ltd)');

    for (const query of ['from=1&to=1', 'from=1&to=7', 'from=x&to=2', '']) {
      const bad = await admin.get(`/en/admin/criteria/compare?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.text).toContain('Please choose two different versions');
      // The versions page itself, to choose again.
      expect(bad.text).toContain('Show the differences');
    }

    const published = await admin.post('/en/admin/criteria/2/publish', {});
    expect(published.status).toBe(303);
    expect(published.location).toContain('/en/admin/criteria/compare?from=1&to=2&notice=published');
    expect((await admin.get(published.location!)).text).toContain('Version 2 is published');
    expect((await admin.post('/en/admin/criteria/2/publish', {})).status).toBe(409);
    expect((await admin.post('/en/admin/criteria/1/publish', {})).status).toBe(409);
    expect((await admin.post('/en/admin/criteria/9/publish', {})).status).toBe(404);
    const record = await server.running.services.audit.search({ action: 'criteria-published' }, 5);
    expect(record.map((entry) => entry.subject_id)).toEqual(['2']);

    // New applications and renewals take version 2; the open one keeps version 1.
    const next = await startApplication(
      drafting,
      'drafting-co',
      await createProduct(drafting, 'drafting-co', { ...sampleProduct, name: 'Second Thermostat' }),
    );
    expect(await versionOf(next)).toBe(2);
    expect((await drafting.get(`/en/applications/${next}/criteria/SEC-09`)).status).toBe(200);
    expect(await versionOf(draft)).toBe(1);
    expect((await drafting.get(`/en/applications/${draft}/criteria/SEC-09`)).status).toBe(404);
    const certifiedProduct = (await server.running.services.applications.find(applicationId))!.product_id;
    const renewal = await startApplication(certified, 'certified-co', certifiedProduct, applicationId);
    expect(await versionOf(renewal)).toBe(2);
  });

  it('survive a restart: the published version stays in use', async () => {
    // A server of its own, so the publication is this test's and not left over from another.
    const ownFolder = temporaryDirectory();
    const own = await startTestServer({
      environment: { CRITERIA_DIR: criteriaWithVersionTwo(ownFolder.path) },
    });
    try {
      const { client } = await signedInUser(own, 'admin');
      expect((await client.post('/en/admin/criteria/2/publish', {})).status).toBe(303);
      await own.restart();
      expect((await own.running.services.criteriaPublications.current()).version).toBe(2);
    } finally {
      await own.close();
      ownFolder.remove();
    }
  });
});
