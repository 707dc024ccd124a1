import type { Kysely } from 'kysely';
import { getHeapStatistics } from 'node:v8';
import type { CertificationRow, Database } from '../../platform/db/schema';
import { createIndexBuilder } from './search-memory-build';
import { stateOf, type IndexQuery, type RegistryIndex } from './search-memory';

/** The columns the in-memory index is built from (search-memory.ts IndexedCertification). */
const indexedColumns = [
  'id',
  'issued_at',
  'search_text',
  'category',
  'company_slug',
  'status',
  'updated_at',
  'openness_level',
  'support_end_date',
] as const;

/**
 * How many rows of recent pages are kept (about 1 KB each, most of it the published record): the first
 * pages of the searches people make are the same few hundred certifications, which a search then need not
 * read again. A kept row is used only while the index holds it as it was read (stateOf).
 */
const keptRows = 4096;

/** The heap the index takes a certification, rounded up: 23.7 MB at 100,000 (bench seed, decision 0026). */
const bytesPerCertification = 250;

/**
 * The most certifications the index is built for: a quarter of the heap this process may use (README
 * "Memory": `npm start` allows 384 MB, so some 400,000). A larger registry is searched by the database,
 * as before decision 0026, unless the heap is raised with it.
 */
export function indexCapacity(heapLimit = getHeapStatistics().heap_size_limit): number {
  return Math.floor(heapLimit / 4 / bytesPerCertification);
}

/** How many certifications a batch of the index's build reads. */
const batchSize = 2000;

/** How often a search reads again when a row of its page changed in between (then the database answers). */
const attempts = 3;

/**
 * Newest-first searches for words, answered from an index in this instance's memory (decision 0026) that
 * every search first brings up to date: it reads the certifications changed after the newest change it
 * holds (one indexed read, usually of nothing). Changes take their times one at a time until they commit,
 * each after every change before it (store.ts changeTime, rules.ts changeTimeAfter), so nothing is ever
 * committed at or behind that time: the index then holds the registry as that read saw it. The page's rows are read by id; should one have changed since,
 * the search runs again. Built in the background on the first search, not at start-up (an instance
 * nobody searches holds nothing); until it is, and while a clock gone back has it built anew, the
 * database answers.
 */
export function createMemorySearch(db: Kysely<Database>, capacity = indexCapacity()) {
  let index: RegistryIndex | undefined;
  // Set once the registry is larger than the capacity: certifications are never deleted.
  let tooLarge = false;
  let building: Promise<void> | undefined;
  // Why the last build failed, for ready() to tell (searches never see it: the database answers them).
  let failure: unknown;
  // The rows last read, least recently used first.
  const kept = new Map<string, CertificationRow>();

  /** The rows of `ids` as the index held them (`expected`): kept ones, and the rest read by id. */
  async function rowsOf(ids: readonly string[], expected: readonly (string | undefined)[]) {
    const found = new Map<string, CertificationRow>();
    const missing: string[] = [];
    ids.forEach((id, at) => {
      const row = kept.get(id);
      if (row && stateOf(row) === expected[at]) found.set(id, row);
      else missing.push(id);
    });
    if (missing.length > 0) {
      const read = await db.selectFrom('certification').selectAll().where('id', 'in', missing).execute();
      for (const row of read) found.set(row.id, row);
    }
    for (const [id, row] of found) {
      kept.delete(id);
      kept.set(id, row);
    }
    for (const id of kept.keys()) {
      if (kept.size <= keptRows) break;
      kept.delete(id);
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async function build(): Promise<RegistryIndex | undefined> {
    const before = await db
      .selectFrom('certification')
      .select((eb) => [eb.fn.max('updated_at').as('latest'), eb.fn.countAll<number | string>().as('count')])
      .executeTakeFirst();
    if (Number(before?.count ?? 0) > capacity) {
      tooLarge = true;
      return undefined;
    }
    const builder = createIndexBuilder();
    // In batches along the primary key: between two, the event loop serves other requests.
    for (let after = ''; ;) {
      const rows = await db
        .selectFrom('certification')
        .select(indexedColumns)
        .where('id', '>', after)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      builder.add(rows);
      if (rows.length < batchSize) break;
      after = (rows[rows.length - 1] as { id: string }).id;
    }
    // What changed while the batches were read is read again by the first search (it is after `before`).
    return builder.build(before?.latest ?? '');
  }

  /** Builds the index in the background; searches meanwhile are the database's. */
  function startBuilding(): Promise<void> {
    building ??= build()
      .then((built) => {
        index = built;
        failure = undefined;
      })
      // The database's search answers meanwhile, and reports what failed; the next search builds again.
      .catch((error: unknown) => {
        failure = error;
      })
      .finally(() => {
        building = undefined;
      });
    return building;
  }

  /** The index as the registry is now, or undefined while it is (re)built. */
  async function current(): Promise<RegistryIndex | undefined> {
    const held = index;
    if (!held) {
      if (!tooLarge) void startBuilding();
      return undefined;
    }
    const changed = await db
      .selectFrom('certification')
      .select(indexedColumns)
      .where('updated_at', '>', held.latestChange)
      .execute();
    const placed = held.put(changed);
    if (placed && held.size <= capacity) return held;
    if (placed) tooLarge = true;
    // A certification issued out of order (a clock that went back): the slots are laid out again. On
    // SQLite such an issue moves other certifications' search keys, a column of the kept rows.
    if (index === held) index = undefined;
    kept.clear();
    if (!tooLarge) void startBuilding();
    return undefined;
  }

  let answered = 0;
  return {
    /** How many searches the index has answered (for tests, as the reader thread counts its own). */
    get answered(): number {
      return answered;
    },

    /**
     * The page of a newest-first search and how many match; undefined while the index is built, or if
     * rows kept changing under the search (the database's search answers instead).
     */
    async search(query: IndexQuery): Promise<{ rows: CertificationRow[]; matches: number } | undefined> {
      for (let attempt = 0; attempt < attempts; attempt++) {
        const held = await current();
        if (!held) return undefined;
        const { ids, matches } = held.find(query);
        // What the index held of each row when it found it: the row read next must still be that.
        const expected = ids.map((id) => held.stateOf(id));
        const page = ids.length === 0 ? [] : await rowsOf(ids, expected);
        const unchanged =
          page.length === ids.length && page.every((row, at) => stateOf(row) === expected[at]);
        if (unchanged) {
          answered++;
          return { rows: page, matches };
        }
      }
      return undefined;
    },

    /**
     * Resolves once the index is built, with true, or with false if the registry is larger than its
     * capacity (for benchmarks and tests; searches never wait for it).
     */
    async ready(): Promise<boolean> {
      while (!tooLarge && !(await current())) {
        await startBuilding();
        if (failure) throw failure;
      }
      return !tooLarge;
    },
  };
}

export type MemorySearch = ReturnType<typeof createMemorySearch>;
