import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints } from '../../src/platform/db/sqlite-checkpoints';
import { temporaryDirectory } from '../support/database';

/**
 * On SQLite the server checkpoints its write-ahead log from a worker thread (platform/db/sqlite-checkpoints.ts),
 * not at a commit on the event loop, once the log has grown to the size at which SQLite would checkpoint by
 * itself: below it no thread is started; past it, a change reaches the database file itself within a few
 * checkpoint intervals, long before the 10,000 pages at which the serving connection would do it.
 */
const directory = temporaryDirectory();
afterAll(() => directory.remove());

const until = async (done: () => boolean, attempts = 50) => {
  for (let attempt = 0; attempt < attempts && !done(); attempt++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return done();
};

/** Whether the database file alone, without its log, holds the row with this number. */
function fileHolds(path: string, number: number): boolean {
  const copy = join(directory.path, 'copy.sqlite');
  copyFileSync(path, copy);
  const database = new DatabaseSync(copy, { readOnly: true });
  try {
    // Until a checkpoint, the file may not even hold the table yet.
    const table = database.prepare("select 1 from sqlite_schema where name = 'note'").get();
    return (
      table !== undefined && database.prepare('select 1 from note where n = ?').get(number) !== undefined
    );
  } finally {
    database.close();
  }
}

describe('SQLite checkpoints from a worker thread', () => {
  it('starts only once the log has grown, then copies changes into the database file', async () => {
    const path = join(directory.path, 'checkpoints.sqlite');
    const database = new DatabaseSync(path);
    database.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 10000');
    database.exec('create table note (n integer primary key, body blob)');
    const failures: string[] = [];
    const checkpoints = startBackgroundCheckpoints(path, (failure) => failures.push(failure), {
      intervalMs: 100,
      startAtPages: 50,
    });
    try {
      const insert = database.prepare('insert into note (n, body) values (?, ?)');
      insert.run(1, Buffer.alloc(100));
      // Several intervals with a log of a few pages: no thread, and nothing copied.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(checkpoints.started).toBe(false);
      expect(fileHolds(path, 1)).toBe(false);

      // Some 60 pages of 4 KB: past the size at which the worker starts.
      for (let n = 2; n <= 61; n++) insert.run(n, Buffer.alloc(4096, n));
      expect(await until(() => checkpoints.started)).toBe(true);
      expect(await until(() => fileHolds(path, 61))).toBe(true);
      expect(failures).toEqual([]);
    } finally {
      await checkpoints.stop();
      database.close();
    }
  });

  it('stops cleanly when it was never started', async () => {
    const path = join(directory.path, 'idle.sqlite');
    const database = new DatabaseSync(path);
    database.exec('PRAGMA journal_mode = WAL');
    const checkpoints = startBackgroundCheckpoints(path, () => undefined, { intervalMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(checkpoints.started).toBe(false);
    await checkpoints.stop();
    database.close();
  });
});
