import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config';
import { writeBackup, type KeysBackup } from '../../src/features/operations/backup';
import { restoreBackup, RestoreRefused } from '../../src/features/operations/restore';
import { parseSignerKey, signerKeyFor } from '../../src/features/transparency/note';
import { runBuiltServer } from '../support/built-server';
import { createTestDatabase, temporaryDirectory, usingPostgres } from '../support/database';
import { newUser, signedInUser } from '../support/flows';
import { linkIn } from '../support/smtp';
import { freePort, startTestServer, type TestServer } from '../support/server';

/**
 * Holes found by an outside review (attack2), each tried over real HTTP against the running app.
 */
describe('what the app writes to its log', () => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({ logger: pino({ level: 'info' }, sink) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("never holds a reviewer invitation's token, which would let whoever reads the log take the invitation", async () => {
    const admin = await signedInUser(server, 'admin');
    const invitee = newUser('invited');
    const sent = await admin.client.post('/en/admin/reviewer-invitations', {
      email: invitee.email,
      name: invitee.name,
    });
    expect(sent.status).toBe(303);
    await server.running.jobs.drain();
    const mail = await server.smtp.waitFor(invitee.email, /invited to review/);
    const link = new URL(linkIn(mail, `${server.url}/en/reviewer-invitations/`)).pathname;
    const token = link.split('/').pop() ?? '';
    expect(token).toHaveLength(43);

    const client = server.client();
    const opened = await client.get(link);
    expect(opened.status).toBe(200);
    // Its styles and script, and the sign-in page it leads to, are requested without the token as Referer.
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await client.post(link, { name: invitee.name, password: 'short' })).status).toBe(422);
    // The same path in German, as the invitee might switch languages before accepting.
    expect((await client.get(link.replace('/en/', '/de/'))).status).toBe(200);

    const requests = lines.filter((line) => line.includes('"msg":"request"'));
    expect(requests.some((line) => line.includes('/en/reviewer-invitations/:token'))).toBe(true);
    expect(requests.some((line) => line.includes('/de/reviewer-invitations/:token'))).toBe(true);
    expect(lines.join('')).not.toContain(token);
  });
});

describe('npm run backup and npm run restore, given what an attacker or a failure brings', () => {
  let server: TestServer;
  let config: Config;
  const backups = mkdtempSync(join(tmpdir(), 'trustmark-attack2-backups-'));
  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    config = server.running.services.config;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(backups, { recursive: true, force: true });
  });

  it("writes the database's copy readable by its owner alone, whatever the umask", async () => {
    const { folder, manifest } = await writeBackup(config, join(backups, 'modes'));
    const file = join(folder, manifest.database === 'sqlite' ? 'database.sqlite' : 'database.pgdump');
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('refuses a keys file naming a file outside KEYS_DIR, and writes none of its files', async () => {
    const { folder, keysFile } = await writeBackup(config, backups);
    const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as KeysBackup;
    const escaped = join(config.keysDir, '..', 'escaped-by-restore');
    const edited = join(backups, 'edited.keys.json');
    const credentialKeys = join(config.keysDir, 'credential-keys.json');
    const before = readFileSync(credentialKeys, 'utf8');
    writeFileSync(
      edited,
      JSON.stringify({
        ...keys,
        files: { 'credential-keys.json': 'replaced', ...keys.files, '../escaped-by-restore': 'owned' },
      }),
    );
    const refusal = await restoreBackup(config, folder, { keysFile: edited, force: true }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(RestoreRefused);
    expect((refusal as Error).message).toMatch(/which no backup writes/);
    expect(existsSync(escaped)).toBe(false);
    expect(readFileSync(credentialKeys, 'utf8')).toBe(before);
  });

  it("refuses a forced restore of another log's key without first replacing this instance's key", async () => {
    const { folder, keysFile } = await writeBackup(config, join(backups, 'other-key'));
    const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as KeysBackup;
    const logKey = join(config.keysDir, 'transparency-log.key');
    const ours = readFileSync(logKey, 'utf8');
    const other = signerKeyFor(parseSignerKey(ours).name, randomBytes(32));
    const edited = join(backups, 'other-key.keys.json');
    writeFileSync(
      edited,
      JSON.stringify({ ...keys, files: { ...keys.files, 'transparency-log.key': other } }),
    );
    const refusal = await restoreBackup(config, folder, { keysFile: edited, force: true }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(Error);
    expect(readFileSync(logKey, 'utf8')).toBe(ours);
  });

  it.runIf(usingPostgres)(
    "never puts the database's password on pg_dump's command line or in the message of a failed backup",
    async () => {
      if (config.database.kind !== 'postgres') throw new Error('PostgreSQL expected');
      const { password } = new URL(config.database.url);
      expect(password.length).toBeGreaterThan(0);
      // As it appears in a URL (the test role's password is its name, so the name alone proves nothing).
      const secret = `:${password}@`;
      // A pg_dump that fails as one of another major version does, after noting how it was called.
      const bin = join(backups, 'bin');
      const calls = join(backups, 'pg_dump-calls');
      mkdirSync(bin);
      writeFileSync(
        join(bin, 'pg_dump'),
        `#!/bin/sh\necho "$@" >> '${calls}'\necho "pg_dump: error: server version mismatch" >&2\nexit 1\n`,
        { mode: 0o755 },
      );
      const path = process.env['PATH'];
      process.env['PATH'] = `${bin}:${path ?? ''}`;
      const destination = join(backups, 'failing');
      try {
        const failure = await writeBackup(config, destination).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(Error);
        expect((failure as Error).message).toMatch(/version mismatch/);
        expect((failure as Error).message).not.toContain(secret);
      } finally {
        process.env['PATH'] = path;
      }
      expect(readFileSync(calls, 'utf8')).toContain('--format=custom');
      expect(readFileSync(calls, 'utf8')).not.toContain(secret);
      // Nothing half-written is left beside the backups.
      expect(readdirSync(destination)).toEqual([]);
    },
  );
});

describe('the first start, as a newcomer follows it', () => {
  it('names a sign-in address whose forms the app accepts (BASE_URL unset)', async () => {
    const directory = temporaryDirectory();
    const database = await createTestDatabase(directory.path);
    const port = await freePort();
    let output = '';
    const built = runBuiltServer(
      { PORT: String(port), DATA_DIR: directory.path, ...database.environment },
      (so) => (output = so).includes('/en/sign-in.'),
    );
    try {
      await built.ready;
      const printed = /Sign in at (\S+)\/en\/sign-in\./.exec(output)?.[1] ?? '';
      const account = /admin\s+(\S+)\s+(\S+)/.exec(output);
      expect(printed).toMatch(/^http:\/\//);
      // What a browser sends when the newcomer opens the printed address and submits the form there.
      const answer = await fetch(`http://127.0.0.1:${port}/en/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: printed },
        body: new URLSearchParams({ email: account?.[1] ?? '', password: account?.[2] ?? '' }),
      });
      expect(answer.status).toBe(303);
    } finally {
      built.child.kill('SIGTERM');
      await built.finished;
      await database.drop();
      directory.remove();
    }
  });
});
