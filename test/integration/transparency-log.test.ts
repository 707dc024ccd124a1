import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../../src/features/transparency/checkpoint';
import { leafHash, rootHash, verifyInclusion } from '../../src/features/transparency/merkle';
import { monitorLog, type MonitorState } from '../../src/features/transparency/monitor';
import { openNote, parseVerifierKey } from '../../src/features/transparency/note';
import { publishedCheckpointFileName } from '../../src/features/transparency/published-checkpoint';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { decideAs, reviewerPair, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let admin: HttpClient;
let certificationId: string;

beforeAll(async () => {
  server = await startTestServer();
  const { owner } = await companyWithOwner(server, 'logged');
  ({ client: admin } = await signedInUser(server, 'admin'));
  const reviewers = await reviewerPair(server);
  const { applicationId } = await submittedProduct(server, owner, 'logged', { name: 'Logged Lock' });
  await decideAs(server, reviewers, applicationId, 'certify');
  const list = JSON.parse((await server.client().get('/api/v1/products')).text) as {
    items: { id: string }[];
  };
  certificationId = list.items[0]!.id;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const visitor = () => server.client();
/** fetch, tried once more when a pooled connection to the server before a restart turns out closed. */
const fetchText = (url: string) => fetch(url).catch(() => fetch(url));

/** The command-line monitor as `npm run monitor` runs it (built to dist/monitor.js). */
async function runMonitor(stateFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/monitor.js', server.url, '--state', stateFile],
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

async function signedCheckpoint() {
  const key = parseVerifierKey((await visitor().get('/log/key')).text);
  return parseCheckpoint(openNote((await visitor().get('/log/checkpoint')).text, key));
}

describe('the transparency log', () => {
  it('publishes a signed checkpoint whose root its entries reproduce', async () => {
    const checkpoint = await signedCheckpoint();
    const keyFile = join(server.running.services.config.keysDir, 'transparency-log.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(checkpoint.origin).toBe(`${new URL(server.url).host}/log`);
    expect(checkpoint.size).toBe(1);
    const { entries } = JSON.parse(
      (await visitor().get(`/log/entries?start=0&end=${checkpoint.size}`)).text,
    ) as {
      entries: { index: number; leaf: string }[];
    };
    expect(JSON.parse(entries[0]!.leaf)).toMatchObject({
      certification: certificationId,
      event: 'issued',
      product: 'Logged Lock',
    });
    expect(rootHash(entries.map((entry) => leafHash(Buffer.from(entry.leaf)))).equals(checkpoint.root)).toBe(
      true,
    );
  });

  it('links each event on the product page to its entry and a proof of inclusion that verifies', async () => {
    const page = (await visitor().get(`/en/products/${certificationId}`)).text;
    const link = /href="(\/log\/proof\/inclusion\?index=(\d+)&amp;size=(\d+))"/.exec(page);
    expect(link).not.toBeNull();
    const response = JSON.parse((await visitor().get(link![1]!.replaceAll('&amp;', '&'))).text) as {
      index: number;
      size: number;
      rootHash: string;
      proof: string[];
    };
    const { entries } = JSON.parse(
      (await visitor().get(`/log/entries?start=${response.index}&end=${response.index + 1}`)).text,
    ) as {
      entries: { leaf: string }[];
    };
    const checkpoint = await signedCheckpoint();
    expect(response.rootHash).toBe(checkpoint.root.toString('base64'));
    const proof = response.proof.map((hash) => Buffer.from(hash, 'base64'));
    expect(
      verifyInclusion(
        leafHash(Buffer.from(entries[0]!.leaf)),
        response.index,
        response.size,
        proof,
        checkpoint.root,
      ),
    ).toBe(true);
  });

  it('answers bad requests with a clear JSON message', async () => {
    for (const [path, message] of [
      ['/log/entries?start=5&end=1', 'start must be below end'],
      ['/log/entries?start=x&end=1', 'start must be a whole number'],
      ['/log/proof/inclusion?index=5&size=99', 'the log has'],
      ['/log/proof/consistency?first=0&second=1', 'first must be at least 1'],
    ] as const) {
      const response = await visitor().get(path);
      expect(response.status, path).toBe(400);
      expect((JSON.parse(response.text) as { message: string }).message, path).toContain(message);
    }
    expect((await visitor().get('/log/nothing')).status).toBe(404);
    const openData = (await visitor().get('/en/open-data')).text;
    expect(openData).toContain('Transparency log');
    expect(openData).toContain('/log/proof/consistency?first=5&amp;second=10');
  });

  it('grows consistently with a revocation, as a monitor sees it', async () => {
    const first = await monitorLog(server.url, undefined, fetchText);
    expect(first.ok).toBe(true);
    const revoked = await admin.post(`/en/admin/certifications/${certificationId}/status`, {
      action: 'revoke',
      reason: 'Default password found.',
    });
    expect(revoked.status).toBe(303);
    // The log entry follows the revocation as a job, which has run once the queue is drained.
    await server.running.jobs.drain();
    const second = await monitorLog(server.url, (first as { state: MonitorState }).state, fetchText);
    expect(second).toMatchObject({ ok: true, message: 'Consistent: grew from 1 to 2 entries.' });
    const { entries } = JSON.parse((await visitor().get('/log/entries?start=1&end=2')).text) as {
      entries: { leaf: string }[];
    };
    expect(JSON.parse(entries[0]!.leaf)).toMatchObject({
      event: 'revoked',
      reason: 'Default password found.',
    });
  });

  it('refuses to start on an edited entry, and a monitor catches a history rewritten and signed again', async () => {
    const before = await monitorLog(server.url, undefined, fetchText);
    expect(before.ok).toBe(true);
    const stateFile = join(mkdtempSync(join(tmpdir(), 'monitor-')), 'state.json');
    expect(await runMonitor(stateFile)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('key pinned'),
    });
    const db = server.running.services.database.db;
    const keysDir = server.running.services.config.keysDir;
    const forged = `{"certification":"${certificationId}","event":"issued","reason":"","product":"Forged","company":"x","occurredAt":"2020-01-01T00:00:00.000Z"}`;
    await sql`update log_entry set leaf = ${forged} where position = 0`.execute(db);
    await expect(server.restart()).rejects.toThrow(/does not match its last signed checkpoint/);

    // An operator deletes the checkpoints and the tiles: the checkpoint recorded beside the key still
    // names the published tree, so the app refuses to start on (and to sign) the rewritten one.
    const rewrite = async (database: Parameters<Parameters<typeof server.restartWith>[0]>[0]) => {
      await sql`update log_entry set leaf = ${forged} where position = 0`.execute(database);
      await sql`delete from log_checkpoint`.execute(database);
      await sql`delete from log_tile`.execute(database);
    };
    await expect(server.restartWith(rewrite)).rejects.toThrow(/already published a checkpoint of/);
    // One with the signing key who also deletes that record gets the app to sign the rewritten tree
    // afresh; a monitor that saw the old checkpoint is not fooled.
    rmSync(join(keysDir, publishedCheckpointFileName));
    await server.restartWith(rewrite);
    const after = await monitorLog(server.url, (before as { state: MonitorState }).state, fetchText);
    expect(after.ok).toBe(false);
    expect(after.message).toMatch(/history was rewritten/);
    const cli = await runMonitor(stateFile);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/ALERT: .*history was rewritten/);
  });
});
