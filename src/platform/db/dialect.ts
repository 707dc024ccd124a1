import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from './schema';

/**
 * Every difference between SQLite and PostgreSQL that the application relies on lives here (the registry
 * search's in dialect-search.ts and the tidying of its index in dialect-search-tidy.ts, re-exported below),
 * so the rest of the code writes one query for both. Tested against both databases.
 */
export type DialectName = 'sqlite' | 'postgres';

export * from './dialect-search';
export * from './dialect-search-tidy';

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
