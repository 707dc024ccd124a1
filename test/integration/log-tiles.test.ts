import { execFile } from 'node:child_process';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../../src/features/transparency/checkpoint';
import { inclusionProof, leafHash, rootHash } from '../../src/features/transparency/merkle';
import { openNote, parseVerifierKey } from '../../src/features/transparency/note';
import type { Database } from '../../src/platform/db/schema';
import { startTestServer, type TestServer } from '../support/server';

const entries = 600;
let server: TestServer;

/**
 * The log as C2SP tlog-tiles, with 600 entries (two full level-0 tiles and a partial one, and a partial
 * level-1 tile). The entries are written straight into the database of a log that has no tiles for them,
 * as a database from before the tiles has: the next start builds the tiles from them and signs the tree.
 */
beforeAll(async () => {
  server = await startTestServer();
  await server.restartWith(async (db) => {
    for (let start = 0; start < entries; start += 100) {
      await db
        .insertInto('log_entry')
        .values(
          Array.from({ length: 100 }, (_, offset) => ({
            position: start + offset,
            event_id: `event-${start + offset}`,
            leaf: JSON.stringify({ event: 'issued', n: start + offset, reason: 'ü'.repeat(offset) }),
            created_at: new Date().toISOString(),
          })),
        )
        .execute();
    }
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

async function get(path: string) {
  const response = await fetch(`${server.url}${path}`);
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

const hashesOf = (tile: Buffer) =>
  Array.from({ length: tile.length / 32 }, (_, at) => tile.subarray(at * 32, at * 32 + 32));

/** The entries of a bundle: each a big-endian uint16 length and that many bytes. */
function bundleEntries(bundle: Buffer): Buffer[] {
  const leaves: Buffer[] = [];
  for (let at = 0; at < bundle.length;) {
    const length = bundle.readUInt16BE(at);
    leaves.push(bundle.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return leaves;
}

/** `npm run log:verify` as built, on the test server's database and keys. */
function logVerify(): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/log-verify.js'],
      { env: { ...process.env, ...server.environment } },
      (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
    );
  });
}

/** Changes the database while the server is down, expects what starting then does, and undoes the change. */
async function tampered(
  change: (db: Kysely<Database>) => Promise<void>,
  undo: (db: Kysely<Database>) => Promise<void>,
  start: 'refuses' | 'starts',
): Promise<{ code: number; stdout: string }> {
  const restarted = server.restartWith(change);
  if (start === 'refuses')
    await expect(restarted).rejects.toThrow(/does not match its last signed checkpoint/);
  else await restarted;
  const verdict = await logVerify();
  await server.restartWith(undo);
  return verdict;
}

const leafAt = async (db: Kysely<Database>, position: number) =>
  (await db.selectFrom('log_entry').select('leaf').where('position', '=', position).executeTakeFirstOrThrow())
    .leaf;
const setLeaf = (position: number, leaf: string) => async (db: Kysely<Database>) => {
  await sql`update log_entry set leaf = ${leaf} where position = ${position}`.execute(db);
};
const tileAt = async (db: Kysely<Database>, level: number, index: number) =>
  Buffer.from(
    (
      await db
        .selectFrom('log_tile')
        .select('hashes')
        .where('level', '=', level)
        .where('idx', '=', index)
        .executeTakeFirstOrThrow()
    ).hashes,
  );
const setTile = (level: number, index: number, hashes: Buffer) => async (db: Kysely<Database>) => {
  await db
    .updateTable('log_tile')
    .set({ hashes })
    .where('level', '=', level)
    .where('idx', '=', index)
    .execute();
};
const flipped = (bytes: Buffer) => Buffer.from(bytes.map((byte, at) => (at === 40 ? byte ^ 1 : byte)));

describe('the log as tiles', () => {
  it('lets a standard client recompute the signed root from the tiles, and the entry bundles hash to them', async () => {
    const key = parseVerifierKey((await get('/log/key')).body.toString());
    const checkpoint = parseCheckpoint(openNote((await get('/log/checkpoint')).body.toString(), key));
    expect(checkpoint.size).toBe(entries);
    const level0 = [
      await get('/log/tile/0/000'),
      await get('/log/tile/0/001'),
      await get('/log/tile/0/002.p/88'),
    ];
    const level1 = await get('/log/tile/1/000.p/2');
    for (const tile of [...level0, level1]) expect(tile.status).toBe(200);
    expect(level0[0]!.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(level0[2]!.headers.get('cache-control')).toBe('public, max-age=10');
    expect(level0[0]!.headers.get('access-control-allow-origin')).toBe('*');
    const leafHashes = level0.flatMap((tile) => hashesOf(tile.body));
    expect(leafHashes).toHaveLength(entries);
    expect(rootHash(leafHashes).equals(checkpoint.root)).toBe(true);
    // Level 1 holds the root of each full level-0 tile.
    expect(hashesOf(level1.body)).toEqual([
      rootHash(leafHashes.slice(0, 256)),
      rootHash(leafHashes.slice(256, 512)),
    ]);

    const bundles = [await get('/log/tile/entries/000'), await get('/log/tile/entries/002.p/88')];
    expect(bundles[0]!.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const leaves = bundles.flatMap((bundle) => bundleEntries(bundle.body));
    expect(leaves.map((leaf) => leafHash(leaf))).toEqual([
      ...leafHashes.slice(0, 256),
      ...leafHashes.slice(512),
    ]);
    expect(JSON.parse(leaves[300]!.toString())).toMatchObject({ n: 556 });
    // A narrower partial tile is the prefix of the wider one.
    expect((await get('/log/tile/0/002.p/5')).body).toEqual(level0[2]!.body.subarray(0, 160));
  });

  it('answers 404 for tiles beyond the signed tree and for paths that are not tiles', async () => {
    for (const path of [
      '/log/tile/0/003',
      '/log/tile/0/002',
      '/log/tile/0/002.p/89',
      '/log/tile/1/000',
      '/log/tile/2/000.p/1',
      '/log/tile/entries/002',
      '/log/tile/0/x000/001',
      '/log/tile/0/1',
      // Tiles that exist, spelt otherwise: a full tile is cached for good under its one address only.
      '/log/tile/0/%30%30%30',
      '/log/tile/0/000%2ep/1',
      '/log/tile/0/002.p/%38%38',
    ])
      expect((await get(path)).status, path).toBe(404);
  });

  it('serves the same proofs as the reference implementation over the whole log', async () => {
    const bundle = [0, 1, 2].map(async (index) =>
      bundleEntries((await get(`/log/tile/entries/00${index}${index === 2 ? '.p/88' : ''}`)).body),
    );
    const leaves = (await Promise.all(bundle)).flat().map((leaf) => leafHash(leaf));
    for (const [index, size] of [
      [0, 600],
      [255, 256],
      [256, 257],
      [599, 600],
      [300, 513],
    ] as const) {
      const answer = JSON.parse(
        (await get(`/log/proof/inclusion?index=${index}&size=${size}`)).body.toString(),
      ) as {
        rootHash: string;
        proof: string[];
      };
      expect(answer.rootHash).toBe(rootHash(leaves.slice(0, size)).toString('base64'));
      expect(answer.proof).toEqual(
        inclusionProof(leaves, index, size).map((hash) => hash.toString('base64')),
      );
    }
  });

  it('refuses to start on an edited entry or tile at the right edge, which log:verify names too', async () => {
    const leaf = await leafAt(server.running.services.database.db, 599);
    const edge = await tileAt(server.running.services.database.db, 0, 2);
    const lastFull = await tileAt(server.running.services.database.db, 0, 1);
    const editedLeaf = await tampered(setLeaf(599, '{"forged":true}'), setLeaf(599, leaf), 'refuses');
    expect(editedLeaf.code).toBe(1);
    expect(editedLeaf.stdout).toMatch(/MISMATCH entry 599 does not hash to its hash in tile 0\/2/);
    expect((await tampered(setTile(0, 2, flipped(edge)), setTile(0, 2, edge), 'refuses')).code).toBe(1);
    const editedFull = await tampered(setTile(0, 1, flipped(lastFull)), setTile(0, 1, lastFull), 'refuses');
    expect(editedFull.stdout).toMatch(/MISMATCH entry 257 does not hash to its hash in tile 0\/1/);
  });

  it('starts on an edited old entry or old tile, left of the right edge, but log:verify names it', async () => {
    // The start-up check reads the right edge only (a few tiles, whatever the size of the log): the root,
    // the proofs and every new checkpoint come from the level-1 hash above tile 0/0, not from its entries or
    // its hashes, so what is proven stays the signed tree; re-hashing everything is log:verify's work.
    const db = () => server.running.services.database.db;
    const leaf = await leafAt(db(), 3);
    const oldTile = await tileAt(db(), 0, 0);
    const editedLeaf = await tampered(setLeaf(3, '{"forged":true}'), setLeaf(3, leaf), 'starts');
    expect(editedLeaf.code).toBe(1);
    expect(editedLeaf.stdout).toMatch(/MISMATCH entry 3 does not hash to its hash in tile 0\/0/);
    expect(editedLeaf.stdout).toMatch(/Verdict: the stored log was changed behind the app/);
    const editedTile = await tampered(setTile(0, 0, flipped(oldTile)), setTile(0, 0, oldTile), 'starts');
    expect(editedTile.code).toBe(1);
    expect(editedTile.stdout).toMatch(/MISMATCH entry 1 does not hash to its hash in tile 0\/0 \(hash 1\)/);
    const intact = await logVerify();
    expect(intact).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/600 entries re-hashed.*size 600/),
    });
    expect(intact.stdout).toMatch(/Verdict: the log, its tiles and its signed checkpoint agree/);
  });
});
