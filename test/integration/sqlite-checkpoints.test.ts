import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { temporaryDirectory } from '../support/database';
import { newUser, signUpAndVerify } from '../support/flows';
import { startTestServer, type TestServer } from '../support/server';

/**
 * On SQLite the server checkpoints its write-ahead log from a worker thread (platform/db/sqlite-checkpoints.ts),
 * not at a commit on the event loop: a change reaches the database file itself within a few checkpoint
 * intervals, long before the 1,000 (now 10,000) pages at which the serving connection would do it.
 */
const onSqlite = !process.env['TEST_DATABASE_URL'];
let server: TestServer;
const copies = temporaryDirectory();

beforeAll(async () => {
  if (onSqlite) server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
  copies.remove();
});

/** Whether the database file alone, without its log, holds an account with this address. */
function fileHolds(path: string, email: string): boolean {
  const copy = join(copies.path, 'copy.sqlite');
  copyFileSync(path, copy);
  const database = new DatabaseSync(copy, { readOnly: true });
  try {
    // Until a checkpoint, the file may not even hold the tables yet.
    const tables = database.prepare("select 1 from sqlite_schema where name = 'user'").get();
    return (
      tables !== undefined &&
      database.prepare('select 1 from "user" where email = ?').get(email) !== undefined
    );
  } finally {
    database.close();
  }
}

describe.runIf(onSqlite)('SQLite checkpoints', () => {
  it('copies a change into the database file in the background', async () => {
    const settings = loadConfig(server.environment).database;
    if (settings.kind !== 'sqlite') throw new Error('expected SQLite');
    const user = newUser('checkpoint');
    await signUpAndVerify(server, server.client(), user);
    expect(existsSync(`${settings.path}-wal`)).toBe(true);
    // Polled for at most ten seconds (ten checkpoint intervals): without the worker, never.
    let held = false;
    for (let attempt = 0; attempt < 50 && !held; attempt++) {
      held = fileHolds(settings.path, user.email);
      if (!held) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(held).toBe(true);
  });
});
