import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTopology, type AppInstance, type Topology } from '../../scripts/topology/topology';
import { publishedCheckpointFileName } from '../../src/features/transparency/published-checkpoint';
import { samplePng, sampleProduct } from '../support/applications';
import { TopologyClient } from './client';
import { enableTwoFactor, operatorCommand, signIn, steadyLoad, type Account } from './steps';

/**
 * The production topology of README.md ("Running in production"), started from deploy/ as `npm run topology`
 * does: nginx terminating TLS in front of two instances on one PostgreSQL database. Everything goes through
 * nginx over HTTPS unless a step needs one instance in particular. The figures are printed at the end.
 */
let topology: Topology;
let ca: Buffer;
const figures: Record<string, unknown> = {};
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const client = () => new TopologyClient(topology.baseUrl, ca, topology.baseUrl);
const account = (role: string): Account => {
  const found = topology.demoAccounts.find((candidate) => candidate.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return { email: found.email, password: found.password };
};
const instances = () => topology.instances as [AppInstance, AppInstance];
const dataDir = () => topology.environment['DATA_DIR'] ?? '';
const keysDir = () => topology.environment['KEYS_DIR'] ?? '';

/** Stops both instances and empties the database and the data folder (keeping the keys unless told). */
async function wipe(options: { keys: boolean }): Promise<void> {
  await Promise.all(instances().map((instance) => instance.stop()));
  await topology.database.recreate();
  rmSync(join(dataDir(), 'evidence'), { recursive: true, force: true });
  if (options.keys) rmSync(keysDir(), { recursive: true, force: true });
}

async function backup(): Promise<{ folder: string; keysFile: string }> {
  const written = await operatorCommand(topology, 'backup', ['--to', join(topology.folder, 'backups')]);
  expect(written.stderr).toBe('');
  expect(written.code).toBe(0);
  expect(written.stdout).toMatch(/WARNING: These are the signing keys/);
  return {
    folder: /^Backup written in [\d.]+ s: (.+)$/m.exec(written.stdout)?.[1] ?? '',
    keysFile: /SEPARATELY to (\S+) \(mode 0600\)/.exec(written.stdout)?.[1] ?? '',
  };
}

/** What a restore must bring back: the registry, the log, a badge, a credential and an uploaded file. */
async function published(certificationId: string, filePath: string, owner: TopologyClient) {
  const reader = client();
  return {
    products: JSON.parse((await reader.get('/api/v1/products')).text).items,
    checkpoint: (await reader.get('/log/checkpoint')).text,
    badge: (await reader.get(`/badge/${certificationId}.svg`)).text,
    credential: (await reader.get(`/credentials/${certificationId}`)).text,
    file: (await owner.get(filePath)).text,
  };
}

let firstBackup: { folder: string; keysFile: string };
let certificationId: string;

beforeAll(async () => {
  const started = performance.now();
  topology = await startTopology();
  figures['startSeconds'] = Number(((performance.now() - started) / 1000).toFixed(1));
  ca = readFileSync(topology.certificates.caCertificate);
  const products = JSON.parse((await client().get('/api/v1/products')).text) as { items: { id: string }[] };
  certificationId = products.items[0]?.id ?? '';
});

afterAll(async () => {
  process.stdout.write(`Topology figures: ${JSON.stringify(figures)}\n`);
  await topology?.close();
});

describe('the production topology: nginx with TLS, two instances, one PostgreSQL', () => {
  it('serves only over HTTPS: HTTP redirects, HSTS is sent once, cookies are __Secure- and Secure', async () => {
    const plain = await client().send('GET', `${topology.httpUrl}/en/products?q=lamp`, {});
    expect(plain.status).toBe(301);
    expect(plain.location).toBe(`${topology.baseUrl}/en/products?q=lamp`);
    const page = await client().get('/en');
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(page.headers['server']).toBe('nginx');

    const applicant = client();
    const signedIn = await applicant.post('/en/sign-in', { ...account('applicant'), next: '/en/account' });
    expect(signedIn.status).toBe(303);
    const cookies = signedIn.headers['set-cookie'] ?? [];
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^__Secure-trustmark\./);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
    }
  });

  it('runs the instances from a systemd unit that systemd-analyze verifies', async () => {
    const unit = join(topology.folder, `trustmark@${instances()[0].port}.service`);
    copyFileSync(join(topology.folder, 'trustmark@.service'), unit);
    const verified = await run('systemd-analyze', ['verify', unit]).then(
      ({ stderr }) => ({ code: 0, stderr }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? '' }),
    );
    expect(verified).toEqual({ code: 0, stderr: '' });
  });

  it('keeps a session made on one instance on the other, and through nginx', async () => {
    const [one, two] = instances();
    const onOne = client().at(one.url);
    await signIn(onOne, account('applicant'));
    const onTwo = await onOne.at(two.url).get('/en/account');
    expect(onTwo.status).toBe(200);
    expect(onTwo.text).toContain('applicant@demo.trustmark.test');
    const throughNginx = onOne.at(topology.baseUrl);
    for (let request = 0; request < 4; request++)
      expect((await throughNginx.get('/en/account')).status).toBe(200);
  });

  it('records the address nginx saw, whatever X-Forwarded-For the client sends', async () => {
    const spoofing = client();
    const response = await spoofing.post(
      '/en/sign-in',
      { ...account('applicant'), next: '/en/account' },
      { 'x-forwarded-for': '203.0.113.7' },
    );
    expect(response.status).toBe(303);
    const exported = (await spoofing.get('/en/account/export.json')).text;
    const addresses = [...exported.matchAll(/"ipAddress":\s*"([^"]*)"/g)].map((match) => match[1]);
    expect(addresses.length).toBeGreaterThan(0);
    expect(exported).not.toContain('203.0.113.7');
    // This sign-in's session carries the address nginx saw (those made straight at an instance, none).
    expect(addresses.some((address) => /^(127\.0\.0\.1|::1)$/.test(address ?? ''))).toBe(true);
  });

  it('keeps one-time tokens out of nginx’s access log: no query string, no invitation token, no Referer', async () => {
    const secret = randomBytes(16).toString('hex');
    await client().get(`/en/reviewer-invitations/${secret}a`);
    await client().get(`/en/reset-password?token=${secret}b`);
    await client().send('GET', `${topology.httpUrl}/en/verify-email?token=${secret}c`, {});
    await client().get('/en', { referer: `https://elsewhere.example/?token=${secret}d` });
    // nginx writes its log line once the answer is sent; give the last one a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = readFileSync(topology.accessLog, 'utf8');
    expect(log).toContain('/en/reviewer-invitations/:token');
    expect(log).toContain('GET /en/reset-password HTTP');
    expect(log).not.toContain(secret);
  });

  it('backs up, and restores into a wiped instance every record, file and credential, verifying', async () => {
    const owner = client();
    await signIn(owner, account('applicant'));
    const created = await owner.post('/en/companies/demo-devices/products', sampleProduct);
    expect(created.status).toBe(303);
    const productId = created.location?.split('/products/')[1]?.split('?')[0] ?? '';
    const started = await owner.post(`/en/companies/demo-devices/products/${productId}/applications`, {
      sourceApplicationId: '',
    });
    const applicationId = started.location?.split('/applications/')[1] ?? '';
    const evidence = Buffer.concat([samplePng, randomBytes(16)]);
    const criterion = `/en/applications/${applicationId}/criteria/SEC-02`;
    expect((await owner.upload(`${criterion}/files`, 'file', evidence, 'evidence.png')).status).toBe(303);
    const filePath = /href="(\/en\/applications\/[^"]+\/files\/[^"]+)"/.exec(
      (await owner.get(criterion)).text,
    )?.[1];
    expect(filePath).toBeDefined();
    const before = await published(certificationId, filePath ?? '', owner);
    const credentialFile = join(topology.folder, 'credential.jwt');
    writeFileSync(credentialFile, before.credential);

    firstBackup = await backup();
    await wipe({ keys: true });
    const restoring = performance.now();
    const restored = await operatorCommand(topology, 'restore', [
      firstBackup.folder,
      '--keys',
      firstBackup.keysFile,
    ]);
    figures['restoreDemoSeconds'] = Number(((performance.now() - restoring) / 1000).toFixed(2));
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    await Promise.all(instances().map((instance) => instance.start()));

    const logCheck = await operatorCommand(topology, 'log-verify', []);
    expect(logCheck.stdout).toContain('Verdict: the log, its tiles and its signed checkpoint agree.');
    const credentialCheck = await operatorCommand(topology, 'verify', [
      '--issuer',
      topology.baseUrl,
      credentialFile,
    ]);
    expect(credentialCheck.stdout).toContain('Verdict: valid');
    expect(credentialCheck.code).toBe(0);
    // The owner's session was in the database too: the same cookie downloads the same file.
    expect(await published(certificationId, filePath ?? '', owner)).toEqual(before);
  });

  it('shows a revocation made on one instance on the badge from every instance within a second', async () => {
    const [one, two] = instances();
    const admin = client().at(one.url);
    const adminAccount = account('admin');
    await signIn(admin, adminAccount);
    await enableTwoFactor(admin, adminAccount);
    const revoked = await admin.post(`/en/admin/certifications/${certificationId}/status`, {
      action: 'revoke',
      reason: 'Revoked on instance one by the topology test.',
    });
    expect(revoked.status).toBe(303);
    const changed = performance.now();
    const seenAfter = await Promise.all(
      [two.url, one.url, topology.baseUrl].map(async (address) => {
        const reader = client().at(address);
        while (!(await reader.get(`/badge/${certificationId}.svg`)).text.includes('revoked')) await sleep(25);
        return Math.round(performance.now() - changed);
      }),
    );
    figures['revocationOnBadgeMs'] = seenAfter;
    for (const milliseconds of seenAfter) expect(milliseconds).toBeLessThanOrEqual(1000);
  });

  it('refuses to restore a backup older than the published log, and the app refuses to sign over it', async () => {
    const newer = await backup();
    await wipe({ keys: false });
    for (const flags of [[], ['--force']]) {
      const refused = await operatorCommand(topology, 'restore', [firstBackup.folder, ...flags]);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/already published a checkpoint of \d+ entries/);
      expect(refused.stderr).toMatch(/Restore a newer backup whose log reaches that checkpoint/);
      expect(refused.stderr).toContain('Restoring an older backup');
    }
    // Copied in by hand past the restore's check, the older database does not start either.
    const record = join(keysDir(), publishedCheckpointFileName);
    renameSync(record, `${record}.aside`);
    expect((await operatorCommand(topology, 'restore', [firstBackup.folder])).code).toBe(0);
    renameSync(`${record}.aside`, record);
    await expect(instances()[0].start()).rejects.toThrow(/already published a checkpoint of \d+ entries/);

    // The documented way out: the newest backup.
    await wipe({ keys: false });
    expect((await operatorCommand(topology, 'restore', [newer.folder])).code).toBe(0);
    await Promise.all(instances().map((instance) => instance.start()));
    expect((await client().get(`/badge/${certificationId}.svg`)).text).toContain('revoked');
  });

  it('restarts both instances one after the other under load with no failed request', async () => {
    const load = steadyLoad(client());
    await sleep(1000);
    for (const instance of instances()) {
      expect(await instance.stop()).toBe(0);
      await instance.start();
      await sleep(1000);
    }
    await sleep(1000);
    const count = await load.stop();
    figures['rollingRestart'] = { requests: count.requests, failed: count.failed };
    expect(count.failures).toEqual([]);
    expect(count.requests).toBeGreaterThan(100);
  });

  it('refuses /metrics to a caller from outside without the token', async () => {
    const outside = await client().get('/metrics');
    expect(outside.status).toBe(403);
    expect(outside.text).not.toContain('# HELP');
    const wrongToken = await client().get('/metrics', { authorization: 'Bearer not-the-token' });
    expect(wrongToken.status).not.toBe(200);
  });

  it('keeps /readyz to the instances: nginx does not pass it on', async () => {
    const outside = await client().get('/readyz');
    expect(outside.status).toBe(404);
    expect(outside.text).not.toContain('signingKeys');
  });

  // Passes once the rate limits are counted in the database (branch "shared"); each instance counts alone before.
  it('holds the sign-in limit across both instances', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      // Each attempt claims another address: nginx replaces the header, so they all count as one.
      const response = await client().post(
        '/en/sign-in',
        {
          email: `nobody-${attempt}@example.test`,
          password: 'Wrong-password-for-the-limit',
          next: '/en/account',
        },
        { 'x-forwarded-for': `198.51.100.${attempt}` },
      );
      statuses.push(response.status);
    }
    const firstRefused = statuses.indexOf(429);
    figures['signInLimit'] = { attempts: statuses.length, firstRefusedAt: firstRefused + 1 };
    // Earlier steps signed in from the same address, so the limit of 30 is reached before the 31st here.
    expect(firstRefused).toBeGreaterThanOrEqual(0);
    expect(firstRefused).toBeLessThanOrEqual(30);
    expect(statuses.slice(firstRefused).every((status) => status === 429)).toBe(true);
  });
});
