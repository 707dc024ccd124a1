import {
  sql,
  type Expression,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { Database } from './schema';

/**
 * Every difference between SQLite and PostgreSQL that the application relies on lives here,
 * so the rest of the code writes one query for both. Tested against both databases.
 */
export type DialectName = 'sqlite' | 'postgres';

/**
 * A value the database refused as data, not a bug or an outage: PostgreSQL's SQLSTATE class 22 (a null
 * character in text, a number beyond its column, an impossible date). SQLite stores such values as
 * they are, so only PostgreSQL raises these; the web layer answers them with 400.
 */
export function isRejectedValue(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/**
 * A row clashed with a unique constraint: PostgreSQL's SQLSTATE 23505, SQLite's extended code 2067
 * (SQLITE_CONSTRAINT_UNIQUE) or 1555 (a primary key). Callers that check first and insert after use it
 * to answer the rare race with the same message as the check.
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  return code === '23505' || errcode === 2067 || errcode === 1555;
}

/**
 * The database could not be reached or is going away (refused, reset, timed out, shutting down, a
 * broken connection, SQLite busy beyond its timeout), rather than a bug: the web layer answers 503.
 * Libraries that wrap database errors (Better Auth's session lookup) keep the original as `cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    const message = current instanceof Error ? current.message : '';
    if (typeof code === 'string' && unavailableCodes.has(code)) return true;
    if (unavailableMessage.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P03',
  '08006',
  '08001',
]);
const unavailableMessage =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|database is locked/i;

/** Escapes LIKE wildcards so user input matches literally. */
export function escapeLikePattern(term: string): string {
  return term.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Case-insensitive "contains". SQLite's LIKE folds ASCII case only and PostgreSQL's LIKE folds none,
 * so both sides are lowered explicitly; the explicit ESCAPE clause makes the escaping identical.
 * SQLite's lower() folds ASCII letters only, so "MÜLLER" does not match "müller" there; the registry's
 * full-text search (FTS5 / tsvector) is the place for language-aware matching.
 */
export function containsIgnoringCase(column: Expression<string | null>, term: string): RawBuilder<SqlBool> {
  const pattern = `%${escapeLikePattern(term.toLowerCase())}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}

/** Booleans come back as 0/1 from SQLite and as true/false from PostgreSQL. */
export function toBoolean(value: boolean | number | null | undefined): boolean {
  return value === true || value === 1;
}

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
 * keeps prefixes of up to six letters (migration 0020), read lazily; a longer word is looked up whole as
 * a prefix, which is exact, so no match needs its text checked again. SQLite's words are looked for in
 * the text column, and its filters (FullTextFilters) in the filter column.
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
 * reads the row's text (its full-text table cannot be asked about one row cheaply; the newest-first
 * index holds the text, migration 0029); PostgreSQL tests the row's tsvector, whose statistics tell its
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
 * Keeps SQLite's separate FTS5 table in step: gives the certification the next search key (SQLite has
 * one writer at a time, so the statement cannot race) and indexes its text under that key.
 * PostgreSQL indexes the column itself.
 */
export async function indexForSearch(
  db: Kysely<Database>,
  dialect: DialectName,
  certificationId: string,
  searchText: string,
): Promise<void> {
  if (dialect !== 'sqlite') return;
  const { search_key: key } = await db
    .updateTable('certification')
    .set({
      search_key: sql<number>`coalesce(search_key, (select coalesce(max(search_key), 0) + 1 from certification))`,
    })
    .where('id', '=', certificationId)
    .returning('search_key')
    .executeTakeFirstOrThrow();
  await sql`delete from certification_search where rowid = ${key}`.execute(db);
  await sql`insert into certification_search (rowid, search_text, filters) select ${key}, ${searchText}, ${filterTokensSql} from certification where id = ${certificationId}`.execute(
    db,
  );
}

/**
 * Indexes, in one pass, every certification that has no search key yet: for loading many rows at once
 * (the benchmarks' registry of a million), where indexForSearch's three statements a row would take
 * most of the time. Keys continue after the highest given, in row order. PostgreSQL needs nothing.
 */
export async function indexUnindexedForSearch(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') return;
  const { highest } = await db
    .selectFrom('certification')
    .select((eb) => eb.fn.coalesce(eb.fn.max('search_key'), sql<number>`0`).as('highest'))
    .executeTakeFirstOrThrow();
  await sql`update certification set search_key = ${highest} + rowid where search_key is null`.execute(db);
  await sql`insert into certification_search (rowid, search_text, filters) select search_key, search_text, ${filterTokensSql} from certification where search_key > ${highest}`.execute(
    db,
  );
}

/**
 * Rows a worker claims must not be claimed by another at the same moment. PostgreSQL locks the chosen
 * rows and lets other workers skip them (FOR UPDATE SKIP LOCKED); SQLite has one writer at a time, so a
 * single UPDATE … WHERE id IN (SELECT …) is already atomic and needs no lock clause.
 */
export function lockSkippingLocked<QB extends { forUpdate(): QB; skipLocked(): QB }>(
  dialect: DialectName,
  query: QB,
): QB {
  return dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/** The column type of raw bytes: SQLite's blob, PostgreSQL's bytea. */
export function binaryColumnType(dialect: DialectName): 'blob' | 'bytea' {
  return dialect === 'postgres' ? 'bytea' : 'blob';
}

/**
 * Makes transactions that take the same `key` run one after the other, until each commits or rolls back:
 * PostgreSQL's transaction-level advisory lock, for work several instances may start at once (appending
 * to the transparency log). SQLite has one writer at a time and a single connection per instance, so it
 * needs nothing.
 */
export async function serializeTransactions(
  trx: Kysely<Database>,
  dialect: DialectName,
  key: number,
): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(key)})`.execute(trx);
}
