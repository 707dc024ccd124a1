import type { Kysely } from 'kysely';
import { getHeapStatistics } from 'node:v8';
import type { CertificationRow, Database } from '../../platform/db/schema';
import { createIndexBuilder } from './search-memory-build';
import { createKeptRows } from './search-kept-rows';
import { estimatedBytes, isNewer, stateOf, type IndexQuery, type RegistryIndex } from './search-memory';

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

/** The rows of recent pages kept (search-kept-rows.ts): 4,096, in at most 16 MB. */
const keptLimits = { rows: 4096, bytes: 16 * 1024 * 1024 };

/**
 * The memory the index may take (its estimate, search-memory.ts estimatedBytes): a quarter of the heap this
 * process may use (README "Memory": `npm start` allows 384 MB, so some 107 MB: 400,000 certifications of the
 * benchmark's). A larger registry is searched by the database, as before decision 0026.
 */
export function indexBudget(heapLimit = getHeapStatistics().heap_size_limit): number {
  return Math.floor(heapLimit / 4);
}

/** How long after a failed build the next is tried (the database answers meanwhile). */
const retryAfterMs = 30_000;

/** How many certifications a batch of the index's build reads. */
const batchSize = 2000;

/** How often a search reads again when a row of its page changed in between (then the database answers). */
const attempts = 3;

/**
 * Newest-first searches for words, answered from an index in this instance's memory (decision 0026) that
 * every search first brings up to date: it reads the certifications changed after the newest change it
 * holds (one indexed read, usually of nothing). Changes take their times one at a time until they commit,
 * each after every change before it (store.ts changeTime, rules.ts changeTimeAfter), so nothing is ever
 * committed at or behind that time: the index then holds the registry as that read saw it. The page's
 * rows are kept or read by id; should one have changed since, the search runs again. Built in the
 * background on the first search, not at start-up (an instance nobody searches holds nothing); until it
 * is, while a clock gone back has it built anew, and for a registry over its memory budget, the database
 * answers.
 */
export function createMemorySearch(db: Kysely<Database>, budget = indexBudget()) {
  let index: RegistryIndex | undefined;
  // Set once the index would take more than its budget: certifications are never deleted.
  let tooLarge = false;
  let building: Promise<void> | undefined;
  // Why the last build failed, and when the next may start.
  let failure: unknown;
  let retryAt = 0;
  const kept = createKeptRows(keptLimits);

  /** The rows of `ids` as the index held them (`expected`): kept ones, and the rest read by id. */
  async function rowsOf(ids: readonly string[], expected: readonly (string | undefined)[]) {
    const found = new Map<string, CertificationRow>();
    const missing = ids.filter((id, at) => {
      const row = kept.get(id, expected[at]);
      if (row) found.set(id, row);
      return !row;
    });
    if (missing.length > 0) {
      const read = await db.selectFrom('certification').selectAll().where('id', 'in', missing).execute();
      for (const row of read) found.set(row.id, row);
    }
    kept.keep(found.values());
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async function build(): Promise<RegistryIndex | undefined> {
    const before = await db
      .selectFrom('certification')
      .select((eb) => [eb.fn.max('updated_at').as('latest'), eb.fn.countAll<number | string>().as('count')])
      .executeTakeFirst();
    const builder = createIndexBuilder();
    // Over the budget by the count alone, or by what the batches come to: the database answers instead.
    tooLarge = estimatedBytes(Number(before?.count ?? 0), 0, 0, 0) > budget;
    // In batches along the primary key: between two, the event loop serves other requests.
    for (let after = ''; !tooLarge;) {
      const rows = await db
        .selectFrom('certification')
        .select(indexedColumns)
        .where('id', '>', after)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      builder.add(rows);
      tooLarge = builder.estimatedBytes > budget;
      if (rows.length < batchSize) break;
      after = (rows[rows.length - 1] as { id: string }).id;
    }
    if (tooLarge) return undefined;
    // What changed while the batches were read is read again by the first search (it is after `before`).
    return builder.build(before?.latest ?? '');
  }

  /** Builds the index in the background; searches meanwhile are the database's. */
  function startBuilding(): Promise<void> {
    if (Date.now() < retryAt) return Promise.resolve();
    building ??= build()
      .then((built) => {
        index = built;
        failure = undefined;
      })
      // The database's search answers meanwhile, and reports what failed; the next search builds again.
      .catch((error: unknown) => {
        failure = error;
        retryAt = Date.now() + retryAfterMs;
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
    // Oldest first, so that two issued in one read take their slots in order.
    const placed = held.put(changed.sort((a, b) => (isNewer(a, b) ? 1 : -1)));
    if (placed && held.estimatedBytes <= budget) return held;
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
        const expected = ids.map((id) => held.heldState(id));
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
     * Resolves once the index is built, with true, or with false if it would take more than its budget;
     * rejects if a build failed (for benchmarks and tests; searches never wait for it).
     */
    async ready(): Promise<boolean> {
      while (!tooLarge && !(await current())) {
        await startBuilding();
        if (failure) throw failure as Error;
      }
      return !tooLarge;
    },
  };
}

export type MemorySearch = ReturnType<typeof createMemorySearch>;
