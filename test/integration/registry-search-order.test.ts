import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { apiSearch } from '../support/api-search';

/**
 * The registry search lists the same certifications in the same order on SQLite and on PostgreSQL
 * (this file runs on both: TEST_DATABASE_URL selects PostgreSQL). Every expectation is computed here
 * from the rows as issued, so each database is held to one order: code-point order of names (capitals
 * before small letters), the id breaking every tie, accents and case ignored in matching, and the count
 * capped at 1,000 with a flag.
 */
interface Issued {
  id: string;
  name: string;
  category: string;
  issuedAt: string;
  validUntil: string;
  openness: number;
  supportEnd: string;
}

let server: TestServer;
const issued: Issued[] = [];

async function issue(
  name: string,
  category: string,
  issuedAt: string,
  validUntil: string,
  model = '',
  label = { openness: 0, supportEnd: '2035-12-31' },
) {
  const id = await server.running.services.registry.issue({
    applicationId: crypto.randomUUID(),
    productId: crypto.randomUUID(),
    companyId: 'org-order',
    criteriaVersion: 1,
    entry: {
      product: {
        name,
        category,
        modelNumbers: model ? [model] : [],
        webPageUrl: `https://order.example/${encodeURIComponent(name)}`,
        description: 'A product for the order test.',
        firmwareVersion: '1.0',
        supportEndDate: label.supportEnd,
        image: null,
      },
      company: { name: 'Order Works', slug: 'order-works' },
      answers: [],
    },
    categoryLabel: category,
    validUntil,
    opennessLevel: label.openness,
    now: new Date(issuedAt),
  });
  issued.push({
    id,
    name,
    category,
    issuedAt: new Date(issuedAt).toISOString(),
    validUntil,
    openness: label.openness,
    supportEnd: label.supportEnd,
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const day = (n: number) => `2026-01-${String(n).padStart(2, '0')}T10:00:00.000Z`;
  // Ties on purpose: three "Lamp"s with one name, two issued at the same moment, two ending together.
  await issue('Lamp', 'smart-home', day(1), '2028-01-01');
  await issue('Lamp', 'smart-home', day(2), '2028-06-01');
  await issue('Lamp', 'wearable', day(2), '2028-06-01');
  await issue('Müller Thermostat', 'smart-home', day(3), '2029-01-01', 'MT-100');
  await issue('muller sensor', 'wearable', day(4), '2027-01-01');
  await issue('MÜLLER Hub', 'smart-home', day(5), '2028-06-01');
  await issue('Zeta Lamp', 'smart-home', day(6), '2027-06-01');
  await issue('alpha lamp', 'networking', day(7), '2029-06-01');
  await issue('Élan Lamp', 'smart-home', day(8), '2028-01-01');
  // Openness levels and support ends to filter and sort by; two end together, so the id breaks the tie.
  await issue('Open Gate', 'networking', day(9), '2029-01-01', '', { openness: 3, supportEnd: '2034-06-30' });
  await issue('Half Gate', 'networking', day(9), '2029-01-01', '', { openness: 2, supportEnd: '2030-12-31' });
  await issue('Some Gate', 'smart-home', day(9), '2029-01-01', '', { openness: 1, supportEnd: '2034-06-30' });
  await issue('Old Gate', 'networking', day(9), '2029-01-01', '', { openness: 3, supportEnd: '2030-12-30' });
  for (let index = 0; index < 1005; index++) {
    await issue(`Bulk Widget ${index % 7}`, index % 2 ? 'networking' : 'appliance', day(10), '2030-01-01');
  }
  // Issued after the others but dated before them (a clock that went back), and four at one moment: the
  // newest-first order must still be by date and id, not by the order of issue (SQLite reads it from the
  // full-text index's row ids, which take their places as certifications are issued).
  await issue('Early Lamp', 'smart-home', '2026-01-01T09:00:00.000Z', '2028-01-01');
  await issue('Middle Lamp', 'wearable', '2026-01-05T12:00:00.000Z', '2028-01-01');
  for (let index = 0; index < 4; index++) await issue('Twin Lamp', 'smart-home', day(5), '2028-01-01');
}, 300_000);
afterAll(async () => {
  await server?.close();
});

const byCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const orders = {
  name: (a: Issued, b: Issued) => byCodePoints(a.name, b.name) || byCodePoints(a.id, b.id),
  newest: (a: Issued, b: Issued) => byCodePoints(b.issuedAt, a.issuedAt) || byCodePoints(a.id, b.id),
  'valid-until': (a: Issued, b: Issued) =>
    byCodePoints(b.validUntil, a.validUntil) || byCodePoints(a.id, b.id),
};

const search = (query: string) => apiSearch(server, query);

const named = (...names: string[]) => issued.filter((row) => names.includes(row.name));

describe('registry search order on this database', () => {
  it('matches accents and case alike and lists each order with the id breaking ties', async () => {
    const mullers = named('Müller Thermostat', 'muller sensor', 'MÜLLER Hub');
    for (const q of ['Müller', 'muller', 'MULLER', 'müll']) {
      for (const sort of ['name', 'newest', 'valid-until'] as const) {
        const found = await search(`q=${encodeURIComponent(q)}&sort=${sort}`);
        expect(found.ids, `${q} ${sort}`).toEqual([...mullers].sort(orders[sort]).map((row) => row.id));
        expect(found.total).toBe(3);
        expect(found.totalIsLowerBound).toBe(false);
      }
    }
    const lamps = named(
      'Lamp',
      'Zeta Lamp',
      'alpha lamp',
      'Élan Lamp',
      'Early Lamp',
      'Middle Lamp',
      'Twin Lamp',
    );
    for (const sort of ['name', 'newest', 'valid-until'] as const) {
      const found = await search(`q=lamp&sort=${sort}`);
      expect(found.ids, sort).toEqual([...lamps].sort(orders[sort]).map((row) => row.id));
    }
    // Relevance, the API's default, lists the newest first when words are given.
    expect((await search('q=lamp')).ids).toEqual([...lamps].sort(orders.newest).map((row) => row.id));
    // The same with a filter tested on each row (status) and with one the index holds (category).
    expect((await search('q=lamp&status=active')).ids).toEqual(
      [...lamps].sort(orders.newest).map((row) => row.id),
    );
    expect((await search('q=lamp&category=smart-home')).ids).toEqual(
      lamps
        .filter((row) => row.category === 'smart-home')
        .sort(orders.newest)
        .map((row) => row.id),
    );
  });

  it('pages through more than 1,000 matches newest first', async () => {
    const bulk = issued.filter((row) => row.name.startsWith('Bulk')).sort(orders.newest);
    const first = await search('q=widget');
    expect(first.total).toBe(1000);
    expect(first.totalIsLowerBound).toBe(true);
    expect(first.ids).toEqual(bulk.slice(0, 50).map((row) => row.id));
    const last = await search('q=widget&status=active&page=20');
    expect(last.total).toBe(1000);
    expect(last.ids).toEqual(bulk.slice(950, 1000).map((row) => row.id));
    const networking = bulk.filter((row) => row.category === 'networking');
    const narrowed = await search('q=widget&category=networking&page=11');
    expect(narrowed.total).toBe(networking.length);
    expect(narrowed.totalIsLowerBound).toBe(false);
    expect(narrowed.ids).toEqual(networking.slice(500, 550).map((row) => row.id));
    // A page past the last match is empty and still tells how many match.
    const pastTheEnd = Math.ceil(networking.length / 50) + 1;
    expect(pastTheEnd).toBeLessThanOrEqual(20);
    const past = await search(`q=widget&category=networking&page=${pastTheEnd}`);
    expect(past.ids).toEqual([]);
    expect(past.total).toBe(networking.length);
    const pastFiltered = await search(`q=widget&category=networking&status=active&page=${pastTheEnd}`);
    expect(pastFiltered.ids).toEqual([]);
    expect(pastFiltered.total).toBe(networking.length);
  });

  it('needs every word of a multi-word query, or the words run together, and applies filters', async () => {
    const thermostat = named('Müller Thermostat');
    expect((await search('q=muller%20therm')).ids).toEqual(thermostat.map((row) => row.id));
    expect((await search('q=mt%20100')).ids).toEqual(thermostat.map((row) => row.id));
    expect((await search('q=muller%20lamp')).ids).toEqual([]);
    const smartLamps = named('Lamp', 'Zeta Lamp', 'Élan Lamp', 'Early Lamp', 'Twin Lamp').filter(
      (row) => row.category === 'smart-home',
    );
    const filtered = await search('q=lamp&category=smart-home&sort=name');
    expect(filtered.ids).toEqual(smartLamps.sort(orders.name).map((row) => row.id));
    expect(filtered.total).toBe(smartLamps.length);
  });

  it('counts up to 1,000 and flags more, pages through them in order, and refuses pages beyond', async () => {
    const bulk = issued.filter((row) => row.name.startsWith('Bulk')).sort(orders.name);
    const first = await search('q=bulk%20widget&sort=name');
    expect(first.total).toBe(1000);
    expect(first.totalIsLowerBound).toBe(true);
    expect(first.ids).toEqual(bulk.slice(0, 50).map((row) => row.id));
    const last = await search('q=widget&sort=name&page=20');
    expect(last.ids).toEqual(bulk.slice(950, 1000).map((row) => row.id));
    const networking = bulk.filter((row) => row.category === 'networking');
    const narrowed = await search('q=widget&category=networking&sort=name&page=2');
    expect(narrowed.total).toBe(networking.length);
    expect(narrowed.totalIsLowerBound).toBe(false);
    expect(narrowed.ids).toEqual(networking.slice(50, 100).map((row) => row.id));
    const beyond = await server.client().get('/api/v1/products?q=widget&page=21');
    expect(beyond.status).toBe(400);
    expect(beyond.text).toContain('page: must be at most 20');
    // Without words or filters the whole registry is counted exactly.
    const all = await search('sort=name');
    expect(all.total).toBe(issued.length);
    expect(all.totalIsLowerBound).toBe(false);
    expect(all.ids).toEqual(
      [...issued]
        .sort(orders.name)
        .slice(0, 50)
        .map((row) => row.id),
    );
  });

  it('shows a capped count on the registry page in both languages', async () => {
    const en = await server.client().get('/en/products?q=widget');
    expect(en.text).toContain('More than 1,000 products found.');
    const de = await server.client().get('/de/products?q=widget&page=60');
    expect(de.text).toContain('Mehr als 1.000 Produkte gefunden.');
    expect(de.text).toContain('Es werden nur die ersten 1.000 Ergebnisse aufgeführt.');
    expect(de.text).toContain('Seite 50 von 50');
  });

  it('lists at most the pages of the first 1,000 results, even where the whole registry is counted', async () => {
    const all = await server.client().get('/en/products');
    expect(all.text).toContain(`${issued.length} products found.`);
    expect(all.text).toContain('Page 1 of 50');
    const past = await server.client().get('/en/products?page=51');
    expect(past.text).toContain('Page 50 of 50');
    expect(past.text).toContain('Only the first 1,000 results are listed.');
    expect(past.text).not.toMatch(/href="[^"]*page=52/);
    // A page past a small result's last one is empty and says which page is the last, without the cap's note.
    const small = await server.client().get('/en/products?q=widget&category=networking&page=49');
    expect(small.text).not.toContain('Only the first');
    expect(small.text).not.toContain('Page 49 of');
  });

  it('filters by openness level and by security updates until at least a year, and sorts by support end', async () => {
    const gates = named('Open Gate', 'Half Gate', 'Some Gate', 'Old Gate');
    const bySupport = (a: Issued, b: Issued) =>
      byCodePoints(b.supportEnd, a.supportEnd) || byCodePoints(a.id, b.id);
    const ids = (rows: Issued[]) => [...rows].sort(bySupport).map((row) => row.id);
    expect((await search('q=gate&sort=support-end')).ids).toEqual(ids(gates));
    expect((await search('q=gate&openness=2&sort=support-end')).ids).toEqual(
      ids(gates.filter((row) => row.openness >= 2)),
    );
    // "Until at least 2030" means through the end of 2030: Old Gate's support ends a day short of it.
    expect((await search('q=gate&updatesUntil=2030&sort=support-end')).ids).toEqual(
      ids(gates.filter((row) => row.supportEnd >= '2030-12-31')),
    );
    expect((await search('openness=3&updatesUntil=2031&sort=support-end')).ids).toEqual(
      ids(issued.filter((row) => row.openness >= 3 && row.supportEnd >= '2031-12-31')),
    );
    // Without words, sorted by support end over the whole registry, walking the new index.
    const all = await search('sort=support-end');
    expect(all.ids).toEqual(ids(issued).slice(0, 50));
    const bad = await server.client().get('/api/v1/products?openness=4');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('openness: must be 1, 2 or 3');
    expect((await server.client().get('/api/v1/products?updatesUntil=soon')).status).toBe(400);
  });

  it('offers the filters and the order on the registry page, kept in its links', async () => {
    const page = await server
      .client()
      .get('/de/products?q=gate&openness=2&updatesUntil=2030&sort=support-end');
    expect(page.text).toContain('<option value="2" selected="">Offen oder mehr</option>');
    expect(page.text).toContain('Am längsten Sicherheitsupdates');
    expect(page.text).toContain('Open Gate');
    expect(page.text).not.toContain('Some Gate');
    expect(page.text).not.toContain('Old Gate');
    // Nonsense in the address is ignored, as the other filters' is.
    expect((await server.client().get('/en/products?openness=x&updatesUntil=-1')).status).toBe(200);
  });
});
