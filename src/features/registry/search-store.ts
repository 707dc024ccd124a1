import {
  sql,
  type CompiledQuery,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
} from 'kysely';
import {
  certificationsMatching,
  countMatchingUpTo,
  inCodePointOrder,
  newestMatchingPage,
  newestMatchingPageQuery,
  type NewestMatchingRow,
  notIndexed,
  rowHasAllWords,
  searchWords,
  type DialectName,
} from '../../platform/db/dialect';
import type { CertificationRow, Database } from '../../platform/db/schema';
import type { SqliteReader } from '../../platform/db/sqlite-reader';
import { searchCountCap, searchOrder } from './rules';
import type { MemorySearch } from './search-memory-store';
import type { RegistryQuery, SearchResult } from './store';

/** The indexed column each order starts with (migration 0020); the id follows, ascending. */
const orderColumns = {
  name: ['product_name', 'asc'],
  newest: ['issued_at', 'desc'],
  'valid-until': ['valid_until', 'desc'],
  // The longest security support first (migration 0025).
  'support-end': ['support_end_date', 'desc'],
} as const;

type Source = SelectQueryBuilder<Database, 'certification', object>;

/**
 * The registry search (decisions 0014, 0019 and 0021): one page in the order asked for, with the id
 * breaking ties, and how many match: exact up to `searchCountCap`, beyond it that number with
 * `totalIsLowerBound`. Nothing reads or sorts every match of a broad word: on SQLite, words in the
 * newest-first order (the default) are read from the full-text index in that order: the count stops after
 * cap + 1 matches and the page is read from the index's first matches. Otherwise the count stops at the
 * cap, a word with more matches than that is listed by walking the order's index and testing each entry
 * (so it stops after one page), and a narrower one from its (at most cap) matches in the full-text
 * index. Only the page's rows are read whole. With `memory` (the instance's registry, decision 0026), words in the newest-first order
 * are matched in memory instead, and the database reads only the page's rows; it answers as above while
 * that index is being built.
 */
export function createSearch(
  db: Kysely<Database>,
  dialect: DialectName,
  reader?: SqliteReader,
  memory?: MemorySearch,
) {
  const searchHere = createSearchOn(db, dialect, reader);
  /**
   * A search reads several times (the bound of updatedSince, the count, the page): all from one state of
   * the registry, or an issue committed in between could be listed beyond the count. On SQLite's reader
   * thread the count and the page are one statement (the bound, read before it, only ever holds longer); else
   * the whole search runs in one transaction: SQLite's holds its one connection, PostgreSQL's is a snapshot
   * (repeatable read, reading only).
   */
  return async function search(query: RegistryQuery): Promise<SearchResult> {
    const words = searchWords(query.q ?? '');
    const newest = searchOrder(query.sort ?? 'relevance', words.length > 0) === 'newest';
    if (memory && !db.isTransaction && words.length > 0 && newest) {
      // Decision 0026: from this instance's index of the words; the database reads the page's rows.
      const found = await memory.search({
        ...query,
        words,
        offset: (query.page - 1) * query.pageSize,
        size: query.pageSize,
        countUpTo: searchCountCap + 1,
      });
      if (found) return resultOf(found.rows, found.matches);
    }
    const fromIndex = reader && readsNewestFromIndex(dialect, words, query.sort);
    if (db.isTransaction || fromIndex) return searchHere(query);
    const transaction =
      dialect === 'postgres'
        ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
        : db.transaction();
    return transaction.execute((trx) => createSearchOn(trx, dialect)(query));
  };
}

/** A page and how many match, counted to one past the cap: as many as there are up to the cap. */
function resultOf(items: CertificationRow[], matches: number): SearchResult {
  const capped = matches > searchCountCap;
  return { items, total: capped ? searchCountCap : matches, totalIsLowerBound: capped };
}

/**
 * Whether a search reads its matches newest first from SQLite's full-text index (migration 0030): words,
 * in the newest-first order. Those are the searches read on the reader thread.
 */
function readsNewestFromIndex(
  dialect: DialectName,
  words: readonly string[],
  sort: RegistryQuery['sort'],
): boolean {
  return dialect === 'sqlite' && words.length > 0 && searchOrder(sort ?? 'relevance', true) === 'newest';
}

