import {
  CompiledQuery,
  sql,
  type Expression,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { DialectName } from './dialect';
import type { CertificationRow, Database } from './schema';

/**
 * The registry search's part of the dialect (dialect.ts re-exports it): how each database normalises,
 * matches, orders and indexes the certifications' search text. SQLite keeps a separate FTS5 table keyed
 * by search keys in the newest-first order; PostgreSQL a tsvector column. Tested against both databases.
 */

/**
 * Text as the registry indexes and searches it: lowercased, without diacritics, and with everything
 * but letters and digits turned into spaces. Both databases then see the same plain words, which is
 * what makes FTS5 and PostgreSQL's 'simple' text search return the same results.
 */
export function normaliseSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a search query, at most eight; every word must match the start of a word in an entry. */
export function searchWords(query: string): string[] {
  return normaliseSearchText(query).split(' ').filter(Boolean).slice(0, 8);
}

/**
 * A model number as one word: its letters and digits run together, so "AS-200", "as 200" and "AS200"
 * are all "as200". The registry indexes this word beside the model number's own words.
 */
export function joinedModelNumber(model: string): string {
  return normaliseSearchText(model).replace(/ /g, '');
}

/**
 * The filters SQLite's full-text index answers itself (migration 0029): a certification's category and
 * company never change once it is issued, so they are indexed beside its words, each value as one token
 * ("c" or "m" and the value's UTF-8 bytes in hexadecimal, which no normalised search word can equal and no
 * spelling of another value shares). A search for words in a category then finds its matches in the index
 * alone, without looking up each match of the words to test its category.
 */
export interface FullTextFilters {
  category?: string | undefined;
  company?: string | undefined;
}

/** The index's filter tokens of one certification, in SQL, as migration 0029 first wrote them. */
const filterTokensSql = sql`'c' || hex(category) || ' m' || hex(company_slug)`;

const filterToken = (prefix: string, value: string) =>
  `${prefix}${Buffer.from(value, 'utf8').toString('hex')}`;

/**
 * The full-text query: every word as a prefix, or (for several words) the words run together. SQLite
 * keeps prefixes of up to twelve letters (migration 0030), read lazily; a longer word is looked up whole
 * as a prefix (all its matches gathered first), which is exact, so no match needs its text checked again.
 * SQLite's words are looked for in the text column, and its filters (FullTextFilters) in the filter column.
 */
function fullTextQuery(
  dialect: DialectName,
  words: readonly string[],
  filters: FullTextFilters = {},
): string {
  const joined = words.length > 1 ? words.join('') : undefined;
  if (dialect === 'sqlite') {
    const all = words.map((word) => `"${word}"*`).join(' AND ');
    // The words run together are rarely the start of any word, so that list is short in full.
    const text = `search_text : (${joined ? `(${all}) OR "${joined}"*` : all})`;
    const tokens = [
      ...(filters.category ? [filterToken('c', filters.category)] : []),
      ...(filters.company ? [filterToken('m', filters.company)] : []),
    ];
    return tokens.length ? `${text} AND filters : (${tokens.join(' AND ')})` : text;
  }
  const all = words.map((word) => `${word}:*`).join(' & ');
  return joined ? `(${all}) | ${joined}:*` : all;
}

/**
 * The same condition read from the row's own search text rather than an index: some word of the text
 * starts with each word (the text is normalised, so its words are separated by single spaces). Both
 * databases evaluate it alike; it lets a search walk an index in the order asked for and test each row.
 */
export function textHasAllWords(words: readonly string[]): RawBuilder<SqlBool> {
  const has = (word: string) =>
    sql<SqlBool>`(' ' || ${sql.ref('certification.search_text')}) like ${`% ${word}%`}`;
  const all = sql<SqlBool>`(${sql.join(words.map(has), sql` and `)})`;
  return words.length > 1 ? sql<SqlBool>`(${all} or ${has(words.join(''))})` : all;
}

/**
 * "Every word is a prefix of some word in the entry's search text", in each database's full-text
 * search, or, for a query of several words, "the words run together are a prefix of some word" (so
 * "AS 200" finds the model AS200). Words hold only letters and digits (see searchWords), so they cannot
 * change the query syntax. SQLite matches in its FTS5 table, whose row ids are the certifications'
 * integer search keys; PostgreSQL in the stored tsvector column that migration 0006 derives from the
 * search text.
 */
export function matchesAllWords(
  dialect: DialectName,
  searchKeyColumn: Expression<number | null>,
  words: readonly string[],
): RawBuilder<SqlBool> {
  const query = fullTextQuery(dialect, words);
  if (dialect === 'sqlite')
    return sql<SqlBool>`${searchKeyColumn} in (select rowid from certification_search where certification_search match ${query})`;
  return sql<SqlBool>`search_vector @@ to_tsquery('simple', ${query})`;
}

/**
 * The condition for a search that walks the index of its order and tests each row it passes. SQLite
 * reads the row's text (its full-text table cannot be asked about one row cheaply; the newest-first order
 * never walks with words there, migration 0030); PostgreSQL tests the row's tsvector, whose statistics tell its
 * planner how broad the words are, so that it walks the index for a broad word (it takes "like" to match
 * almost nothing, and would collect and sort them all).
 */
export function rowHasAllWords(dialect: DialectName, words: readonly string[]): RawBuilder<SqlBool> {
  return dialect === 'sqlite'
    ? textHasAllWords(words)
    : matchesAllWords(dialect, sql.ref('search_key'), words);
}

/**
 * Certifications matching the words (as matchesAllWords) and the filters, read from the full-text index
 * first. For SQLite this is a join driven by the FTS5 table, which yields its matches one by one (already
 * filtered), so a query with a LIMIT stops after the rows it needs ("search_key IN (…)" would first
 * collect every match); select with select('certification.…'). PostgreSQL plans the same conditions on
 * its own.
 */
export function certificationsMatching(
  db: Kysely<Database>,
  dialect: DialectName,
  words: readonly string[],
  filters: FullTextFilters = {},
): SelectQueryBuilder<Database, 'certification', object> {
  if (dialect === 'postgres') {
    let query = db.selectFrom('certification').where(matchesAllWords(dialect, sql.ref('search_key'), words));
    if (filters.category) query = query.where('category', '=', filters.category);
    if (filters.company) query = query.where('company_slug', '=', filters.company);
    return query;
  }
  const joined = db
    .selectFrom('certification_search')
    .innerJoin('certification', 'certification.search_key', 'certification_search.rowid')
    .where(sql<SqlBool>`certification_search match ${fullTextQuery(dialect, words, filters)}`);
  // Callers filter and select the certification's columns only, which this join has under their names.
  return joined as unknown as SelectQueryBuilder<Database, 'certification', object>;
}

/**
 * How many certifications match the words and the filters, counting no further than `limit`: on SQLite
 * from the full-text index alone, without reading a row.
 */
export async function countMatchingUpTo(
  db: Kysely<Database>,
  dialect: DialectName,
  words: readonly string[],
  filters: FullTextFilters,
  limit: number,
): Promise<number> {
  const matches =
    dialect === 'sqlite'
      ? sql`select rowid from certification_search where certification_search match ${fullTextQuery(dialect, words, filters)}`
      : certificationsMatching(db, dialect, words, filters).select('certification.id');
  const { rows } = await sql<{
    total: number | string;
  }>`select count(*) as total from (${matches} limit ${limit}) as matches`.execute(db);
  return Number(rows[0]?.total ?? 0);
}

/**
 * A column as a condition the database must not pick an index for: SQLite's unary plus. A search that
 * walks the index of its order filters the rows it passes; with an index on the filter column SQLite
 * would rather collect all the filter's rows and sort them. PostgreSQL weighs this itself.
 */
export function notIndexed(dialect: DialectName, column: string): RawBuilder<string> {
  return dialect === 'sqlite' ? sql<string>`+${sql.ref(column)}` : sql<string>`${sql.ref(column)}`;
}

/**
 * A text column in the order of its characters' code points, which is SQLite's own order; PostgreSQL
 * would otherwise sort by the database's locale, and the two would list the same results differently.
 * The indexes that serve the registry's orders are built the same way (migration 0020). With `viaIndex`
 * false the database is kept from walking that index: for a set known to be small, sorting it beats
 * walking the whole index in search of rows that may not be there.
 */
export function inCodePointOrder(dialect: DialectName, column: string, viaIndex = true): RawBuilder<string> {
  const ref = sql.ref(column);
  if (dialect === 'postgres')
    return viaIndex ? sql<string>`${ref} collate "C"` : sql<string>`(${ref} || '') collate "C"`;
  return viaIndex ? sql<string>`${ref}` : sql<string>`+${ref}`;
}

/**
 * One page of the certifications matching the words and filters (as certificationsMatching), newest
 * first, and how many match, counted no further than `countUpTo`: one statement. SQLite only: the
 * full-text index's row ids are the search keys, which follow the newest-first order (see indexForSearch),
 * so FTS5 yields the matches in that order from the index alone and stops at the limit. The statement
 * keeps the first `countUpTo` keys, counts them and reads the page's rows from among them: the index is
 * walked once (a count and a page read apart walked it twice, and a word with few matches in a category
 * walks two whole lists each time), no match is handed to JavaScript, and, being one statement, it reads
 * one state of the database. Filters the index does not hold (`rowFilter`) are tested on each match's row,
 * in the same order. Each row carries the count as `matches counted`: with a space, a name no column of the
 * table has, so no column can overwrite it. With no row on the page, one row of nulls carries it.
 */
export function newestMatchingPageQuery(
  db: Kysely<Database>,
  words: readonly string[],
  filters: FullTextFilters,
  page: { offset: number; size: number; countUpTo: number },
  rowFilter?: (
    query: SelectQueryBuilder<Database, 'certification', object>,
  ) => SelectQueryBuilder<Database, 'certification', object>,
): CompiledQuery<NewestMatchingRow> {
  // The matches' keys, newest first: from the index alone (the statement is always the same, written out
  // rather than built and compiled for every search), or its join with the rows when rows are tested.
  let newest: { sql: string; parameters: readonly unknown[] };
  if (rowFilter) {
    const key = sql<number>`certification_search.rowid`;
    newest = rowFilter(certificationsMatching(db, 'sqlite', words, filters))
      .select(key.as('key'))
      .orderBy(key, 'desc')
      .compile();
  } else {
    newest = {
      sql: 'select rowid as key from certification_search where certification_search match ? order by rowid desc',
      parameters: [fullTextQuery('sqlite', words, filters)],
    };
  }
  return CompiledQuery.raw(
    `with matches as materialized (${newest.sql} limit ?) select counted.total as "matches counted", certification.* from (select count(*) as total from matches) as counted left join certification on certification.search_key in (select key from matches order by key desc limit ? offset ?) order by certification.search_key desc`,
    [...newest.parameters, page.countUpTo, page.size, page.offset],
  ) as CompiledQuery<NewestMatchingRow>;
}

/** A row of newestMatchingPageQuery: the count, and a row of the page (all null if there is none). */
export type NewestMatchingRow = { 'matches counted': number } & (
  CertificationRow | { [key in keyof CertificationRow]: null }
);

/** The page and the count out of newestMatchingPageQuery's rows. */
export function newestMatchingPage(rows: readonly NewestMatchingRow[]): {
  rows: CertificationRow[];
  matches: number;
} {
  const page: CertificationRow[] = [];
  let matches = 0;
  // Every row carries the same count; it goes with the result, not with each of its rows.
  for (const { 'matches counted': counted, ...certification } of rows) {
    matches = Number(counted);
    if (certification.id !== null) page.push(certification as CertificationRow);
  }
  return { rows: page, matches };
}

/**
 * Keeps SQLite's separate FTS5 table in step with a newly issued certification, and its search keys in
 * the newest-first order (issued_at descending, then the id), which searches read from the full-text
 * index (migration 0030): the higher the key, the earlier in that order. A certification is almost
 * always the newest and takes the next key; one that is not (issued with a clock that went back, or at
 * the very moment of another with a smaller id) takes the key of the first that comes before it, and
 * those move up one. It runs in a transaction (the issue's, or its own), which holds SQLite's one
 * connection: nothing comes between reading the keys and moving them, and no search reads them half
 * moved. PostgreSQL indexes the column itself.
 */
export async function indexForSearch(
  db: Kysely<Database>,
  dialect: DialectName,
  certificationId: string,
  searchText: string,
): Promise<void> {
  if (dialect !== 'sqlite') return;
  if (!db.isTransaction)
    return db.transaction().execute((trx) => indexForSearch(trx, dialect, certificationId, searchText));
  const row = await db
    .selectFrom('certification')
    .select(['issued_at', 'search_key'])
    .where('id', '=', certificationId)
    .executeTakeFirstOrThrow();
  let key = row.search_key;
  if (key === null) {
    key = await makeRoomForSearchKey(db, certificationId, row.issued_at);
    await db
      .updateTable('certification')
      .set({ search_key: key })
      .where('id', '=', certificationId)
      .execute();
  }
  await sql`delete from certification_search where rowid = ${key}`.execute(db);
  await sql`insert into certification_search (rowid, search_text, filters) select ${key}, ${searchText}, ${filterTokensSql} from certification where id = ${certificationId}`.execute(
    db,
  );
}

/**
 * The key a certification issued at `issuedAt` takes in the newest-first order, freed if taken: the
 * lowest key of those that come before it (which all move up one), or the next after the highest.
 */
async function makeRoomForSearchKey(
  db: Kysely<Database>,
  certificationId: string,
  issuedAt: string,
): Promise<number> {
  const { rows } = await sql<{
    highest: number;
    firstAhead: number | null;
  }>`select (select coalesce(max(search_key), 0) from certification) as highest, (select min(search_key) from certification where search_key is not null and issued_at >= ${issuedAt} and (issued_at > ${issuedAt} or id < ${certificationId})) as "firstAhead"`.execute(
    db,
  );
  const firstAhead = rows[0]?.firstAhead;
  if (firstAhead === null || firstAhead === undefined) return Number(rows[0]?.highest ?? 0) + 1;
  const key = Number(firstAhead);
  // Keys are unique: the rows that move pass through negative keys rather than each other's.
  await sql`update certification set search_key = -(search_key + 1) where search_key >= ${key}`.execute(db);
  await sql`update certification set search_key = -search_key where search_key < 0`.execute(db);
  await sql`delete from certification_search where rowid >= ${key}`.execute(db);
  await sql`insert into certification_search (rowid, search_text, filters) select search_key, search_text, ${filterTokensSql} from certification where search_key > ${key}`.execute(
    db,
  );
  return key;
}

/**
 * Indexes, in one pass, every certification that has no search key yet: for loading many rows at once
 * (the benchmarks' registry of a million), where indexForSearch's statements a row would take most of
 * the time. Every certification's key is worked out again in the newest-first order, and the full-text
 * index written anew. PostgreSQL needs nothing.
 */
export async function indexUnindexedForSearch(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`update certification set search_key = null`.execute(db);
  await sql`update certification set search_key = ranked.key from (select id, row_number() over (order by issued_at, id desc) as key from certification) as ranked where certification.id = ranked.id`.execute(
    db,
  );
  await sql`delete from certification_search`.execute(db);
  await sql`insert into certification_search (rowid, search_text, filters) select search_key, search_text, ${filterTokensSql} from certification`.execute(
    db,
  );
}
