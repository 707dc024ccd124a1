import { sql, type Kysely } from 'kysely';
import type { DialectName } from './dialect';
import type { Database } from './schema';

/**
 * Keeping the registry's full-text index compact (decision 0025), a sweep of its own.
 *
 * SQLite's FTS5 index is a set of segments: each issued certification adds one, and FTS5 merges them
 * four at a time as they come, so a registry built one certification after another keeps ten or so
 * segments (100,000 certifications: 10), and every search reads each of them. Merged into one, the
 * registry search's statement took 0.57 against 0.77 ms (median, the benchmark's 24 searches at 100,000)
 * and its count alone 0.25 against 0.43 ms. The merge runs in steps of some 20 pages, each its own short
 * write (a median of 0.8 ms, at most 3.2 ms at 100,000), with other work let in between, rather than FTS5's
 * "optimize", which holds the database's one writer for the whole merge (1.3 s at 100,000).
 *
 * PostgreSQL's GIN index collects new entries in a pending list that every search reads through until
 * VACUUM (or the list's 4 MB limit) moves them into the index: 12,633 entries after seeding 100,000. The
 * sweep moves them at once (gin_clean_pending_list), so searches never wait for autovacuum to.
 */

/** Pages written per merge step: a few milliseconds of the write lock. */
const mergeStepPages = 20;
/** Steps in one sweep at most: some 200 make one segment of 100,000 certifications, 2,000 of 1,000,000. */
const maxMergeSteps = 10_000;
/**
 * The segments from which a sweep merges. Merging rewrites the whole index (36 MB at 100,000), while one
 * more small segment costs a search some tens of microseconds: FTS5's own merging keeps as many segments as
 * the digits of the count of additions in base four add up to, so this is some 50 certifications issued
 * after a merge, rather than every hour in which one was.
 */
export const searchIndexSegmentsToTidy = 8;

/** How many segments SQLite's full-text index is in: each has at least one row in the index of its pages. */
export async function searchIndexSegments(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{
    segments: number;
  }>`select count(distinct segid) as segments from certification_search_idx`.execute(db);
  return Number(rows[0]?.segments ?? 0);
}

/**
 * Merges SQLite's full-text index into one segment, step by step, once it is in `searchIndexSegmentsToTidy`
 * or more, or moves PostgreSQL's pending entries into its index (one step). Safe on several instances at
 * once: each step is a write of its own, and a step that finds nothing to merge ends the sweep. Returns the
 * steps taken (0: nothing to do).
 */
export async function tidySearchIndex(
  db: Kysely<Database>,
  dialect: DialectName,
  betweenSteps: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<number> {
  if (dialect === 'postgres') {
    await sql`select gin_clean_pending_list('certification_search_index'::regclass)`.execute(db);
    return 1;
  }
  if ((await searchIndexSegments(db)) < searchIndexSegmentsToTidy) return 0;
  let steps = 0;
  while (steps < maxMergeSteps) {
    steps += 1;
    // The first step gathers every segment into one merge; the rest carry that merge on (see mergeStep).
    if (!(await mergeStep(db, steps === 1))) break;
    await betweenSteps();
  }
  return steps;
}

/**
 * One step of FTS5's merge. A negative page count (the first step) puts the segments of every level on one
 * and starts merging them, as "optimize" does; a positive one carries on a merge under way and leaves
 * segments added since alone. Every step negative, each certification issued during the sweep started the
 * whole merge again (a review: one issued every 50 steps kept 20,000 entries merging for the whole budget
 * of steps and left 42 segments, not 21). Whether it did any work shows only in total_changes() (FTS5's
 * documented test: two or more), read in the same transaction so that no other statement on the
 * connection counts in between.
 */
async function mergeStep(db: Kysely<Database>, first: boolean): Promise<boolean> {
  const pages = first ? -mergeStepPages : mergeStepPages;
  return db.transaction().execute(async (trx) => {
    const before = await totalChanges(trx);
    await sql`insert into certification_search (certification_search, rank) values ('merge', ${pages})`.execute(
      trx,
    );
    return (await totalChanges(trx)) - before >= 2;
  });
}

async function totalChanges(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ changes: number }>`select total_changes() as changes`.execute(db);
  return Number(rows[0]?.changes ?? 0);
}
