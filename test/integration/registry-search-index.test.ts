import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertification } from '../support/certifications';
import { startTestServer, type TestServer } from '../support/server';
import { apiSearch } from '../support/api-search';

/**
 * What the registry search's indexes answer for themselves (decision 0019), over HTTP on this database
 * (TEST_DATABASE_URL selects PostgreSQL): words together with the category and company filters, words
 * longer than SQLite's stored prefixes matched exactly without a second look at the text, a lower bound
 * on the last change that filters nothing, a status filter beside the indexed ones after a revocation,
 * and a page past the matches.
 */
let server: TestServer;
const ids = new Map<string, string>();

async function issue(key: string, name: string, category: string, company: string, at: string) {
  const id = await issueCertification(server.running.services, {
    name,
    issuedAt: new Date(at),
    category,
    company: { name: company, slug: company },
    description: 'Kept for the index test.',
  });
  ids.set(key, id);
}

beforeAll(async () => {
  server = await startTestServer();
  // Companies whose slugs differ only in a hyphen: a filter must not take one for the other.
  await issue(
    'valve-home',
    'Thermostatically Controlled Valve',
    'smart-home',
    'heat-works',
    '2026-02-01T10:00:00Z',
  );
  await issue('stat-home', 'Thermostat One', 'smart-home', 'heatworks', '2026-02-02T10:00:00Z');
  await issue('stat-net', 'Thermostat Two', 'networking', 'heat-works', '2026-02-03T10:00:00Z');
  await issue('stat-revoked', 'Thermostat Three', 'smart-home', 'heat-works', '2026-02-04T10:00:00Z');
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const search = (query: string) => apiSearch(server, query);

/** The keys in the registry's default order for words: the newest first. */
const newestFirst = (...keys: string[]) => keys.map((key) => ids.get(key)).reverse();

describe('registry search through its indexes', () => {
  it('filters words by category and company exactly, and a word spelling a filter finds nothing', async () => {
    expect((await search('q=thermostat')).ids).toEqual(
      newestFirst('valve-home', 'stat-home', 'stat-net', 'stat-revoked'),
    );
    expect((await search('q=thermostat&category=smart-home')).ids).toEqual(
      newestFirst('valve-home', 'stat-home', 'stat-revoked'),
    );
    expect((await search('q=thermostat&company=heat-works')).ids).toEqual(
      newestFirst('valve-home', 'stat-net', 'stat-revoked'),
    );
    expect((await search('q=thermostat&company=heatworks')).ids).toEqual(newestFirst('stat-home'));
    expect((await search('q=thermostat&category=networking&company=heatworks')).ids).toEqual([]);
    // The category's value as the index's filter token spells it: not a word of any product.
    const token = `c${Buffer.from('smart-home').toString('hex')}`;
    expect((await search(`q=${token}`)).total).toBe(0);
  });

  it('matches a word longer than the stored prefixes as a whole prefix, without a text check', async () => {
    // SQLite keeps prefixes of up to twelve letters (migration 0030); fifteen are looked up whole.
    expect((await search('q=thermostati')).ids).toEqual(newestFirst('valve-home'));
    expect((await search('q=thermostatical')).ids).toEqual(newestFirst('valve-home'));
    expect((await search('q=thermostaticals')).ids).toEqual([]);
    expect((await search('q=thermostats')).ids).toEqual([]);
    expect((await search('q=thermostatic%20valve')).ids).toEqual(newestFirst('valve-home'));
  });

  it('answers alike with and without a lower bound on the last change that every entry meets', async () => {
    const all = await search('q=thermostat&category=smart-home');
    const since = await search('q=thermostat&category=smart-home&updatedSince=2000-01-01T00:00:00Z');
    expect(since).toEqual(all);
    // A bound that does filter is applied.
    const later = await search('q=thermostat&updatedSince=2026-02-02T12:00:00Z');
    expect(later.ids).toEqual(newestFirst('stat-net', 'stat-revoked'));
    // Without words, such a search stays a filtered one (its count is not the whole registry's).
    const sinceOnly = await search('updatedSince=2000-01-01T00:00:00Z&sort=name');
    expect(sinceOnly.total).toBe(ids.size);
  });

  it('applies the status beside the indexed filters once a certification is revoked', async () => {
    const revoked = await server.running.services.registry.changeStatus(
      ids.get('stat-revoked') ?? '',
      ['active'],
      'revoked',
      'revoked',
      'index test',
      new Date('2026-03-01T10:00:00Z'),
    );
    expect(revoked).toBe(true);
    expect((await search('q=thermostat&category=smart-home&status=active')).ids).toEqual(
      newestFirst('valve-home', 'stat-home'),
    );
    expect((await search('q=thermostat&company=heat-works&status=revoked')).ids).toEqual(
      newestFirst('stat-revoked'),
    );
  });

  it('gives an empty page past the matches, with their count', async () => {
    const past = await search('q=thermostat&category=smart-home&page=2');
    expect(past.ids).toEqual([]);
    expect(past.total).toBe(3);
    expect(past.totalIsLowerBound).toBe(false);
  });
});
