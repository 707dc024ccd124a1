import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Every difference between SQLite and PostgreSQL that the application relies on lives here,
 * so the rest of the code writes one query for both. Tested against both databases.
 */
export type DialectName = 'sqlite' | 'postgres';

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
export function containsIgnoringCase(column: Expression<string>, term: string): RawBuilder<SqlBool> {
  const pattern = `%${escapeLikePattern(term.toLowerCase())}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}

/** Booleans come back as 0/1 from SQLite and as true/false from PostgreSQL. */
export function toBoolean(value: boolean | number | null | undefined): boolean {
  return value === true || value === 1;
}
