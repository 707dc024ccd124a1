import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryRepository } from '../../src/features/registry';
import { issueCertification } from '../support/certifications';
import { usingPostgres } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A registry search that runs while a certification is issued lists only its own matches. On SQLite an
 * issue dated before others moves their search keys up one (decision 0021), so a search that read the keys
 * of its page and then, in another statement, their rows could find the rows of other certifications
 * (found by the outside review of that change: "Beta" rows for a search for "alpha"). The issue is started
 * after each number of turns of the event loop from 0 to 29, so that it falls between every two steps of
 * the search. Runs on both databases (TEST_DATABASE_URL selects PostgreSQL).
 */
let server: TestServer;

function issue(name: string, issuedAt: string): Promise<string> {
  return issueCertification(server.running.services, {
    name,
    issuedAt: new Date(issuedAt),
    company: { name: 'Race Works', slug: 'race-works' },
    description: 'Issued for the race test.',
  });
}

const alphas: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // Alternating, so that a key moved up one belongs to a certification the search does not match.
  for (let day = 0; day < 20; day++) {
    const at = Date.UTC(2026, 1, 1 + day, 10);
    alphas.push(await issue(`Alpha ${day}`, new Date(at).toISOString()));
    await issue(`Beta ${day}`, new Date(at + 3_600_000).toISOString());
  }
}, 120_000);
afterAll(async () => {
  await server?.close();
});

/**
 * The search as the database answers it (a repository of its own, without the in-memory index), and as
 * the app's registry does: from its in-memory index (decision 0026), which an issue dated before others
 * has built anew while the database answers.
 */
function searchers() {
  const { services } = server.running;
  const { db, dialect, reader } = services.database;
  return { database: createRegistryRepository(db, dialect, reader), memory: services.registry };
}

describe.each(['database', 'memory'] as const)(
  'a registry search (%s) while a certification is issued',
  (kind) => {
    beforeAll(async () => {
      await server.running.services.registry.searchIndexReady();
    });

    it('lists only its matches, whenever an issue dated before them comes in', async () => {
      const registry = searchers()[kind];
      const newestFirst = [...alphas].reverse();
      for (let turns = 0; turns < 30; turns++) {
        const searching = registry.search({ q: 'alpha', page: 1, pageSize: 50 });
        const issuing = (async () => {
          for (let turn = 0; turn < turns; turn++) await Promise.resolve();
          await issue(`Gamma ${kind} ${turns}`, '2025-01-01T00:00:00.000Z');
        })();
        const [result] = await Promise.all([searching, issuing]);
        expect(
          result.items.map((row) => row.id),
          `issue after ${turns} turns`,
        ).toEqual(newestFirst);
      }
    });

    it('lists only its matches while issues dated before them keep coming, read beside the event loop', async () => {
      const { database } = server.running.services;
      const registry = searchers()[kind];
      const newestFirst = [...alphas].reverse();
      // On SQLite the search reads on its reader thread while the issues write on the serving connection:
      // the two run at the same time, not in turns of one event loop.
      const answeredBefore = database.reader?.answered ?? 0;
      let issuing = true;
      const issues = (async () => {
        for (let index = 0; index < 30; index++)
          await issue(`Delta${kind} ${index}`, '2025-01-02T00:00:00.000Z');
        issuing = false;
      })();
      const found: string[][] = [];
      // A search for the issues themselves: its count and its page are read from one state of the registry
      // (on PostgreSQL they were read in two transactions, and 3 counted were listed as 4, until the search
      // ran in one snapshot).
      const counted: { total: number; listed: number }[] = [];
      while (issuing) {
        const [alpha, delta] = await Promise.all([
          registry.search({ q: 'alpha', page: 1, pageSize: 50 }),
          registry.search({ q: `delta${kind}`, page: 1, pageSize: 50 }),
        ]);
        found.push(alpha.items.map((row) => row.id));
        counted.push({ total: delta.total, listed: delta.items.length });
      }
      await issues;
      expect(found.length).toBeGreaterThan(0);
      for (const ids of found) expect(ids).toEqual(newestFirst);
      for (const { total, listed } of counted) expect(listed).toBe(total);
      // Every search was answered by the thread, none read again on the serving connection.
      if (database.dialect === 'sqlite' && kind === 'database')
        expect((database.reader?.answered ?? 0) - answeredBefore).toBe(found.length * 2);
    });
  },
);

describe("the database's registry search on SQLite", () => {
  it.runIf(!usingPostgres)('reads on the serving connection when the reader thread cannot', async () => {
    const { database } = server.running.services;
    const registry = searchers().database;
    await database.reader?.stop();
    const answered = database.reader?.answered;
    const result = await registry.search({ q: 'alpha', page: 1, pageSize: 50 });
    expect(result.items.map((row) => row.id)).toEqual([...alphas].reverse());
    expect(result.total).toBe(alphas.length);
    expect(database.reader?.answered).toBe(answered);
  });
});
