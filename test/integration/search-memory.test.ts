import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryRepository } from '../../src/features/registry';
import type { RegistryQuery } from '../../src/features/registry/store';
import { issueCertification } from '../support/certifications';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The registry's in-memory index (decision 0026) answers newest-first searches for words as the database
 * does, and keeps up with changes made by this instance and by another on the same database. Runs on
 * both databases (TEST_DATABASE_URL selects PostgreSQL).
 */
let server: TestServer;

const names = ['Alpha Lamp', 'Alpine Lock', 'Beta Camera', 'Gamma Lamp', 'Quiet Sensor', 'Äpfel Hub'];
const categories = ['smart-home', 'health', 'toys'] as const;

function issue(index: number, issuedAt: Date): Promise<string> {
  const company = index % 3 === 0 ? 'acme' : 'globex';
  return issueCertification(server.running.services, {
    name: `${names[index % names.length] as string} ${index}`,
    issuedAt,
    category: categories[index % categories.length] as string,
    company: { name: company === 'acme' ? 'Acme' : 'Globex', slug: company },
    modelNumbers: [`AS-${index % 7}00`],
    description: index % 2 ? 'Works offline.' : 'Needs the cloud.',
    supportEndDate: index % 4 ? '2035-12-31' : '2028-06-30',
    opennessLevel: index % 4,
  });
}

async function changeStatus(
  id: string,
  to: 'suspended' | 'revoked',
  from: 'active' | 'suspended' = 'active',
) {
  const { services } = server.running;
  const changed = await services.jobs.transaction((trx) =>
    createRegistryRepository(trx, services.database.dialect).changeStatus(
      id,
      [from],
      to,
      to,
      'Test.',
      new Date(),
    ),
  );
  expect(changed).toBe(true);
}

const queries: Omit<RegistryQuery, 'pageSize'>[] = [
  { q: 'alp', page: 1 },
  { q: 'lamp', page: 2 },
  { q: 'a', page: 1 },
  { q: 'as 300', page: 1 },
  { q: 'AS-300', page: 1 },
  { q: 'apfel', page: 1 },
  { q: 'lamp offline', page: 1 },
  { q: 'lamp', category: 'health', page: 1 },
  { q: 'lamp', company: 'acme', page: 1 },
  { q: 'cam', status: 'suspended', page: 1 },
  { q: 'lamp', status: 'revoked', page: 1 },
  { q: 'l', openness: 2, page: 1 },
  { q: 'l', supportUntil: '2030-01-01', page: 3 },
  { q: 'l', updatedSince: '2026-03-01T00:00:00.000Z', page: 1 },
  { q: 'nothing here', page: 1 },
  // Empty filters filter nothing (an empty company in a URL, openness 0).
  { q: 'lamp', category: '', company: '', openness: 0, supportUntil: '', updatedSince: '', page: 1 },
  { q: 'alpha', sort: 'newest', page: 1 },
];

const ids: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // Times shared by several, so that the id decides between them.
  for (let index = 0; index < 60; index++)
    ids.push(await issue(index, new Date(Date.UTC(2026, 1, 1 + Math.floor(index / 3), 10))));
  await changeStatus(ids[2] as string, 'suspended');
  await changeStatus(ids[6] as string, 'revoked');
}, 120_000);
afterAll(async () => {
  await server?.close();
});

/** Every query, as the database's search and `registry` answer it, with the page's rows whole. */
async function bothAnswers(registry: { search: (query: RegistryQuery) => Promise<unknown> }) {
  const { db, dialect, reader } = server.running.services.database;
  const database = createRegistryRepository(db, dialect, reader);
  for (const query of queries) {
    for (const pageSize of [5, 50]) {
      const asked = { ...query, pageSize };
      expect(await registry.search(asked), JSON.stringify(asked)).toEqual(await database.search(asked));
    }
  }
}

describe('the in-memory registry index', () => {
  it('answers every search as the database does, once built', async () => {
    const { registry } = server.running.services;
    await registry.searchIndexReady();
    const before = registry.searchesFromMemory();
    await bothAnswers(registry);
    // Seventeen queries, two page sizes; "alpha" in the newest order and all the others with words.
    expect(registry.searchesFromMemory() - before).toBe(34);
  });

  it("shows another instance's changes at its next search, and no row as it was before a change", async () => {
    const { database, registry } = server.running.services;
    // Another instance on the same database, with its own index.
    const other = createRegistryRepository(database.db, database.dialect, database.reader, {});
    await other.searchIndexReady();
    const lamp = { q: 'gamma', page: 1, pageSize: 50 };
    const first = await other.search(lamp);
    const target = first.items[0]?.id as string;
    expect(first.items[0]?.status).toBe('active');

    await changeStatus(target, 'suspended');
    const after = await other.search(lamp);
    expect(after.items.find((row) => row.id === target)?.status).toBe('suspended');
    expect((await other.search({ ...lamp, status: 'active' })).items.map((row) => row.id)).not.toContain(
      target,
    );
    expect((await other.search({ ...lamp, status: 'suspended' })).items.map((row) => row.id)).toContain(
      target,
    );

    // A new certification, issued through this instance, is found by both.
    const newest = await issue(63, new Date(Date.UTC(2026, 5, 1)));
    for (const instance of [registry, other])
      expect((await instance.search({ q: 'gamma lamp', page: 1, pageSize: 5 })).items[0]?.id).toBe(newest);
    await bothAnswers(other);
  });

  it('places two certifications issued since its last read in their order, whichever was issued first', async () => {
    const { registry } = server.running.services;
    await registry.searchIndexReady();
    const later = await issue(72, new Date(Date.UTC(2026, 7, 2)));
    const earlier = await issue(78, new Date(Date.UTC(2026, 7, 1)));
    const before = registry.searchesFromMemory();
    const found = await registry.search({ q: 'alpha', page: 1, pageSize: 2 });
    expect(found.items.map((row) => row.id)).toEqual([later, earlier]);
    // Read in one refresh, sorted: no new layout, so the index answered.
    expect(registry.searchesFromMemory() - before).toBe(1);
  });

  it('is not built for a registry over its memory budget: the database answers', async () => {
    const { database } = server.running.services;
    const small = createRegistryRepository(database.db, database.dialect, database.reader, {
      budget: 10_000,
    });
    expect(await small.searchIndexReady()).toBe(false);
    await bothAnswers(small);
    expect(small.searchesFromMemory()).toBe(0);
  });

  it('lists a certification issued with a clock gone back in its place: the database answers until the index is laid out again', async () => {
    const { registry } = server.running.services;
    await registry.searchIndexReady();
    const older = await issue(66, new Date(Date.UTC(2026, 1, 5, 10)));
    // This search finds it out of order and has the index built anew; the database answers it.
    const first = await registry.search({ q: 'alpha', page: 1, pageSize: 50 });
    expect(first.items.map((row) => row.id)).toContain(older);
    await registry.searchIndexReady();
    const before = registry.searchesFromMemory();
    await bothAnswers(registry);
    expect(registry.searchesFromMemory() - before).toBe(34);
  });
});
