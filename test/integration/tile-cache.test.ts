import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTileStore, widthOf } from '../../src/features/transparency/tile-store';
import { openDatabase } from '../../src/platform/db/database';
import { migrateToLatest } from '../../src/platform/db/migrate';

/**
 * The log's tile cache holds every level-0 tile of a million entries (3,907), so that a proof of any entry
 * reads no tile from the database once the tiles have been read (on PostgreSQL each read was a round trip,
 * which missed the proof goals: decision 0017, amended), and no more than 4,096 tiles. Tiles are read, then
 * removed from the database: what is still found came from the cache. The cache is the same on both
 * databases, so this file opens SQLite whichever database the run uses.
 */
const handle = openDatabase({ kind: 'sqlite', path: ':memory:' });
afterAll(() => handle.close());

const tilesOfAMillion = Math.ceil(1_000_000 / 256);

async function storeTiles(count: number): Promise<Map<number, Buffer>> {
  const stored = new Map<number, Buffer>();
  for (let start = 0; start < count; start += 200) {
    const rows = [];
    for (let index = start; index < Math.min(count, start + 200); index++) {
      const hashes = randomBytes(256 * 32);
      stored.set(index, hashes);
      rows.push({ level: 0, idx: index, width: 256, hashes, above: randomBytes(255 * 32) });
    }
    await handle.db.insertInto('log_tile').values(rows).execute();
  }
  return stored;
}

describe('the log tile cache', () => {
  it('keeps every level-0 tile of a million entries, and no more than 4,096 tiles', async () => {
    await migrateToLatest(handle);
    const count = 4_100;
    expect(tilesOfAMillion).toBeLessThanOrEqual(4_096);
    const stored = await storeTiles(count);
    const tiles = createTileStore(handle.db);
    const requests = [...stored.keys()].map((index) => ({ level: 0, index, count: 256 }));
    for (let at = 0; at < requests.length; at += 500) await tiles.read(requests.slice(at, at + 500));
    await handle.db.deleteFrom('log_tile').execute();
    const again = await tiles.read(requests);
    // The four read first were let go for the last four; the other 4,096 came from the cache, whole.
    expect(again.size).toBe(4_096);
    for (const index of [0, 1, 2, 3]) expect(again.has(`0/${index}`)).toBe(false);
    for (const index of [4, 2_000, tilesOfAMillion - 1, count - 1]) {
      const tile = again.get(`0/${index}`);
      expect(tile && widthOf(tile)).toBe(256);
      expect(Buffer.concat(tile?.hashes ?? [])).toEqual(stored.get(index));
    }
  });
});
