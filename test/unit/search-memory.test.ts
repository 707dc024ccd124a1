import { describe, expect, it } from 'vitest';
import { createIndexBuilder } from '../../src/features/registry/search-memory-build';
import {
  isNewer,
  type IndexQuery,
  type IndexedCertification,
  type RegistryIndex,
} from '../../src/features/registry/search-memory';

/**
 * The registry's in-memory index (decision 0026) against a plain reading of what a search means, on a
 * random registry: every word a prefix of some word of the text (or the words run together one), the
 * filters, newest first, the page and the count. A seeded generator makes each run the same.
 */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return {
    below: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}

const vocabulary = [
  'smart',
  'smoke',
  'sensor',
  'lamp',
  'lock',
  'locker',
  'quiet',
  'cam',
  'camera',
  'äpfel',
  'x',
];
const statuses = ['active', 'suspended', 'revoked', 'expired'];

function certification(random: ReturnType<typeof generator>, number: number): IndexedCertification {
  const words = Array.from({ length: 1 + random.below(5) }, () => random.pick(vocabulary));
  const model = `m${random.below(50)}`;
  return {
    id: `id-${String(random.below(1_000_000)).padStart(7, '0')}-${number}`,
    // Few distinct times, so that many share one and the id decides.
    issued_at: `2026-01-${String(1 + random.below(28)).padStart(2, '0')}T00:00:00.000Z`,
    search_text: [...words, model, 'm', model.slice(1)].join(' '),
    category: random.pick(['smart-home', 'health', 'toys']),
    company_slug: random.pick(['acme', 'globex', 'initech']),
    status: random.pick(statuses),
    updated_at: `2026-02-${String(1 + random.below(28)).padStart(2, '0')}T00:00:00.000Z`,
    openness_level: random.pick([null, 0, 1, 2, 3]),
    support_end_date: random.pick(['2027-12-31', '2030-06-30', '2035-01-01']),
  };
}

/** What a search means, read off every certification. */
function expected(all: readonly IndexedCertification[], query: IndexQuery) {
  const has = (text: string, word: string) => text.split(' ').some((term) => term.startsWith(word));
  const matching = all
    .filter(
      (row) =>
        query.words.every((word) => has(row.search_text, word)) ||
        (query.words.length > 1 && has(row.search_text, query.words.join(''))),
    )
    // An empty filter ("" or 0) filters nothing, as in the database's search.
    .filter((row) => !query.category || row.category === query.category)
    .filter((row) => !query.company || row.company_slug === query.company)
    .filter((row) => !query.status || row.status === query.status)
    .filter((row) => !query.updatedSince || row.updated_at >= query.updatedSince)
    .filter((row) => !query.openness || (row.openness_level !== null && row.openness_level >= query.openness))
    .filter((row) => !query.supportUntil || row.support_end_date >= query.supportUntil)
    .sort((a, b) => (isNewer(a, b) ? -1 : 1));
  return {
    ids: matching.slice(query.offset, query.offset + query.size).map((row) => row.id),
    matches: Math.min(matching.length, Math.max(query.countUpTo, query.offset + query.size)),
  };
}

function randomQuery(random: ReturnType<typeof generator>): IndexQuery {
  const word = () => {
    const whole = random.pick([...vocabulary, 'm', 'm1', 'm12', '3', 'zz']);
    return whole.slice(0, 1 + random.below(whole.length));
  };
  const maybe = <T>(value: T) => (random.below(3) === 0 ? value : undefined);
  return {
    words: Array.from({ length: 1 + random.below(3) }, word),
    category: maybe(random.pick(['smart-home', 'health', 'toys', 'none', ''])),
    company: maybe(random.pick(['acme', 'globex', ''])),
    status: maybe(random.pick([...statuses, ''])),
    updatedSince: maybe(random.pick(['2026-02-14T00:00:00.000Z', ''])),
    openness: maybe(random.below(4)),
    supportUntil: maybe(random.pick(['2030-01-01', ''])),
    offset: random.pick([0, 0, 3, 20, 200]),
    size: random.pick([1, 5, 50]),
    countUpTo: random.pick([1001, 7, 40]),
  };
}

function buildFrom(rows: readonly IndexedCertification[], batch: number): RegistryIndex {
  const builder = createIndexBuilder();
  for (let at = 0; at < rows.length; at += batch) builder.add(rows.slice(at, at + batch));
  return builder.build('');
}

function compare(
  index: RegistryIndex,
  all: readonly IndexedCertification[],
  random: ReturnType<typeof generator>,
) {
  for (let round = 0; round < 400; round++) {
    const query = randomQuery(random);
    expect(index.find(query), JSON.stringify(query)).toEqual(expected(all, query));
  }
}

describe('the in-memory registry index', () => {
  it('finds what a search means, built in batches in any order and with certifications put in one by one', () => {
    const random = generator(16);
    const rows = Array.from({ length: 3000 }, (_, number) => certification(random, number));
    const index = buildFrom(rows, 700);
    expect(index.size).toBe(3000);
    compare(index, rows, random);

    // Newer ones one at a time (kept apart from the packed terms), then enough to be packed in with them.
    const all = [...rows];
    for (let number = 0; number < 3000; number++) {
      const row = {
        ...certification(random, 10_000 + number),
        issued_at: `2026-03-01T00:00:${String(number).padStart(6, '0')}Z`,
      };
      expect(index.put([row])).toBe(true);
      all.push(row);
      if (number === 20) compare(index, all, random);
    }
    compare(index, all, random);
  });

  it('takes changes, ignores a state older than the one it holds and refuses a certification out of order', () => {
    const random = generator(7);
    const rows = Array.from({ length: 200 }, (_, number) => certification(random, number));
    const index = buildFrom(rows, 50);
    const target = rows[5] as IndexedCertification;
    const revoked = { ...target, status: 'revoked', updated_at: '2026-05-01T00:00:00.000Z' };
    expect(index.put([revoked])).toBe(true);
    const stale = { ...target, status: 'active', updated_at: '2026-04-01T00:00:00.000Z' };
    expect(index.put([stale])).toBe(true);
    expect(index.heldState(target.id)).toContain('revoked');
    expect(index.latestChange).toBe('2026-05-01T00:00:00.000Z');
    const query = {
      words: [target.search_text.split(' ')[0] as string],
      status: 'revoked',
      offset: 0,
      size: 500,
      countUpTo: 1001,
    };
    expect(index.find(query).ids).toContain(target.id);

    const older = { ...certification(random, 999), issued_at: '2025-01-01T00:00:00.000Z' };
    expect(index.put([older])).toBe(false);
    expect(index.size).toBe(200);
  });

  it('counts no further than asked once the page is found, and finds nothing for no words', () => {
    const random = generator(3);
    const rows = Array.from({ length: 500 }, (_, number) => ({
      ...certification(random, number),
      search_text: 'lamp',
    }));
    const index = buildFrom(rows, 500);
    expect(index.find({ words: ['lamp'], offset: 0, size: 10, countUpTo: 101 }).matches).toBe(101);
    expect(index.find({ words: ['lamp'], offset: 190, size: 10, countUpTo: 101 }).matches).toBe(200);
    expect(index.find({ words: [], offset: 0, size: 10, countUpTo: 101 })).toEqual({ ids: [], matches: 0 });
  });
});
