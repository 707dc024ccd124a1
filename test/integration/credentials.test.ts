import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { didDocument, didWebFor, keyIdFor } from '../../src/features/credentials/did';
import { signCredential, withRegisteredClaims } from '../../src/features/credentials/jwt';
import { loadOrCreateKeyring } from '../../src/features/credentials/keyring';
import { certificationCredential, statusListCredential } from '../../src/features/credentials/open-badge';
import { encodeStatusList } from '../../src/features/credentials/status-list';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { decideAs, reviewerPair, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let owner: HttpClient;
let admin: HttpClient;
let reviewers: HttpClient[];
let certificationId: string;
let credential: string;
const files = mkdtempSync(join(tmpdir(), 'trustmark-credentials-'));

async function certify(name: string): Promise<string> {
  const { applicationId } = await submittedProduct(server, owner, 'badged', { name });
  await decideAs(server, reviewers, applicationId, 'certify');
  const list = JSON.parse(
    (await server.client().get(`/api/v1/products?q=${encodeURIComponent(name)}`)).text,
  ) as {
    items: { id: string }[];
  };
  return list.items[0]!.id;
}

beforeAll(async () => {
  server = await startTestServer();
  ({ owner } = await companyWithOwner(server, 'badged'));
  ({ client: admin } = await signedInUser(server, 'admin'));
  reviewers = await reviewerPair(server);
  certificationId = await certify('Badged Bulb');
  credential = (await server.client().get(`/credentials/${certificationId}`)).text;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const visitor = () => server.client();

/**
 * `npm run verify -- FILE` as built (dist/verify.js): it reads the keys and the status list over HTTP.
 * The operator's environment names the program by BASE_URL (vitest's own BASE_URL stays out).
 */
async function runVerify(
  jwt: string,
  options: string[] = [],
  environment: Record<string, string> = { BASE_URL: server.url },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(files, `${Math.random().toString(36).slice(2)}.jwt`);
  writeFileSync(file, jwt);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/verify.js', ...options, file],
      { env: { PATH: process.env['PATH'], ...environment } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/**
 * A look-alike issuer on a second loopback server: its own did:web, keys and status list, and a
 * credential that calls its issuer "Trustmark" and is otherwise flawless.
 */
async function lookAlikeIssuer(): Promise<{ url: string; credential: string; close: () => Promise<void> }> {
  const keyring = await loadOrCreateKeyring(mkdtempSync(join(tmpdir(), 'trustmark-look-alike-')));
  const documents = new Map<string, string>();
  const lookAlike: Server = createServer((request, response) => {
    const body = documents.get(request.url ?? '');
    response.writeHead(body ? 200 : 404).end(body ?? '');
  });
  await new Promise<void>((resolve) => lookAlike.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(lookAlike.address() as AddressInfo).port}`;
  const issuer = { did: didWebFor(url), name: 'Trustmark', baseUrl: url };
  const sign = (payload: Record<string, unknown>) =>
    signCredential(payload, keyring.active, keyIdFor(issuer.did, keyring.active.thumbprint));
  documents.set('/.well-known/did.json', JSON.stringify(didDocument(issuer.did, keyring.all)));
  const list = statusListCredential(issuer, 0, encodeStatusList(new Map()), new Date());
  documents.set('/credentials/status/0', await sign(withRegisteredClaims(list)));
  const facts = {
    certificationId: 'look-alike',
    productName: 'Badged Bulb',
    companyName: 'Someone Else',
    modelNumbers: [],
    criteriaVersion: 1,
    issuedAt: new Date(Date.now() - 60_000).toISOString(),
    validUntil: '2099-12-31',
    statusSequence: 0,
  };
  const credential = await sign(withRegisteredClaims(certificationCredential(issuer, facts)));
  return { url, credential, close: () => new Promise((resolve) => lookAlike.close(() => resolve())) };
}

/** The Verify page's verdict for a pasted credential. */
async function verdictOnPage(jwt: string): Promise<string | undefined> {
  const response = await visitor().post('/en/verify', { credential: jwt });
  expect(response.status).toBe(200);
  return /data-verdict="([a-z-]+)"/.exec(response.text)?.[1];
}

async function setStatus(action: 'suspend' | 'reinstate' | 'revoke') {
  const response = await admin.post(`/en/admin/certifications/${certificationId}/status`, {
    action,
    reason: `Checked: ${action}.`,
  });
  expect(response.status).toBe(303);
}

describe('certification credentials', () => {
  it('are offered for download on the product page as a VC-JWT', async () => {
    const page = (await visitor().get(`/en/products/${certificationId}`)).text;
    expect(page).toContain(`href="/credentials/${certificationId}"`);
    const response = await visitor().get(`/credentials/${certificationId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vc+jwt');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect(response.text.split('.')).toHaveLength(3);
    const keyFile = join(server.running.services.config.keysDir, 'credential-keys.json');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('verify with plain jose against the published JWKS, and name the did:web issuer', async () => {
    const keys = JSON.parse((await visitor().get('/.well-known/jwks.json')).text) as JSONWebKeySet;
    const did = JSON.parse((await visitor().get('/.well-known/did.json')).text) as {
      id: string;
      assertionMethod: string[];
    };
    expect(did.id).toBe(`did:web:${encodeURIComponent(new URL(server.url).host)}`);
    const { payload, protectedHeader } = await jwtVerify(credential, createLocalJWKSet(keys), {
      issuer: did.id,
      algorithms: ['EdDSA'],
    });
    // The JOSE header Open Badges 3.0 §8.2.3 allows, and nothing else.
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: protectedHeader.kid, typ: 'JWT' });
    expect(did.assertionMethod).toContain(protectedHeader.kid);
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: did.id },
      name: 'Trustmark: Badged Bulb',
      credentialSubject: { id: `${server.url}/p/${certificationId}` },
    });
    expect(Date.parse(payload['validUntil'] as string)).toBeGreaterThan(Date.now());
    expect(payload['validFrom']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(payload.nbf! * 1000).toBe(Date.parse(payload['validFrom'] as string));
  });

  it('meet the Open Badges 3.0 requirements (restated as a JSON Schema) as issued', async () => {
    const schema = JSON.parse(
      readFileSync('test/fixtures/open-badges-3-requirements.schema.json', 'utf8'),
    ) as object;
    const ajv = new Ajv2019({ allErrors: true, strictTuples: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const payload = JSON.parse(Buffer.from(credential.split('.')[1]!, 'base64url').toString()) as object;
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
  });

  it('verify on the Verify page and on the command line, check by check', async () => {
    const form = await visitor().get('/en/verify');
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="credential"');
    const page = await visitor().post('/en/verify', { credential: `\n  ${credential}\n` });
    expect(page.text).toContain('data-verdict="valid"');
    for (const check of ['format', 'signature', 'issuer', 'validity', 'status'])
      expect(page.text).toContain(`data-check="${check}" data-passed="true"`);
    // The German page says what each check found in German.
    const german = await visitor().post('/de/verify', { credential });
    expect(german.text).toContain('Signiert mit dem veröffentlichten Schlüssel des Ausstellers');
    expect(german.text).toContain('Weder ausgesetzt noch widerrufen');
    const cli = await runVerify(credential);
    expect(cli.stdout).toContain('PASS signature');
    expect(cli.stdout).toContain('Verdict: valid');
    expect(cli.code).toBe(0);
  });

  it('verify as an uploaded file, and refuse an empty or oversized form in words', async () => {
    const uploaded = await visitor().upload('/en/verify', 'file', Buffer.from(credential), 'badge.jwt');
    expect(uploaded.status).toBe(200);
    expect(uploaded.text).toContain('data-verdict="valid"');
    const empty = await visitor().post('/en/verify', { credential: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Paste a credential or choose its file.');
    const huge = await visitor().upload('/en/verify', 'file', Buffer.alloc(100 * 1024, 65), 'huge.jwt');
    expect(huge.status).toBe(413);
    const binary = await visitor().upload(
      '/en/verify',
      'file',
      Buffer.from([0xff, 0xfe, 0x00, 0xc3]),
      'x.png',
    );
    expect(binary.status).toBe(400);
    expect(binary.text).toContain('The file is not text');
  });

  it('fail a forged credential, on the page and on the command line', async () => {
    const [header, payload, signature] = credential.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const later = { ...claims, validUntil: '2099-12-31T23:59:59Z' };
    const forged = `${header}.${Buffer.from(JSON.stringify(later)).toString('base64url')}.${signature}`;
    expect(await verdictOnPage(forged)).toBe('invalid');
    const cli = await runVerify(forged);
    expect(cli.stdout).toContain('FAIL signature');
    expect(cli.code).toBe(1);
    expect(await verdictOnPage('not a credential')).toBe('invalid');
  });

  it('show nothing the credential claims as passed when its signature fails', async () => {
    const [header, payload, signature] = credential.split('.');
    const flipped = `${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    const page = await visitor().post('/en/verify', { credential: `${header}.${payload}.${flipped}` });
    expect(page.text).toContain('data-verdict="invalid"');
    expect(page.text).toContain('data-check="signature" data-passed="false" data-checked="true"');
    for (const check of ['issuer', 'validity', 'status'])
      expect(page.text).toContain(`data-check="${check}" data-passed="false" data-checked="false"`);
    expect(page.text).toContain('Issuer: not checked');
    expect(page.text).not.toMatch(/data-check="(issuer|validity|status)" data-passed="true"/);
    expect(page.text).not.toContain('What the credential says');
  });

  it('refuse a look-alike did:web issuer: not issued by this program, on the command line and the page', async () => {
    const lookAlike = await lookAlikeIssuer();
    try {
      // Named for what it is, the look-alike's credential is flawless: only the trust decision refuses it.
      const itself = await runVerify(lookAlike.credential, ['--issuer', lookAlike.url], {});
      expect(itself.stdout).toContain('Verdict: valid');
      for (const run of [
        await runVerify(lookAlike.credential),
        await runVerify(lookAlike.credential, ['--issuer', server.url], {}),
        await runVerify(lookAlike.credential, [`--issuer=${didWebFor(server.url)}`], {
          BASE_URL: lookAlike.url,
        }),
      ]) {
        expect(run.stdout).toContain('not issued by this program');
        expect(run.stdout).toContain('FAIL issuer');
        expect(run.stdout).not.toMatch(/PASS (signature|issuer|validity|status)/);
        expect(run.stdout).toContain('Verdict: invalid');
        expect(run.code).toBe(1);
      }
      const page = await visitor().post('/en/verify', { credential: lookAlike.credential });
      expect(page.text).toContain('data-verdict="invalid"');
      expect(page.text).toContain('not issued by this program');
      const german = await visitor().post('/de/verify', { credential: lookAlike.credential });
      expect(german.text).toContain('nicht von diesem Programm ausgestellt');
    } finally {
      await lookAlike.close();
    }
  });

  it('ask on the command line which program to trust, and refuse an unusable answer in words', async () => {
    const unnamed = await runVerify(credential, [], {});
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('Give --issuer or set BASE_URL');
    const bad = await runVerify(credential, ['--issuer', 'ftp://trustmark.example'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--issuer: ftp://trustmark.example is neither a did:web identifier');
    const named = await runVerify(credential, ['--issuer', server.url], {});
    expect(named.stdout).toContain(`Trusted issuer: ${didWebFor(server.url)}`);
    expect(named.stdout).toContain('Verdict: valid');
    expect(named.code).toBe(0);
  });

  it('report suspension, reinstatement and revocation through the signed status list', async () => {
    await setStatus('suspend');
    expect(await verdictOnPage(credential)).toBe('suspended');
    expect((await runVerify(credential)).stdout).toContain('Verdict: suspended');
    await setStatus('reinstate');
    expect(await verdictOnPage(credential)).toBe('valid');
    await setStatus('revoke');
    expect(await verdictOnPage(credential)).toBe('revoked');
    const cli = await runVerify(credential);
    expect(cli.stdout).toContain('The issuer’s status list says: revoked');
    expect(cli.stdout).toContain('Verdict: revoked');
    expect(cli.code).toBe(1);
    const list = await visitor().get('/credentials/status/0');
    expect(list.headers.get('content-type')).toBe('application/vc+jwt');
  });

  it('never verify as valid once the company closes and its marks end, not even a suspended one', async () => {
    const { owner: closingOwner } = await companyWithOwner(server, 'closing-badged');
    const certify = async (name: string) => {
      const { applicationId } = await submittedProduct(server, closingOwner, 'closing-badged', { name });
      await decideAs(server, reviewers, applicationId, 'certify');
      return (await server.running.services.registry.forApplication(applicationId))!.id;
    };
    const [suspended, active] = [await certify('Closing Cam'), await certify('Closing Plug')];
    await server.running.jobs.drain();
    const credentials = await Promise.all(
      [suspended, active].map(async (id) => (await visitor().get(`/credentials/${id}`)).text),
    );
    const suspension = await admin.post(`/en/admin/certifications/${suspended}/status`, {
      action: 'suspend',
      reason: 'Under investigation.',
    });
    expect(suspension.status).toBe(303);
    expect(await verdictOnPage(credentials[0]!)).toBe('suspended');
    expect(await verdictOnPage(credentials[1]!)).toBe('valid');
    const closed = await closingOwner.post('/en/companies/closing-badged/close', {
      confirmSlug: 'closing-badged',
    });
    expect(closed.text).toContain('The company has been closed');
    await server.running.jobs.drain();
    for (const jwt of credentials) expect(await verdictOnPage(jwt)).toBe('revoked');
  });

  it('answer unknown credentials and lists with 404 JSON', async () => {
    for (const path of [
      '/credentials/no-such-id',
      '/credentials/status/7',
      '/credentials/status/-1',
      '/credentials/status/688214310',
    ]) {
      const response = await visitor().get(path);
      expect(response.status).toBe(404);
      expect(JSON.parse(response.text)).toMatchObject({ error: 'Not found' });
    }
  });

  it('keep verifying after a key rotation, while new credentials use the new key', async () => {
    const rotated = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['dist/rotate-credential-key.js'],
        // The operator's environment: only where the keys are (vitest's own BASE_URL stays out).
        { env: { PATH: process.env['PATH'], KEYS_DIR: server.running.services.config.keysDir } },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    expect(rotated).toMatch(/Added signing key/);
    await server.restart();
    const keys = JSON.parse((await visitor().get('/.well-known/jwks.json')).text) as JSONWebKeySet;
    expect(keys.keys).toHaveLength(2);
    const renewedId = await certify('Second Bulb');
    const second = (await visitor().get(`/credentials/${renewedId}`)).text;
    expect(decodeProtectedHeader(second).kid).not.toBe(decodeProtectedHeader(credential).kid);
    expect(decodeProtectedHeader(second).kid).toBe(keys.keys[1]!.kid);
    const cli = await runVerify(second);
    expect(cli.stdout).toContain('Verdict: valid');
    // The first credential, signed with the old key, still verifies (and is still revoked).
    expect((await runVerify(credential)).stdout).toContain('PASS signature');
  });
});