/** The search on this connection or transaction (see createSearch). */
function createSearchOn(db: Kysely<Database>, dialect: DialectName, reader?: SqliteReader) {
  /** How many rows the query finds, counting no further than `limit` (all of them without one). */
  async function countUpTo(query: Source, limit: number | undefined): Promise<number> {
    const total = (eb: ExpressionBuilder<Database, 'certification'>) => eb.fn.countAll<number>().as('total');
    const counted =
      limit === undefined
        ? await query.select(total).executeTakeFirst()
        : await db
            .selectFrom(
              query
                .select(sql`1`.as('one'))
                .limit(limit)
                .as('rows'),
            )
            .select((eb) => eb.fn.countAll<number>().as('total'))
            .executeTakeFirst();
    return Number(counted?.total ?? 0);
  }

  /**
   * One page of `source` in `order`: the ids first, then their rows. The ids come from indexes alone where
   * the database has the columns there (SQLite: migration 0029), so rows passed over on the way (a walk
   * testing each entry, or the matches sorted to find the page) are never read whole.
   */
  async function pageOf(
    source: Source,
    order: keyof typeof orderColumns,
    walking: boolean,
    offset: number,
    size: number,
  ): Promise<CertificationRow[]> {
    const [first, direction] = orderColumns[order];
    const page = await source
      .select('certification.id')
      .orderBy(inCodePointOrder(dialect, first, walking), direction)
      .orderBy(inCodePointOrder(dialect, 'id', walking))
      .limit(size)
      .offset(offset)
      .execute();
    if (page.length === 0) return [];
    const ids = page.map((row) => row.id);
    const rows = await db.selectFrom('certification').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    // Certifications are never deleted, so each id finds its row.
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The lower bound on the time of the last change, unless every certification meets it (a client's
   * first sync asks for everything since long ago): such a bound filters nothing, and left out it lets the
   * full-text index answer alone. One read of the index on updated_at.
   */
  async function effectiveUpdatedSince(since: string | undefined): Promise<string | undefined> {
    if (!since) return undefined;
    const row = await db
      .selectFrom('certification')
      .select((eb) => eb.fn.min('updated_at').as('earliest'))
      .executeTakeFirst();
    const earliest = row?.earliest;
    return earliest && since <= earliest ? undefined : since;
  }

  /**
   * The newest-first page's statement: on the reader thread where there is one (outside a transaction of
   * the caller's, whose writes only this connection sees), else on this connection. Should the thread
   * fail, this connection reads instead (and fails alike if the statement is at fault).
   */
  async function readNewestMatching(query: CompiledQuery<NewestMatchingRow>) {
    if (!reader || db.isTransaction) return newestMatchingPage((await db.executeQuery(query)).rows);
    try {
      const [rows] = await reader.read([query]);
      return newestMatchingPage((rows ?? []) as NewestMatchingRow[]);
    } catch {
      return newestMatchingPage((await db.executeQuery(query)).rows);
    }
  }

  return async function search(query: RegistryQuery): Promise<SearchResult> {
    const words = searchWords(query.q ?? '');
    const order = searchOrder(query.sort ?? 'relevance', words.length > 0);
    const offset = (query.page - 1) * query.pageSize;
    const updatedSince = await effectiveUpdatedSince(query.updatedSince);
    // The filters each row is tested for; category and company go with the words to the full-text index.
    const rowFiltered = Boolean(query.status || updatedSince || query.openness || query.supportUntil);
    // Filters on a walk along the order's index must not send the database to a filter's index.
    const filtered = (qb: Source, walk: boolean, withEquals = true): Source => {
      const column = (name: string) => (walk ? notIndexed(dialect, name) : sql.ref(name));
      let result = qb;
      if (withEquals && query.category) result = result.where(column('category'), '=', query.category);
      if (withEquals && query.company) result = result.where(column('company_slug'), '=', query.company);
      if (query.status) result = result.where(column('status'), '=', query.status);
      if (updatedSince) result = result.where(column('updated_at'), '>=', updatedSince);
      if (query.openness) result = result.where(column('openness_level'), '>=', query.openness);
      if (query.supportUntil) result = result.where(column('support_end_date'), '>=', query.supportUntil);
      return result;
    };
    // As asked: a search with an updatedSince that filters nothing still answers as a filtered one.
    const unfiltered =
      !query.category &&
      !query.company &&
      !query.status &&
      !query.updatedSince &&
      !query.openness &&
      !query.supportUntil;
    if (readsNewestFromIndex(dialect, words, query.sort)) {
      // The full-text index yields the matches newest first (migration 0030): the count stops after
      // cap + 1 of them and the page is the index's first matches, with nothing sorted or walked.
      const equals = { category: query.category, company: query.company };
      const rowFilter = rowFiltered ? (qb: Source) => filtered(qb, false, false) : undefined;
      const page = { offset, size: query.pageSize, countUpTo: searchCountCap + 1 };
      const statement = newestMatchingPageQuery(db, words, equals, page, rowFilter);
      const { rows, matches } = await readNewestMatching(statement);
      return resultOf(rows, matches);
    }
    const walk = filtered(db.selectFrom('certification'), true);
    let source = walk;
    let matches: number;
    // Whether the page is read by walking the order's index, or sorted from at most the cap's matches.
    let walking: boolean;
    if (words.length > 0) {
      const equals = { category: query.category, company: query.company };
      const candidates = filtered(certificationsMatching(db, dialect, words, equals), false, false);
      matches = rowFiltered
        ? await countUpTo(candidates, searchCountCap + 1)
        : await countMatchingUpTo(db, dialect, words, equals, searchCountCap + 1);
      walking = matches > searchCountCap;
      source = walking ? walk.where(rowHasAllWords(dialect, words)) : candidates;
    } else {
      // The whole registry, or a filter of it: counted exactly only when that is one index count.
      const indexed = filtered(db.selectFrom('certification'), false);
      matches = await countUpTo(indexed, unfiltered ? undefined : searchCountCap + 1);
      walking = unfiltered || matches > searchCountCap;
      if (!walking) source = indexed;
    }
    // Counted to the end, the matches may not reach the page: it is empty without looking.
    const items =
      !walking && offset >= matches ? [] : await pageOf(source, order, walking, offset, query.pageSize);
    const capped = matches > searchCountCap && !(words.length === 0 && unfiltered);
    return { items, total: capped ? searchCountCap : matches, totalIsLowerBound: capped };
  };
}
