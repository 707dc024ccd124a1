import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { didDocument, didDocumentUrl, didWebFor, jwks, keyIdFor } from '../../src/features/credentials/did';
import {
  keyringFileName,
  loadOrCreateKeyring,
  rotateKeyring,
  type Keyring,
} from '../../src/features/credentials/keyring';
import { signCredential, withRegisteredClaims } from '../../src/features/credentials/jwt';
import {
  certificationCredential,
  statusListCredential,
  type Issuer,
} from '../../src/features/credentials/open-badge';
import { encodeStatusList, type CredentialState } from '../../src/features/credentials/status-list';
import { verifyCredential, type VerificationSources } from '../../src/features/credentials/verify';

const issuer: Issuer = {
  did: 'did:web:trustmark.test',
  name: 'Trustmark',
  baseUrl: 'https://trustmark.test',
};
const facts = {
  certificationId: 'c-1',
  productName: 'Quiet Thermostat',
  companyName: 'Calm Devices',
  modelNumbers: ['QT-1'],
  criteriaVersion: 1,
  issuedAt: '2026-01-10T09:00:00.000Z',
  validUntil: '2028-01-10',
  statusSequence: 7,
};
const during = new Date('2027-01-01T00:00:00Z');

let keyring: Keyring;
beforeAll(async () => {
  keyring = await loadOrCreateKeyring(mkdtempSync(join(tmpdir(), 'trustmark-keys-')));
});

const sign = (payload: Record<string, unknown>, key = keyring.active, did = issuer.did) =>
  signCredential(payload, key, keyIdFor(did, key.thumbprint));

/** The issuer's keys and one status list, held in memory: what a verifier would fetch. */
function sources(state: CredentialState = 'valid', published = keyring): VerificationSources {
  return {
    trustedIssuer: issuer.did,
    issuerKeys: async () => jwks(issuer.did, published.all),
    statusList: async () =>
      sign(
        withRegisteredClaims(
          statusListCredential(issuer, 0, encodeStatusList(new Map([[7, state]])), new Date('2026-06-01')),
        ),
      ),
  };
}

async function issued(overrides: Partial<typeof facts> = {}) {
  return sign(withRegisteredClaims(certificationCredential(issuer, { ...facts, ...overrides })));
}

describe('credential keys', () => {
  it('are created once with mode 0600 and rotation keeps every earlier key', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'trustmark-keys-'));
    const first = await loadOrCreateKeyring(directory);
    expect(statSync(join(directory, keyringFileName)).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateKeyring(directory)).active.thumbprint).toBe(first.active.thumbprint);
    const added = await rotateKeyring(directory);
    const rotated = await loadOrCreateKeyring(directory);
    expect(rotated.active.thumbprint).toBe(added);
    expect(rotated.all.map((key) => key.thumbprint)).toEqual([first.active.thumbprint, added]);
    expect(statSync(join(directory, keyringFileName)).mode & 0o777).toBe(0o600);
    // The private half never reaches what is published.
    expect(JSON.stringify(didDocument(issuer.did, rotated.all))).not.toContain('"d"');
    expect(readFileSync(join(directory, keyringFileName), 'utf8')).toContain('"d"');
  });
});

describe('did:web', () => {
  it('names the host (a port as %3A) and finds the document where did:web puts it', () => {
    expect(didWebFor('https://trustmark.example')).toBe('did:web:trustmark.example');
    expect(didWebFor('http://127.0.0.1:3000')).toBe('did:web:127.0.0.1%3A3000');
    expect(didDocumentUrl('did:web:trustmark.example')).toBe(
      'https://trustmark.example/.well-known/did.json',
    );
    expect(didDocumentUrl('did:web:example.org:programs:iot')).toBe(
      'https://example.org/programs/iot/did.json',
    );
    expect(didDocumentUrl('did:web:127.0.0.1%3A3000')).toBe('http://127.0.0.1:3000/.well-known/did.json');
    expect(() => didDocumentUrl('did:key:z6Mk')).toThrow(/not a did:web/);
  });
});

