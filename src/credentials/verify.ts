import {
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { signingAlgorithm } from './did';
import { readStatus } from './status-list';

/**
 * Checks a credential the way a stranger would, with nothing but what the issuer publishes: the
 * signature against the issuer's keys, who issued it, its validity dates, and its entry in the signed
 * status list. Where keys and status lists come from is given (HTTP for the command line, the
 * running instance for its Verify page), so both say the same thing about the same credential.
 */
export interface VerificationSources {
  /** The issuer's public keys; throws with a readable reason when they cannot be had. */
  issuerKeys(issuerId: string): Promise<JSONWebKeySet>;
  /** The status list credential (a VC-JWT) at this address. */
  statusList(url: string): Promise<string>;
}

export const checkNames = ['format', 'signature', 'issuer', 'validity', 'status'] as const;
export type CheckName = (typeof checkNames)[number];

export interface Check {
  name: CheckName;
  passed: boolean;
  detail: string;
}

export type Verdict =
  'valid' | 'invalid' | 'expired' | 'not-yet-valid' | 'suspended' | 'revoked' | 'status-unknown';

export interface Verification {
  verdict: Verdict;
  checks: Check[];
  /** What the credential says, once it could be read. */
  claims?: {
    name: string;
    issuerName: string;
    issuerId: string;
    subject: string;
    validFrom: string;
    validUntil: string;
  };
}

type Claims = JWTPayload & Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function issuerIdOf(payload: Claims): string {
  return typeof payload['issuer'] === 'string' ? payload['issuer'] : text(record(payload['issuer'])['id']);
}

/** A pasted or uploaded credential: the compact JWT itself, possibly with whitespace around it. */
export function extractJwt(input: string): string {
  return input.trim().replace(/\s+/g, '');
}

async function verifySignature(jwt: string, keys: JSONWebKeySet): Promise<Claims> {
  const { payload } = await compactVerify(jwt, createLocalJWKSet(keys), { algorithms: [signingAlgorithm] });
  return JSON.parse(new TextDecoder().decode(payload)) as Claims;
}

async function checkStatus(
  payload: Claims,
  issuerId: string,
  keys: JSONWebKeySet,
  sources: VerificationSources,
): Promise<{ check: Check; state?: string }> {
  const entry = record(payload['credentialStatus']);
  const listUrl = text(entry['statusListCredential']);
  const index = Number(text(entry['statusListIndex']));
  if (text(entry['type']) !== 'BitstringStatusListEntry' || !listUrl || !Number.isInteger(index) || index < 0)
    return {
      check: {
        name: 'status',
        passed: false,
        detail: 'The credential names no Bitstring Status List entry.',
      },
    };
  let list: Claims;
  try {
    list = await verifySignature(await sources.statusList(listUrl), keys);
  } catch (error) {
    return {
      check: {
        name: 'status',
        passed: false,
        detail: `The status list ${listUrl} could not be checked: ${message(error)}.`,
      },
    };
  }
  if (issuerIdOf(list) !== issuerId)
    return {
      check: {
        name: 'status',
        passed: false,
        detail: 'The status list was not issued by the credential’s issuer.',
      },
    };
  const subject = record(list['credentialSubject']);
  const size = Number(entry['statusSize'] ?? 1);
  let state: string;
  try {
    if (size === 2) state = readStatus(text(subject['encodedList']), index);
    else throw new Error(`a status size of ${size} is not one this verifier reads`);
  } catch (error) {
    return {
      check: {
        name: 'status',
        passed: false,
        detail: `The status list could not be read: ${message(error)}.`,
      },
    };
  }
  const passed = state === 'valid';
  return {
    state,
    check: {
      name: 'status',
      passed,
      detail: passed
        ? `Not suspended or revoked (status list ${listUrl}, entry ${index}).`
        : `The issuer’s status list says: ${state} (status list ${listUrl}, entry ${index}).`,
    },
  };
}

export async function verifyCredential(
  input: string,
  sources: VerificationSources,
  now: Date,
): Promise<Verification> {
  const jwt = extractJwt(input);
  let payload: Claims;
  let keyId: string;
  try {
    const header = decodeProtectedHeader(jwt);
    payload = decodeJwt(jwt) as Claims;
    keyId = text(header.kid);
    if (header.alg !== signingAlgorithm)
      throw new Error(`it is signed with ${String(header.alg)}, not ${signingAlgorithm}`);
  } catch (error) {
    return {
      verdict: 'invalid',
      checks: [
        {
          name: 'format',
          passed: false,
          detail: `This is not a readable VC-JWT credential: ${message(error)}.`,
        },
      ],
    };
  }
  const types = Array.isArray(payload['type']) ? payload['type'] : [];
  const issuerId = issuerIdOf(payload);
  const claims = {
    name: text(payload['name']),
    issuerName: text(record(payload['issuer'])['name']),
    issuerId,
    subject: text(record(payload['credentialSubject'])['id']),
    validFrom: text(payload['validFrom']),
    validUntil: text(payload['validUntil']),
  };
  const checks: Check[] = [];
  const isBadge = types.includes('VerifiableCredential') && types.includes('OpenBadgeCredential');
  checks.push({
    name: 'format',
    passed: isBadge,
    detail: isBadge
      ? 'An Open Badges 3.0 credential, signed as a VC-JWT.'
      : 'The token is not an Open Badges credential (its type lacks VerifiableCredential and OpenBadgeCredential).',
  });

  let keys: JSONWebKeySet | undefined;
  try {
    if (!issuerId) throw new Error('the credential names no issuer');
    keys = await sources.issuerKeys(issuerId);
    // The payload read above is the one the signature covers: compactVerify checks exactly those bytes.
    await verifySignature(jwt, keys);
    checks.push({
      name: 'signature',
      passed: true,
      detail: `Signed with the issuer’s published key ${keyId}.`,
    });
  } catch (error) {
    keys = undefined;
    checks.push({
      name: 'signature',
      passed: false,
      detail: `The signature does not check out: ${message(error)}.`,
    });
  }

  const issuerAgrees =
    issuerId !== '' &&
    keyId.startsWith(`${issuerId}#`) &&
    (payload.iss === undefined || payload.iss === issuerId);
  checks.push({
    name: 'issuer',
    passed: issuerAgrees,
    detail: issuerAgrees
      ? `Issued by ${claims.issuerName || issuerId} (${issuerId}).`
      : `The issuer ${issuerId || '(none)'} does not match the signing key ${keyId || '(none)'}.`,
  });

  const from = Date.parse(claims.validFrom);
  const until = Date.parse(claims.validUntil);
  const notYet = Number.isNaN(from) || from > now.getTime();
  const expired = !Number.isNaN(until) && until < now.getTime();
  checks.push({
    name: 'validity',
    passed: !notYet && !expired,
    detail: notYet
      ? `Not valid yet (valid from ${claims.validFrom || 'an unreadable date'}).`
      : expired
        ? `Expired on ${claims.validUntil}.`
        : `Valid from ${claims.validFrom}${claims.validUntil ? ` until ${claims.validUntil}` : ''}.`,
  });

  let state: string | undefined;
  if (keys) {
    const status = await checkStatus(payload, issuerId, keys, sources);
    checks.push(status.check);
    state = status.state;
  } else {
    checks.push({
      name: 'status',
      passed: false,
      detail: 'Not checked: without a valid signature the status means nothing.',
    });
  }

  const failed = (name: CheckName) => checks.some((check) => check.name === name && !check.passed);
  const verdict: Verdict =
    failed('format') || failed('signature') || failed('issuer')
      ? 'invalid'
      : state === 'revoked'
        ? 'revoked'
        : state === 'suspended'
          ? 'suspended'
          : notYet
            ? 'not-yet-valid'
            : expired
              ? 'expired'
              : failed('status')
                ? 'status-unknown'
                : 'valid';
  return { verdict, checks, claims };
}
