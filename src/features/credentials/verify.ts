import {
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { signingAlgorithm } from './did';
import { messagesFor } from '../../platform/i18n';
import { readStatus } from './status-list';

/**
 * Checks a credential the way a stranger would, with nothing but what the issuer publishes: the
 * signature against the issuer's keys, who issued it, its validity dates, and its entry in the signed
 * status list. Where keys and status lists come from is given (HTTP for the command line, the
 * running instance for its Verify page), and so is the one issuer trusted: a credential anyone else
 * issued is "not issued by this program", however much it looks like one of ours. Both say the same
 * thing about the same credential.
 */
export interface VerificationSources {
  /** The did:web of the program whose credentials are checked; no other issuer is trusted. */
  trustedIssuer: string;
  /** That issuer's public keys; throws with a readable reason when they cannot be had. */
  issuerKeys(): Promise<JSONWebKeySet>;
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
  'claims-disagree': { reason: string };
  signed: { keyId: string };
  'bad-signature': { reason: string };
  'signature-not-checked': Record<string, never>;
  'issued-by': { name: string; issuerId: string };
  'issuer-mismatch': { issuerId: string; keyId: string };
  'not-this-program': { issuerId: string; trustedIssuer: string };
  'not-yet-valid': { validFrom: string };
  expired: { validUntil: string };
  'in-force': { validFrom: string; validUntil: string };
  'no-status-entry': Record<string, never>;
  'status-list-unavailable': { listUrl: string; reason: string };
  'status-list-foreign': Record<string, never>;
  'status-list-unreadable': { reason: string };
  'status-clear': { listUrl: string; index: string };
  'status-set': { state: string; listUrl: string; index: string };
  'not-checked': Record<string, never>;
}
export type FindingCode = keyof FindingValues;
export type Finding = { [K in FindingCode]: { code: K; values: FindingValues[K] } }[FindingCode];
export type FindingWords = { [K in FindingCode]: (values: FindingValues[K]) => string };

export interface Check {
  name: CheckName;
  passed: boolean;
  /** False when the check was not made (passed is then false too): a claim no valid signature backs. */
  checked: boolean;
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
  const detail = describeFinding(messagesFor('en').verify.findings, finding);
  return { name, passed, checked: true, finding, detail };
}

/** What the credential says, unbacked by a valid signature of the trusted issuer: shown, never passed. */
const notChecked = (name: CheckName): Check => ({ ...check(name, false, 'not-checked', {}), checked: false });

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

/**
 * Open Badges 3.0 §8.2.4.1: iss, jti and nbf (and sub and exp where the credential has them) must
 * mirror the credential. nbf is compared with validFrom to the second: credentials signed before
 * validFrom was stated in whole seconds carry its milliseconds, and their nbf is its whole second.
 */
function registeredClaimsDisagreement(payload: Claims, issuerId: string): string | undefined {
  const seconds = (date: unknown) => Math.floor(Date.parse(text(date)) / 1000);
  const subject = text(record(payload['credentialSubject'])['id']);
  const mirrors: [string, unknown, unknown][] = [
    ['iss', payload.iss, issuerId],
    ['jti', payload.jti, text(payload['id'])],
    ['nbf', payload.nbf, seconds(payload['validFrom'])],
    ...(subject ? [['sub', payload.sub, subject] as [string, unknown, unknown]] : []),
    ...(payload['validUntil'] !== undefined
      ? [['exp', payload.exp, seconds(payload['validUntil'])] as [string, unknown, unknown]]
      : []),
  ];
  const wrong = mirrors.find(([, claim, expected]) => claim !== expected);
  return wrong ? `${wrong[0]} is ${String(wrong[1])}, not ${String(wrong[2])}` : undefined;
}

function formatCheck(payload: Claims, issuerId: string): Check {
  const types = Array.isArray(payload['type']) ? payload['type'] : [];
  if (!types.includes('VerifiableCredential') || !types.includes('OpenBadgeCredential'))
    return check('format', false, 'not-a-badge', {});
  const disagreement = registeredClaimsDisagreement(payload, issuerId);
  return disagreement
    ? check('format', false, 'claims-disagree', { reason: disagreement })
    : check('format', true, 'a-badge', {});
}

/** The trust decision: only the trusted issuer's keys are fetched, and only a signature by one counts. */
async function signatureCheck(
  jwt: string,
  issuerId: string,
  keyId: string,
  sources: VerificationSources,
): Promise<{ check: Check; keys?: JSONWebKeySet }> {
  if (issuerId !== sources.trustedIssuer)
    return { check: { ...check('signature', false, 'signature-not-checked', {}), checked: false } };
  try {
    const keys = await sources.issuerKeys();
    // The payload read before is the one the signature covers: compactVerify checks exactly those bytes.
    await verifySignature(jwt, keys);
    return { check: check('signature', true, 'signed', { keyId }), keys };
  } catch (error) {
    return { check: check('signature', false, 'bad-signature', { reason: message(error) }) };
  }
}

function issuerCheck(payload: Claims, issuerId: string, keyId: string, trustedIssuer: string): Check {
  if (issuerId !== trustedIssuer)
    return check('issuer', false, 'not-this-program', { issuerId, trustedIssuer });
  const agrees = keyId.startsWith(`${issuerId}#`) && payload.iss === issuerId;
  const name = text(record(payload['issuer'])['name']) || issuerId;
  return agrees
    ? check('issuer', true, 'issued-by', { name, issuerId })
    : check('issuer', false, 'issuer-mismatch', { issuerId, keyId });
}

function validityCheck(validFrom: string, validUntil: string, now: Date): Check {
  const from = Date.parse(validFrom);
  const until = Date.parse(validUntil);
  if (Number.isNaN(from) || from > now.getTime())
    return check('validity', false, 'not-yet-valid', { validFrom });
  if (!Number.isNaN(until) && until < now.getTime())
    return check('validity', false, 'expired', { validUntil });
  return check('validity', true, 'in-force', { validFrom, validUntil });
}

function verdictOf(checks: readonly Check[], state: string | undefined): Verdict {
  const failed = (name: CheckName) => checks.some((check) => check.name === name && !check.passed);
  const validity = checks.find((check) => check.name === 'validity')?.finding.code;
  if (failed('format') || failed('signature') || failed('issuer')) return 'invalid';
  if (state === 'revoked' || state === 'suspended') return state;
  if (validity === 'not-yet-valid' || validity === 'expired') return validity;
  return failed('status') ? 'status-unknown' : 'valid';
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
  const issuerId = issuerIdOf(payload);
  const claims = {
    name: text(payload['name']),
    issuerName: text(record(payload['issuer'])['name']),
    issuerId,
    subject: text(record(payload['credentialSubject'])['id']),
    validFrom: text(payload['validFrom']),
    validUntil: text(payload['validUntil']),
  };
  const signature = await signatureCheck(jwt, issuerId, keyId, sources);
  const checks = [formatCheck(payload, issuerId), signature.check];
  if (issuerId !== sources.trustedIssuer) {
    checks.push(issuerCheck(payload, issuerId, keyId, sources.trustedIssuer));
    checks.push(notChecked('validity'), notChecked('status'));
    return { verdict: 'invalid', checks, claims };
  }
  if (!signature.keys) {
    // Nothing a credential says counts unless its issuer's signature backs it.
    checks.push(notChecked('issuer'), notChecked('validity'), notChecked('status'));
    return { verdict: 'invalid', checks, claims };
  }
  checks.push(issuerCheck(payload, issuerId, keyId, sources.trustedIssuer));
  checks.push(validityCheck(claims.validFrom, claims.validUntil, now));
  const status = await checkStatus(payload, issuerId, signature.keys, sources);
  checks.push(status.check);
  return { verdict: verdictOf(checks, status.state), checks, claims };
}
