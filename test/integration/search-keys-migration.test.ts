import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database';
import { migrateToLatest, migrationsFor } from '../../src/platform/db/migrate';

/**
 * Migration 0030 on a SQLite registry written before it: the search keys (the full-text index's row
 * ids) are given again in the newest-first order, whatever order they were handed out in, and the
 * index is written anew under them (with the longer prefixes), so a search reads newest first from it.
 * Then migration 0031 takes the search text out of the newest-first index, which no search reads there any
 * more. Neither changes anything on PostgreSQL, so this file opens SQLite whichever database the run uses.
 */
const handle = openDatabase({ kind: 'sqlite', path: ':memory:' });
afterAll(() => handle.close());

/** Name, issued at, and the search key it had before the migration (handed out in another order). */
const rows = [
  ['Offline Lamp A', '2026-03-01T10:00:00.000Z', 1],
  ['Offline Lamp B', '2026-01-01T10:00:00.000Z', 2],
  ['Offline Lamp C', '2026-05-01T10:00:00.000Z', 3],
  ['Offline Lamp D', '2026-03-01T10:00:00.000Z', 4],
  ['Offline Lamp E', '2026-02-01T10:00:00.000Z', 5],
] as const;

describe('migrations 0030 and 0031: search keys newest first', () => {
  it('renumbers the keys by date and id and rebuilds the full-text index under them', async () => {
    const migrator = new Migrator({
      db: handle.db,
      provider: { getMigrations: async () => migrationsFor('sqlite') },
    });
    const before = await migrator.migrateTo('0029_search_covering_indexes');
    expect(before.error).toBeUndefined();
    const ids = rows.map((_, index) => `00000000-0000-4000-8000-00000000000${9 - index}`);
    for (const [index, [name, issuedAt, key]] of rows.entries()) {
      await handle.db
        .insertInto('certification')
        .values({
          id: ids[index] ?? '',
          application_id: `application-${index}`,
          product_id: `product-${index}`,
          organization_id: 'org-1',
          company_name: 'Maker',
          company_slug: 'maker',
          product_name: name,
          category: 'smart-home',
          model_numbers: '',
          web_page_url: 'https://maker.example/',
          criteria_version: 1,
          status: 'active',
          status_reason: '',
          issued_at: issuedAt,
          valid_until: '2030-01-01',
          support_end_date: '2032-12-31',
          published: '{}',
          search_text: name.toLowerCase(),
          search_key: key,
          updated_at: issuedAt,
          openness_level: 0,
        })
        .execute();
      await sql`insert into certification_search (rowid, search_text, filters) values (${key}, ${name.toLowerCase()}, '')`.execute(
        handle.db,
      );
    }
    expect(await migrateToLatest(handle)).toContain('0030_search_keys_newest_first');
    // Newest first; the two issued at one moment by their ids (D's is the smaller).
    const expected = [
      'Offline Lamp C',
      'Offline Lamp D',
      'Offline Lamp A',
      'Offline Lamp E',
      'Offline Lamp B',
    ];
    const { rows: found } = await sql<{
      name: string;
    }>`select certification.product_name as name from certification_search join certification on certification.search_key = certification_search.rowid where certification_search match 'search_text : "offline"*' order by certification_search.rowid desc`.execute(
      handle.db,
    );
    expect(found.map((row) => row.name)).toEqual(expected);
    const { rows: table } = await sql<{
      sql: string;
    }>`select sql from sqlite_schema where name = 'certification_search'`.execute(handle.db);
    expect(table[0]?.sql).toContain("prefix = '1 2 3 4 5 6 7 8 9 10 11 12'");
    // Migration 0031: the newest-first index keeps its filter columns but no longer the search text.
    const { rows: columns } = await sql<{
      name: string;
    }>`select name from pragma_index_info('certification_newest_order')`.execute(handle.db);
    expect(columns.map((column) => column.name)).toEqual([
      'issued_at',
      'id',
      'category',
      'company_slug',
      'status',
      'updated_at',
      'openness_level',
      'support_end_date',
    ]);
  });
});
