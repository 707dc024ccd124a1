import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config';
import { writeBackup, type KeysBackup } from '../../src/features/operations/backup';
import { restoreBackup, RestoreRefused } from '../../src/features/operations/restore';
import { startTestServer, type TestServer } from '../support/server';

/** Empties the instance's database as a new one would be (the data folder keeps its keys). */
async function emptyDatabase(config: Config): Promise<void> {
  if (config.database.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.database.path}${suffix}`, { force: true });
    return;
  }
  const client = new pg.Client({ connectionString: config.database.url });
  await client.connect();
  await client.query('drop schema public cascade; create schema public');
  await client.end();
}

describe('npm run backup and npm run restore', () => {
  let server: TestServer;
  let config: Config;
  const backups = mkdtempSync(join(tmpdir(), 'trustmark-backups-'));
  const publicState = async () => ({
    checkpoint: await (await fetch(`${server.url}/log/checkpoint`)).text(),
    products: await (await fetch(`${server.url}/api/v1/products`)).text(),
  });

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    config = server.running.services.config;
  });
  afterAll(async () => {
    await server.close();
    rmSync(backups, { recursive: true, force: true });
  });

  it('restores a backup taken while the app runs into an emptied instance, and no other', async () => {
    const before = await publicState();
    const { folder, keysFile, manifest } = await writeBackup(config, backups);
    expect(folder).toMatch(/trustmark-\d{8}T\d{6}Z-log1$/);
    expect(manifest.checkpoint?.size).toBe(1);
    expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as KeysBackup;
    expect(keys.warning).toMatch(/Keep this file apart from the database backup/);
    expect(Object.keys(keys.files)).toEqual(
      expect.arrayContaining(['transparency-log.key', 'credential-keys.json', 'published-checkpoint']),
    );
    expect(JSON.stringify(readFileSync(join(folder, 'manifest.json'), 'utf8'))).not.toContain('PRIVATE+KEY');

    await expect(restoreBackup(config, folder)).rejects.toThrow(/The database is not empty/);
    await server.stop();
    await emptyDatabase(config);
    await restoreBackup(config, folder, { keysFile });
    await server.restart();
    expect(await publicState()).toEqual(before);
  });

  it('refuses a backup older than the checkpoint the log published, even when forced', async () => {
    const older = await writeBackup(config, join(backups, 'older'));
    const [certification] = await server.running.services.registry.all();
    const [admin] = await server.running.services.users.search('admin@demo.trustmark.test');
    expect(
      await server.running.services.lifecycle.change(certification!.id, 'suspend', 'Checked.', admin!.id),
    ).toBe(true);
    await server.running.services.transparencyLog.sync();
    const newer = await writeBackup(config, join(backups, 'newer'));
    expect(newer.manifest.checkpoint?.size).toBe(2);

    await server.stop();
    await emptyDatabase(config);
    for (const force of [false, true]) {
      const refusal = await restoreBackup(config, older.folder, { force }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(RestoreRefused);
      expect((refusal as Error).message).toMatch(
        /ends at 1 entries, but the log already published a checkpoint of 2 entries.*Nothing was restored. Restore a newer backup/,
      );
    }
    await restoreBackup(config, newer.folder);
    await server.restart();
    expect(await (await fetch(`${server.url}/log/checkpoint`)).text()).toMatch(/\n2\n/);
  });
});
