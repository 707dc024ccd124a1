import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  searchIndexSegments,
  searchIndexSegmentsToTidy,
  tidySearchIndex,
} from '../../src/platform/db/dialect';
import { apiSearch } from '../support/api-search';
import { usingPostgres } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The search index's sweep (decision 0025), on this database (TEST_DATABASE_URL selects PostgreSQL):
 * SQLite's full-text index merged step by step into one segment, PostgreSQL's pending entries moved into
 * its GIN index, the searches answering exactly as before; and the hourly sweeps running it.
 */
let server: TestServer;
let sweeping: TestServer;

/** Issues `count` certifications one by one, as the review's decisions do: each adds to the index. */
async function issueLamps(target: TestServer, count: number, from = 0) {
  for (let index = from; index < from + count; index += 1) {
    await target.running.services.registry.issue({
      applicationId: crypto.randomUUID(),
      productId: crypto.randomUUID(),
      companyId: 'org-tidy',
      criteriaVersion: 1,
      entry: {
        product: {
          name: `Tidy Lamp ${index}`,
          category: index % 2 ? 'smart-home' : 'lighting',
          modelNumbers: [`TL-${index}`],
          webPageUrl: `https://tidy.example/${index}`,
          description: 'Kept for the index sweep test.',
          firmwareVersion: '1.0',
          supportEndDate: '2035-12-31',
          image: null,
        },
        company: { name: 'Tidy Works', slug: 'tidy-works' },
        answers: [],
      },
      categoryLabel: 'Lighting',
      validUntil: '2030-01-01',
      opennessLevel: 0,
      now: new Date(Date.UTC(2026, 1, 1, 10, index)),
    });
  }
}

// A lower bound every entry meets changes nothing in the answer but keeps it out of the search cache.
const queries = ['q=tidy', 'q=lamp&category=smart-home', 'q=tl%2013', 'q=tidy%20works&sort=name'];
const answers = (target: TestServer, since: string) =>
  Promise.all(queries.map((query) => apiSearch(target, `${query}&updatedSince=${since}`)));

beforeAll(async () => {
  server = await startTestServer();
  sweeping = await startTestServer({ environment: { SWEEP_INTERVAL_SECONDS: '1' } });
  // One at a time: FTS5 merges four segments into one as they come, which leaves as many as 47's digits in
  // base four add up to (2, 3, 3): eight, the number from which the sweep merges.
  await issueLamps(server, 47);
  await issueLamps(sweeping, 47);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await sweeping?.close();
});

describe('the search index sweep', () => {
  it('merges the index and the searches answer as before', async () => {
    const { db, dialect } = server.running.services.database;
    const before = await answers(server, '2000-01-01T00:00:00Z');
    expect(before[0]?.total).toBe(47);
    if (dialect === 'sqlite') {
      expect(await searchIndexSegments(db)).toBeGreaterThanOrEqual(searchIndexSegmentsToTidy);
      expect(await tidySearchIndex(db, dialect)).toBeGreaterThan(1);
      expect(await searchIndexSegments(db)).toBe(1);
      // Nothing left to merge: not a step taken.
      expect(await tidySearchIndex(db, dialect)).toBe(0);
    } else {
      expect(await tidySearchIndex(db, dialect)).toBe(1);
      // The pending list is empty: cleaning it again moves no page.
      const { rows } = await sql<{
        pages: number;
      }>`select gin_clean_pending_list('certification_search_index'::regclass) as pages`.execute(db);
      expect(Number(rows[0]?.pages)).toBe(0);
    }
    expect(await answers(server, '2000-01-02T00:00:00Z')).toEqual(before);
    // New entries after the merge are found beside the merged ones.
    await issueLamps(server, 2);
    const after = await answers(server, '2000-01-03T00:00:00Z');
    expect(after[0]?.total).toBe(49);
    // Two segments more: too few to merge again.
    if (dialect === 'sqlite') expect(await tidySearchIndex(db, dialect)).toBe(0);
  });

  it.runIf(!usingPostgres)('finishes its merge while certifications are issued', async () => {
    const { db, dialect } = server.running.services.database;
    // Issued one at a time until the index is in enough segments for the sweep to merge.
    let added = 0;
    while ((await searchIndexSegments(db)) < searchIndexSegmentsToTidy && added < 300) {
      await issueLamps(server, 1, 100 + added);
      added += 1;
    }
    expect(await searchIndexSegments(db)).toBeGreaterThanOrEqual(searchIndexSegmentsToTidy);
    // One more certification after each step: each adds a segment, which must not start the merge again.
    let issued = 0;
    const steps = await tidySearchIndex(db, dialect, async () => {
      if (issued >= 50) throw new Error('the merge started again after each certification');
      issued += 1;
      await issueLamps(server, 1, 400 + issued);
    });
    expect(steps).toBeLessThan(10);
    expect(await searchIndexSegments(db)).toBeLessThan(searchIndexSegmentsToTidy);
    expect((await answers(server, '2000-01-04T00:00:00Z'))[0]?.total).toBe(49 + added + issued);
  });

  // PostgreSQL's pending list shows only through the pgstattuple extension, which the app's role does not
  // have: there the first test shows the sweep's work, with the app's role.
  it.runIf(!usingPostgres)('is one of the sweeps every instance runs', async () => {
    const { db } = sweeping.running.services.database;
    // Without the sweep there would be eight (the first test); it merges them, whenever in the issuing it
    // ran.
    await expect
      .poll(() => searchIndexSegments(db), { timeout: 10_000, interval: 200 })
      .toBeLessThan(searchIndexSegmentsToTidy);
    expect((await answers(sweeping, '2000-01-01T00:00:00Z'))[0]?.total).toBe(47);
  });
});
