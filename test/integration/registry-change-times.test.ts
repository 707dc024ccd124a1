import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryRepository } from '../../src/features/registry';
import { changeTimeAfter } from '../../src/features/registry/rules';
import { usingPostgres } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { apiSearch } from '../support/api-search';

/**
 * A certification changed by an instance whose clock is behind the newest recorded change (another
 * instance's clock ahead, or this one set back) must still be seen: by the search caches of the other
 * instances, which compare the registry's version (its newest change time) once a second, and by an API
 * client that asks for what changed since the newest change it saw. Found by the outside review of
 * decision 0021: the change was recorded at the earlier time, so neither noticed it. Here the change is
 * written straight through the repository, as another instance would, without this instance's own
 * notice to its caches. Runs on both databases (TEST_DATABASE_URL selects PostgreSQL).
 */
let server: TestServer;

async function issue(name: string, now: Date): Promise<string> {
  return server.running.services.registry.issue({
    applicationId: crypto.randomUUID(),
    productId: crypto.randomUUID(),
    companyId: 'org-clock',
    criteriaVersion: 1,
    entry: {
      product: {
        name,
        category: 'wearable',
        modelNumbers: [],
        webPageUrl: 'https://clock.example/',
        description: 'Issued for the change-time test.',
        firmwareVersion: '1.0',
        supportEndDate: '2035-12-31',
        image: null,
      },
      company: { name: 'Clock Works', slug: 'clock-works' },
      answers: [],
    },
    categoryLabel: 'wearable',
    validUntil: '2030-01-01',
    opennessLevel: 0,
    now,
  });
}

const versionFreshness = () => new Promise((resolve) => setTimeout(resolve, 1_100));

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('change times of certifications', () => {
  // First, while change times are the clock's. SQLite has one connection, held by a transaction until it
  // ends: there the second change cannot even start.
  it.runIf(usingPostgres)(
    'commit in the order of their times, when two instances change certifications at once',
    async () => {
      const { services } = server.running;
      const [one, two] = [await issue('Overlap One', new Date()), await issue('Overlap Two', new Date())];
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let firstChanged = () => {};
      const changed = new Promise<void>((resolve) => (firstChanged = resolve));
      // The first change takes its time, then its transaction goes on with other work before it commits.
      const first = services.jobs.transaction(async (trx) => {
        const registry = createRegistryRepository(trx, services.database.dialect);
        await registry.changeStatus(one, ['active'], 'suspended', 'suspended', 'First.', new Date());
        firstChanged();
        await held;
      });
      await changed;
      const second = services.jobs.transaction((trx) =>
        createRegistryRepository(trx, services.database.dialect).changeStatus(
          two,
          ['active'],
          'suspended',
          'suspended',
          'Second.',
          new Date(Date.now() + 50),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      // What a client or another instance saw while the first was still to commit.
      const versionSeen = await services.registry.version();
      const newestSeen = versionSeen.split(' ')[0] ?? '';
      release();
      await Promise.all([first, second]);
      expect(await services.registry.version()).not.toBe(versionSeen);
      for (const id of [one, two]) {
        const row = await services.registry.find(id);
        expect(row?.status).toBe('suspended');
        expect(row && row.updated_at >= newestSeen, `${row?.product_name} after ${newestSeen}`).toBe(true);
      }
    },
  );

  it('never go backwards, so caches and clients see a change made with a clock behind', async () => {
    const ahead = new Date(Date.now() + 3_600_000);
    const first = await issue('Clockwise Band', ahead);
    const seen = await apiSearch(server, 'q=clockwise');
    expect(seen.ids).toEqual([first]);
    const newestSeen = (await server.running.services.registry.find(first))?.updated_at ?? '';

    // An instance an hour behind issues another, then revokes the first.
    const behind = new Date();
    const second = await issue('Clockwise Ring', behind);
    const changed = await server.running.services.registry.find(second);
    expect(changed?.issued_at).toBe(behind.toISOString());
    expect(changed && changed.updated_at > newestSeen).toBe(true);
    await versionFreshness();
    // The same search as before, so a cache that missed the change would answer it as before.
    expect((await apiSearch(server, 'q=clockwise')).ids).toEqual([first, second]);
    const since = await apiSearch(server, `q=clockwise&updatedSince=${encodeURIComponent(newestSeen)}`);
    expect(since.ids).toContain(second);

    expect((await apiSearch(server, 'q=clockwise&status=active')).ids).toEqual([first, second]);
    const revoked = await server.running.services.registry.changeStatus(
      first,
      ['active'],
      'revoked',
      'revoked',
      'Test of change times.',
      new Date(behind.getTime() - 60_000),
    );
    expect(revoked).toBe(true);
    await versionFreshness();
    expect((await apiSearch(server, 'q=clockwise&status=active')).ids).toEqual([second]);
  });

  it('are the clock, or one millisecond past the newest change when the clock is behind it', () => {
    const now = new Date('2026-12-03T10:00:00.000Z');
    expect(changeTimeAfter(now, undefined)).toBe('2026-12-03T10:00:00.000Z');
    expect(changeTimeAfter(now, '2026-12-03T09:59:59.999Z')).toBe('2026-12-03T10:00:00.000Z');
    expect(changeTimeAfter(now, '2026-12-03T10:00:00.000Z')).toBe('2026-12-03T10:00:00.001Z');
    expect(changeTimeAfter(now, '2026-12-03T11:00:00.000Z')).toBe('2026-12-03T11:00:00.001Z');
  });
});