describe('the Open Badges credential', () => {
  it('meets the Open Badges 3.0 requirements (restated as a JSON Schema)', () => {
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '../fixtures/open-badges-3-requirements.schema.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv2019({ allErrors: true, strictTuples: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const credential = certificationCredential(issuer, facts);
    expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
    // The schema has teeth: VCDM 1.1 dates or a missing achievement fail it.
    expect(validate({ ...credential, issuanceDate: credential.validFrom })).toBe(false);
    expect(validate({ ...credential, credentialSubject: { type: ['AchievementSubject'] } })).toBe(false);
    // Two status bits hold four values: three status messages are one too few.
    const status = credential.credentialStatus;
    expect(
      validate({
        ...credential,
        credentialStatus: { ...status, statusMessage: status.statusMessage.slice(0, 3) },
      }),
    ).toBe(false);
  });
});

describe('the signed documents', () => {
  const wholeSeconds = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

  it('state validFrom and validUntil in whole seconds, and nbf and exp equal them (OB 3.0 §8.2.4.1)', () => {
    const credential = certificationCredential(issuer, { ...facts, issuedAt: '2026-01-10T09:00:00.987Z' });
    expect(credential.validFrom).toBe('2026-01-10T09:00:00Z');
    expect(credential.validUntil).toMatch(wholeSeconds);
    const claims = withRegisteredClaims(credential);
    expect((claims['nbf'] as number) * 1000).toBe(Date.parse(credential.validFrom));
    expect((claims['exp'] as number) * 1000).toBe(Date.parse(credential.validUntil));
    const list = statusListCredential(
      issuer,
      0,
      encodeStatusList(new Map()),
      new Date('2026-06-01T12:00:00.456Z'),
    );
    expect(list.validFrom).toBe('2026-06-01T12:00:00Z');
    expect((withRegisteredClaims(list)['nbf'] as number) * 1000).toBe(Date.parse(list.validFrom));
  });

  it('are signed with the JOSE header Open Badges 3.0 allows: alg, kid and typ "JWT", nothing else', async () => {
    expect(decodeProtectedHeader(await issued())).toEqual({
      alg: 'EdDSA',
      kid: keyIdFor(issuer.did, keyring.active.thumbprint),
      typ: 'JWT',
    });
  });

  it('list one status message for each of the four values two status bits can hold', () => {
    const entry = certificationCredential(issuer, facts).credentialStatus;
    expect(entry.statusSize).toBe(2);
    expect(entry.statusMessage).toHaveLength(2 ** entry.statusSize);
    expect(entry.statusMessage.map((message) => message.status)).toEqual(['0x0', '0x1', '0x2', '0x3']);
  });
});

