import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xml2js, type Element } from 'xml-js';
import { companyWithOwner, signedInUser } from '../support/flows';
import { decideAs, reviewerPair, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The registry's formats as tools read them: Atom feeds, the CSV export, model-number search in any
 * spelling, and the search form's options.
 */
let server: TestServer;
let hyphenated: string;
let compact: string;

beforeAll(async () => {
  server = await startTestServer();
  const { owner } = await companyWithOwner(server, 'nordwind');
  const { client: admin } = await signedInUser(server, 'admin');
  const reviewers = await reviewerPair(server);
  for (const locale of ['en', 'de']) {
    const news = await admin.post('/en/admin/news', {
      locale,
      slug: `registry-opens-${locale}`,
      title: 'Registry opens',
      summary: 'The registry is open.',
      body: 'Open.',
      status: 'published',
      publishAt: '',
      imageAlt: '',
      updatedAt: '',
    });
    expect(news.status, locale).toBe(303);
  }
  for (const [name, modelNumbers] of [
    ['Nordwind Air Sensor', 'AS-200'],
    ['Nordwind Bridge', 'BX300'],
    ['Nordwind Other', 'AS-2 00X\nZZ-9'],
  ] as const) {
    const { applicationId } = await submittedProduct(server, owner, 'nordwind', { name, modelNumbers });
    await decideAs(server, reviewers, applicationId, 'certify');
  }
  const ids = async (query: string) =>
    (
      JSON.parse((await server.client().get(`/api/v1/products?q=${query}`)).text) as {
        items: { id: string }[];
      }
    ).items;
  hyphenated = (await ids('air'))[0]!.id;
  compact = (await ids('bridge'))[0]!.id;
}, 180_000);
afterAll(async () => {
  await server?.close();
});

/** The ids a registry page links to, in order. */
function linkedIds(html: string): string[] {
  return [...html.matchAll(/<h2><a href="\/en\/products\/([0-9a-f-]{36})">/g)].map((match) => match[1]!);
}

async function searchBothWays(query: string): Promise<{ page: string[]; api: string[] }> {
  const visitor = server.client();
  const page = await visitor.get(`/en/products?q=${encodeURIComponent(query)}`);
  expect(page.status, query).toBe(200);
  const api = await visitor.get(`/api/v1/products?q=${encodeURIComponent(query)}`);
  expect(api.status, query).toBe(200);
  return {
    page: linkedIds(page.text),
    api: (JSON.parse(api.text) as { items: { id: string }[] }).items.map((item) => item.id),
  };
}

async function lookUp(model: string): Promise<string[]> {
  const found = await server.client().get(`/api/v1/lookup?model=${encodeURIComponent(model)}`);
  expect(found.status, model).toBe(200);
  return (JSON.parse(found.text) as { items: { id: string }[] }).items.map((item) => item.id);
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      record.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index++;
    } else field += character;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

function childrenNamed(element: Element | undefined, name: string): Element[] {
  return (element?.elements ?? []).filter((child) => child.type === 'element' && child.name === name);
}

describe('model numbers in any spelling', () => {
  it('finds a hyphenated and an unhyphenated model number written with or without hyphen, space or capitals', async () => {
    for (const [id, spellings] of [
      [hyphenated, ['AS200', 'as 200', 'AS-200', 'as-200', 'As200']],
      [compact, ['BX300', 'bx 300', 'BX-300', 'bx-300']],
    ] as const) {
      for (const spelling of spellings) {
        const { page, api } = await searchBothWays(spelling);
        expect(page, `page: ${spelling}`).toContain(id);
        expect(api, `api: ${spelling}`).toContain(id);
        expect(await lookUp(spelling), `lookup: ${spelling}`).toEqual([id]);
      }
    }
    // A different model that only shares the letters and digits in a longer run is not the same model.
    expect(await lookUp('AS 20')).toEqual([]);
    expect(await lookUp('---')).toEqual([]);
    expect((await searchBothWays('bx300 nordwind')).api).toEqual([compact]);
  });

  it('re-indexes certifications published before model numbers were indexed in one piece', async () => {
    const { dialect } = server.running.services.database;
    await server.restartWith(async (db) => {
      // The search text as it was written before: only the words, no joined model number.
      await db
        .updateTable('certification')
        .set({ search_text: 'nordwind air sensor nordwind ltd smart home as 200' })
        .where('id', '=', hyphenated)
        .execute();
      if (dialect === 'sqlite') {
        await sql`delete from certification_search where rowid = (select search_key from certification where id = ${hyphenated})`.execute(
          db,
        );
        await sql`insert into certification_search (rowid, search_text) select search_key, search_text from certification where id = ${hyphenated}`.execute(
          db,
        );
      }
      // Migrations run in order, so the re-indexing one runs again with every one after it.
      await sql`delete from kysely_migration where name >= '0016_joined_model_numbers'`.execute(db);
    });
    expect((await searchBothWays('as200')).api).toContain(hyphenated);
    expect((await searchBothWays('as 200')).page).toContain(hyphenated);
  });
});

describe('open data formats', () => {
  it('gives every Atom feed an author (RFC 4287 4.1.1)', async () => {
    for (const path of ['/feeds/certifications.atom', '/en/news/feed.atom', '/de/news/feed.atom']) {
      const response = await server.client().get(path);
      expect(response.status, path).toBe(200);
      const document = xml2js(response.text, { compact: false }) as Element;
      const [feed] = childrenNamed(document, 'feed');
      expect(feed?.attributes?.['xmlns'], path).toBe('http://www.w3.org/2005/Atom');
      const entries = childrenNamed(feed, 'entry');
      expect(entries.length, path).toBeGreaterThan(0);
      const feedAuthors = childrenNamed(feed, 'author');
      expect(feedAuthors.length, path).toBe(1);
      const [name] = childrenNamed(feedAuthors[0], 'name');
      expect(name?.elements?.[0]?.text, path).toBe('Trustmark');
    }
  });

  it('exports CSV whose every record has the header’s fields, with the licence in a Link header', async () => {
    const response = await server.client().get('/api/v1/export.csv');
    expect(response.status).toBe(200);
    const records = parseCsv(response.text);
    const [header, ...rows] = records;
    expect(header?.[0]).toBe('id');
    expect(rows.length).toBe(3);
    for (const row of rows) expect(row.length).toBe(header!.length);
    expect(response.text).not.toContain('# Trustmark');
    const licence = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"';
    expect(response.headers.get('link')).toBe(licence);
    const json = await server.client().get('/api/v1/export.json');
    expect(json.headers.get('link')).toBe(licence);
    expect((JSON.parse(json.text) as { licence: { name: string } }).licence.name).toBe('CC BY 4.0');
    expect((await server.client().get('/en/open-data')).text).toContain('CC BY 4.0');
  });

  it('lists each sort order once in the search form, in English and German', async () => {
    for (const locale of ['en', 'de']) {
      const page = (await server.client().get(`/${locale}/products`)).text;
      const select = /<select[^>]*name="sort"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '';
      const labels = [...select.matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((match) => match[1]);
      expect(labels.length, locale).toBeGreaterThanOrEqual(3);
      expect(new Set(labels).size, `${locale}: ${labels.join(' | ')}`).toBe(labels.length);
    }
    // Links that still name the old first choice keep working.
    expect((await server.client().get('/en/products?sort=relevance')).status).toBe(200);
    expect((await server.client().get('/api/v1/products?sort=relevance')).status).toBe(200);
  });
});
