import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointText } from '../../src/features/transparency/checkpoint';
import { leafHash, rootHash } from '../../src/features/transparency/merkle';
import { parseSignerKey, signerKeyFor, signNote } from '../../src/features/transparency/note';
import {
  checkExtends,
  LogForkError,
  publishedCheckpointFileName,
  publishedCheckpointRecord,
} from '../../src/features/transparency/published-checkpoint';

const signer = parseSignerKey(signerKeyFor('trustmark.example/log', Buffer.alloc(32, 7)));
const other = parseSignerKey(signerKeyFor('trustmark.example/log', Buffer.alloc(32, 9)));
const leaves = ['a', 'b', 'c', 'd', 'e'].map((leaf) => Buffer.from(leaf));
const rootAt = async (size: number) => rootHash(leaves.slice(0, size).map((leaf) => leafHash(leaf)));
const noteOf = async (size: number, by = signer) =>
  signNote(checkpointText({ origin: by.name, size, root: await rootAt(size) }), by);

const folders: string[] = [];
function keysFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'published-checkpoint-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the published checkpoint kept beside the log key', () => {
  it('keeps the largest checkpoint recorded, readable only by the mode 0600 owner', async () => {
    const folder = keysFolder();
    const record = publishedCheckpointRecord(folder, signer);
    expect(record.read()).toBeUndefined();
    record.record(await noteOf(3));
    record.record(await noteOf(2));
    expect(record.read()?.size).toBe(3);
    expect(statSync(join(folder, publishedCheckpointFileName)).mode & 0o777).toBe(0o600);
    record.record(await noteOf(5));
    expect(readFileSync(join(folder, publishedCheckpointFileName), 'utf8')).toBe(await noteOf(5));
  });

  it('refuses a record that another key signed, naming the file', async () => {
    const folder = keysFolder();
    writeFileSync(join(folder, publishedCheckpointFileName), await noteOf(3, other));
    expect(() => publishedCheckpointRecord(folder, signer).read()).toThrow(
      /published-checkpoint is not a checkpoint signed/,
    );
  });

  it('lets a tree that extends the published one be signed, and refuses a shorter or different one', async () => {
    const published = { origin: signer.name, size: 3, root: await rootAt(3) };
    await expect(checkExtends(undefined, 1, rootAt)).resolves.toBeUndefined();
    await expect(checkExtends(published, 3, rootAt)).resolves.toBeUndefined();
    await expect(checkExtends(published, 5, rootAt)).resolves.toBeUndefined();
    await expect(checkExtends(published, 2, rootAt)).rejects.toThrow(LogForkError);
    const forked = async (size: number) =>
      rootHash([Buffer.from('x'), ...leaves].slice(0, size).map((leaf) => leafHash(leaf)));
    const refusal = await checkExtends(published, 4, forked).catch((error: unknown) => error as Error);
    expect(refusal).toBeInstanceOf(LogForkError);
    expect(refusal?.message).toMatch(/already published a checkpoint of 3 entries/);
    expect(refusal?.message).toMatch(/Restore a newer backup/);
  });
});