describe('verifying a credential', () => {
  it('passes every check for a genuine, current credential', async () => {
    const result = await verifyCredential(await issued(), sources(), during);
    expect(result.checks.map((check) => [check.name, check.passed])).toEqual([
      ['format', true],
      ['signature', true],
      ['issuer', true],
      ['validity', true],
      ['status', true],
    ]);
    expect(result.verdict).toBe('valid');
    expect(result.claims?.name).toBe('Trustmark: Quiet Thermostat');
  });

  it('reports a suspension or revocation from the status list', async () => {
    expect((await verifyCredential(await issued(), sources('suspended'), during)).verdict).toBe('suspended');
    expect((await verifyCredential(await issued(), sources('revoked'), during)).verdict).toBe('revoked');
  });

  it('says expired after the last valid day and not yet valid before the first', async () => {
    const expired = await verifyCredential(await issued(), sources(), new Date('2028-01-11T00:00:00Z'));
    expect(expired.verdict).toBe('expired');
    expect(expired.checks.find((check) => check.name === 'validity')?.detail).toMatch(
      /Expired on 2028-01-10/,
    );
    expect((await verifyCredential(await issued(), sources(), new Date('2025-01-01'))).verdict).toBe(
      'not-yet-valid',
    );
  });

  it('fails a credential whose content was changed after signing', async () => {
    const [header, payload, signature] = (await issued()).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, name: 'Trustmark: Leaky Camera' })).toString(
      'base64url',
    );
    const result = await verifyCredential(`${header}.${forged}.${signature}`, sources(), during);
    expect(result.verdict).toBe('invalid');
    expect(result.checks.find((check) => check.name === 'signature')).toMatchObject({ passed: false });
  });

  it('shows nothing the credential claims as passed when its signature fails', async () => {
    const jwt = await issued();
    const tampered = `${jwt.slice(0, -4)}${jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const result = await verifyCredential(tampered, sources(), during);
    expect(result.verdict).toBe('invalid');
    for (const name of ['issuer', 'validity', 'status']) {
      const found = result.checks.find((check) => check.name === name);
      expect(found).toMatchObject({ passed: false, checked: false });
      expect(found?.detail).toMatch(/^Not checked/);
    }
  });

  it('still verifies a credential signed in the earlier form (typ vc+jwt, cty vc, milliseconds)', async () => {
    const credential = { ...certificationCredential(issuer, facts), validFrom: '2026-01-10T09:00:00.123Z' };
    const jwt = await new SignJWT(withRegisteredClaims(credential))
      .setProtectedHeader({
        alg: 'EdDSA',
        typ: 'vc+jwt',
        cty: 'vc',
        kid: keyIdFor(issuer.did, keyring.active.thumbprint),
      })
      .sign(keyring.active.privateKey);
    expect((await verifyCredential(jwt, sources(), during)).verdict).toBe('valid');
  });

  it('fails a credential whose nbf is not its validFrom', async () => {
    const claims = withRegisteredClaims(certificationCredential(issuer, facts));
    const jwt = await sign({ ...claims, nbf: (claims['nbf'] as number) - 3600 });
    const result = await verifyCredential(jwt, sources(), during);
    expect(result.verdict).toBe('invalid');
    expect(result.checks[0]).toMatchObject({ name: 'format', passed: false });
    expect(result.checks[0]?.detail).toMatch(/nbf/);
  });

  it('fails a credential signed with a key the issuer never published', async () => {
    const stranger = await loadOrCreateKeyring(mkdtempSync(join(tmpdir(), 'trustmark-keys-')));
    const jwt = await sign(withRegisteredClaims(certificationCredential(issuer, facts)), stranger.active);
    const result = await verifyCredential(jwt, sources(), during);
    expect(result.verdict).toBe('invalid');
    expect(result.checks.find((check) => check.name === 'status')?.detail).toMatch(/Not checked/);
  });

  it('still verifies a credential signed with a key that was rotated out', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'trustmark-keys-'));
    const before = await loadOrCreateKeyring(directory);
    const jwt = await sign(withRegisteredClaims(certificationCredential(issuer, facts)), before.active);
    await rotateKeyring(directory);
    const after = await loadOrCreateKeyring(directory);
    expect(after.active.thumbprint).not.toBe(before.active.thumbprint);
    const result = await verifyCredential(
      jwt,
      { ...sources(), issuerKeys: async () => jwks(issuer.did, after.all) },
      during,
    );
    expect(result.checks.find((check) => check.name === 'signature')).toMatchObject({ passed: true });
  });

  it('fails a credential from another issuer, and one whose key does not belong to its issuer', async () => {
    const other = { ...issuer, did: 'did:web:elsewhere.test' };
    const foreign = await sign(
      withRegisteredClaims(certificationCredential(other, facts)),
      keyring.active,
      other.did,
    );
    const refused = await verifyCredential(foreign, sources(), during);
    expect(refused.verdict).toBe('invalid');
    expect(refused.checks.find((check) => check.name === 'issuer')?.detail).toMatch(
      /not issued by this program/,
    );
    // A stranger's keys are never fetched, so no check of what it says can pass.
    expect(refused.checks.filter((check) => check.passed).map((check) => check.name)).toEqual(['format']);
    const mismatched = await sign(
      withRegisteredClaims(certificationCredential(issuer, facts)),
      keyring.active,
      other.did,
    );
    const result = await verifyCredential(mismatched, sources(), during);
    expect(result.checks.find((check) => check.name === 'issuer')).toMatchObject({ passed: false });
    expect(result.verdict).toBe('invalid');
  });

  it('answers garbage and unsigned tokens with a readable failure', async () => {
    for (const input of ['', 'hello', 'a.b.c', '{"type":"VerifiableCredential"}']) {
      const result = await verifyCredential(input, sources(), during);
      expect(result.verdict).toBe('invalid');
      expect(result.checks[0]).toMatchObject({ name: 'format', passed: false });
      expect(result.checks[0]?.detail).toMatch(/^This is not a readable VC-JWT credential: /);
    }
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    expect((await verifyCredential(unsigned, sources(), during)).checks[0]?.detail).toMatch(
      /signed with none/,
    );
  });

  it('calls the status unknown, not valid, when the status list cannot be had', async () => {
    const unreachable = { ...sources(), statusList: () => Promise.reject(new Error('connection refused')) };
    const result = await verifyCredential(await issued(), unreachable, during);
    expect(result.verdict).toBe('status-unknown');
    expect(result.checks.find((check) => check.name === 'status')?.detail).toMatch(/connection refused/);
  });
});
