import {
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { signingAlgorithm } from './did';
import { messagesFor } from '../i18n';
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

/** What each check found, with the values its sentence needs; the wording is in the message catalogues. */
export interface FindingValues {
  unreadable: { reason: string };
  'not-a-badge': Record<string, never>;
  'a-badge': Record<string, never>;
  signed: { keyId: string };
  'bad-signature': { reason: string };
  'issued-by': { name: string; issuerId: string };
  'issuer-mismatch': { issuerId: string; keyId: string };
  'not-yet-valid': { validFrom: string };
  expired: { validUntil: string };
  'in-force': { validFrom: string; validUntil: string };
  'no-status-entry': Record<string, never>;
  'status-list-unavailable': { listUrl: string; reason: string };
  'status-list-foreign': Record<string, never>;
  'status-list-unreadable': { reason: string };
  'status-clear': { listUrl: string; index: string };
  'status-set': { state: string; listUrl: string; index: string };
  'status-not-checked': Record<string, never>;
}
export type FindingCode = keyof FindingValues;
export type Finding = { [K in FindingCode]: { code: K; values: FindingValues[K] } }[FindingCode];
export type FindingWords = { [K in FindingCode]: (values: FindingValues[K]) => string };

export interface Check {
  name: CheckName;
  passed: boolean;
  finding: Finding;
  /** The finding in English (the command line's words; pages say it in their own language). */
  detail: string;
}

/** A finding in the words of one message catalogue. */
export function describeFinding(words: FindingWords, finding: Finding): string {
  return (words[finding.code] as (values: FindingValues[FindingCode]) => string)(finding.values);
}

function check<K extends FindingCode>(
  name: CheckName,
  passed: boolean,
  code: K,
  values: FindingValues[K],
): Check {
  const finding = { code, values } as Finding;
  return { name, passed, finding, detail: describeFinding(messagesFor('en').verify.findings, finding) };
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
    return { check: check('status', false, 'no-status-entry', {}) };
  let list: Claims;
  try {
    list = await verifySignature(await sources.statusList(listUrl), keys);
  } catch (error) {
    return { check: check('status', false, 'status-list-unavailable', { listUrl, reason: message(error) }) };
  }
  if (issuerIdOf(list) !== issuerId) return { check: check('status', false, 'status-list-foreign', {}) };
  const subject = record(list['credentialSubject']);
  const size = Number(entry['statusSize'] ?? 1);
  let state: string;
  try {
    if (size === 2) state = readStatus(text(subject['encodedList']), index);
    else throw new Error(`a status size of ${size} is not one this verifier reads`);
  } catch (error) {
    return { check: check('status', false, 'status-list-unreadable', { reason: message(error) }) };
  }
  const at = { listUrl, index: String(index) };
  return {
    state,
    check:
      state === 'valid'
        ? check('status', true, 'status-clear', at)
        : check('status', false, 'status-set', { ...at, state }),
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
      checks: [check('format', false, 'unreadable', { reason: message(error) })],
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
  checks.push(isBadge ? check('format', true, 'a-badge', {}) : check('format', false, 'not-a-badge', {}));

  let keys: JSONWebKeySet | undefined;
  try {
    if (!issuerId) throw new Error('the credential names no issuer');
    keys = await sources.issuerKeys(issuerId);
    // The payload read above is the one the signature covers: compactVerify checks exactly those bytes.
    await verifySignature(jwt, keys);
    checks.push(check('signature', true, 'signed', { keyId }));
  } catch (error) {
    keys = undefined;
    checks.push(check('signature', false, 'bad-signature', { reason: message(error) }));
  }

  const issuerAgrees =
    issuerId !== '' &&
    keyId.startsWith(`${issuerId}#`) &&
    (payload.iss === undefined || payload.iss === issuerId);
  checks.push(
    issuerAgrees
      ? check('issuer', true, 'issued-by', { name: claims.issuerName || issuerId, issuerId })
      : check('issuer', false, 'issuer-mismatch', { issuerId, keyId }),
  );

  const from = Date.parse(claims.validFrom);
  const until = Date.parse(claims.validUntil);
  const notYet = Number.isNaN(from) || from > now.getTime();
  const expired = !Number.isNaN(until) && until < now.getTime();
  checks.push(
    notYet
      ? check('validity', false, 'not-yet-valid', { validFrom: claims.validFrom })
      : expired
        ? check('validity', false, 'expired', { validUntil: claims.validUntil })
        : check('validity', true, 'in-force', { validFrom: claims.validFrom, validUntil: claims.validUntil }),
  );

  let state: string | undefined;
  if (keys) {
    const status = await checkStatus(payload, issuerId, keys, sources);
    checks.push(status.check);
    state = status.state;
  } else {
    checks.push(check('status', false, 'status-not-checked', {}));
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
