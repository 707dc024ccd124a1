import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database';
import { createSqliteReader } from '../../src/platform/db/sqlite-reader';

/**
 * The reader thread of a SQLite file (sqlite-reader.ts), on which the registry search reads beside the
 * event loop. It must see what the serving connection has committed, read in one transaction, never
 * write, survive a failing statement, and refuse reads once stopped. SQLite only, whichever database the
 * run uses: PostgreSQL has no reader thread.
 */
const directory = mkdtempSync(join(tmpdir(), 'trustmark-reader-'));
const handle = openDatabase({ kind: 'sqlite', path: join(directory, 'reader.sqlite') });
const reader = handle.reader;
afterAll(async () => {
  await handle.close();
  rmSync(directory, { recursive: true, force: true });
});

const raw = (text: string) => CompiledQuery.raw(text);
const insert = (value: number) =>
  handle.db.executeQuery(CompiledQuery.raw('insert into sample (value) values (?)', [value]));

describe('the SQLite reader thread', () => {
  it('starts with the first read and sees every row the serving connection committed before it', async () => {
    await handle.db.executeQuery(raw('create table sample (value integer not null)'));
    await insert(1);
    expect(reader?.started).toBe(false);
    const first = await reader?.read([
      raw('select count(*) as total from sample'),
      raw('select value from sample order by value'),
    ]);
    expect(reader?.started).toBe(true);
    expect(first).toEqual([[{ total: 1 }], [{ value: 1 }]]);
    await insert(2);
    const [values] = (await reader?.read([raw('select value from sample order by value')])) ?? [];
    expect(values).toEqual([{ value: 1 }, { value: 2 }]);
  });

  it('binds parameters and answers reads sent together, each with its own rows', async () => {
    const reads = [1, 2, 3].map((value) =>
      reader?.read([CompiledQuery.raw('select count(*) as total from sample where value >= ?', [value])]),
    );
    expect(await Promise.all(reads)).toEqual([[[{ total: 2 }]], [[{ total: 1 }]], [[{ total: 0 }]]]);
  });

  it('reads its statements from one state of the database, whatever is committed meanwhile', async () => {
    // The first statement reads the table and then spins for a while (some hundreds of milliseconds),
    // during which the serving connection commits a row: the second must not see it.
    const spin =
      'with recursive step(n) as (select 1 union all select n + 1 from step where n < 3000000) select (select count(*) from sample) as total, (select count(*) from step) as steps';
    const reading = reader?.read([raw(spin), raw('select count(*) as total from sample')]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await insert(9);
    const [during, after] = ((await reading) ?? []) as { total: number }[][];
    expect(during?.[0]?.total).toBe(2);
    expect(after?.[0]?.total).toBe(2);
    await handle.db.executeQuery(raw('delete from sample where value = 9'));
  });

  it('writes nothing, reports a failing statement, and reads on after it', async () => {
    await expect(reader?.read([raw('insert into sample (value) values (3)')])).rejects.toThrow(
      /readonly|query_only|attempt to write/i,
    );
    await expect(reader?.read([raw('select * from no_such_table')])).rejects.toThrow(/no such table/);
    const [values] = (await reader?.read([raw('select value from sample order by value')])) ?? [];
    expect(values).toEqual([{ value: 1 }, { value: 2 }]);
  });

  it('refuses reads for a while after its thread failed, reports it, and then starts another', async () => {
    const failures: string[] = [];
    // A file the thread cannot open: it fails as it starts, as one that ran out of memory fails later.
    const failing = createSqliteReader(join(directory, 'missing', 'reader.sqlite'), {
      pauseAfterFailureMs: 300,
      onFailure: (message) => failures.push(message),
    });
    const both = [failing.read([raw('select 1 as one')]), failing.read([raw('select 2 as two')])];
    for (const read of both) await expect(read).rejects.toThrow(/unable to open/);
    expect(failures).toHaveLength(1);
    expect(failing.started).toBe(false);
    await expect(failing.read([raw('select 1 as one')])).rejects.toThrow(/failed a moment ago/);
    expect(failures).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    // After the pause another thread is started (and fails alike here).
    await expect(failing.read([raw('select 1 as one')])).rejects.toThrow(/unable to open/);
    expect(failures).toHaveLength(2);
    expect(failing.answered).toBe(0);
    await failing.stop();
  });

  it('holds the process until its connection is closed, even with a read in flight when stopped', async () => {
    const other = createSqliteReader(join(directory, 'reader.sqlite'));
    const spin =
      'with recursive step(n) as (select 1 union all select n + 1 from step where n < 1000000) select count(*) as steps from step';
    const reading = other.read([raw(spin)]);
    const stopping = other.stop();
    // The read answered after stop() must not let go of the thread before it has ended.
    expect(await reading).toEqual([[{ steps: 1000000 }]]);
    await stopping;
    expect(other.started).toBe(false);
  });

  it('refuses reads once stopped', async () => {
    await reader?.stop();
    expect(reader?.started).toBe(false);
    await expect(reader?.read([raw('select 1')])).rejects.toThrow(/stopped/);
  });

  it('is not made for a database in memory, which no other connection can open', async () => {
    const inMemory = openDatabase({ kind: 'sqlite', path: ':memory:' });
    expect(inMemory.reader).toBeUndefined();
    await inMemory.close();
  });
});
