import type { FindingWords } from './verify';

/** Words of the credential verifier (the page and the command line). */
export const verifyEn = {
  title: 'Verify a credential',
  lead: 'Every certified product carries a signed digital credential (Open Badges 3.0, W3C Verifiable Credential). Paste it or choose the file to check its signature, issuer, validity dates and current status.',
  credential: 'The credential (VC-JWT)',
  credentialHint: 'The text of the downloaded .jwt file: three parts separated by dots.',
  file: 'Or choose the credential file',
  submit: 'Verify',
  errorTitle: 'The credential could not be checked',
  empty: 'Paste a credential or choose its file.',
  tooLarge: 'That is far larger than any credential (at most 64 KB).',
  notText: 'The file is not text; a credential file holds a line of text.',
  resultTitle: 'Result',
  verdicts: {
    valid: 'Valid: signed by this program, in force and not suspended or revoked.',
    invalid: 'Not valid: this credential cannot be trusted.',
    expired: 'Expired: the credential was genuine but its validity has ended.',
    'not-yet-valid': 'Not valid yet.',
    suspended: 'Suspended: the program has suspended this certification.',
    revoked: 'Revoked: the program has revoked this certification.',
    'status-unknown': 'Genuine, but its current status could not be checked.',
  } as Record<string, string>,
  checks: {
    format: 'Format',
    signature: 'Signature',
    issuer: 'Issuer',
    validity: 'Validity dates',
    status: 'Status',
  } as Record<string, string>,
  passed: 'passed',
  failed: 'failed',
  notChecked: 'not checked',
  says: 'What the credential says',
  name: 'Name',
  subject: 'Registry entry',
  validFrom: 'Valid from',
  validUntil: 'Valid until',
  commandLine:
    'The same check from the command line, with only the published keys: npm run verify -- --issuer ADDRESS FILE, with this site’s address, from the Trustmark source code.',
  keys: 'The issuer’s public keys: DID document and JSON Web Key Set.',
  findings: {
    unreadable: ({ reason }) => `This is not a readable VC-JWT credential: ${reason}.`,
    'not-a-badge': () =>
      'The token is not an Open Badges credential (its type lacks VerifiableCredential and OpenBadgeCredential).',
    'a-badge': () => 'An Open Badges 3.0 credential, signed as a VC-JWT.',
    'claims-disagree': ({ reason }) => `The JWT claims do not match the credential: ${reason}.`,
    signed: ({ keyId }) => `Signed with the issuer’s published key ${keyId}.`,
    'bad-signature': ({ reason }) => `The signature does not check out: ${reason}.`,
    'signature-not-checked': () =>
      'Not checked: the keys of an issuer other than this program are not fetched.',
    'issued-by': ({ name, issuerId }) => `Issued by ${name} (${issuerId}).`,
    'issuer-mismatch': ({ issuerId, keyId }) =>
      `The issuer ${issuerId || '(none)'} does not match the signing key ${keyId || '(none)'}.`,
    'not-this-program': ({ issuerId, trustedIssuer }) =>
      `The credential was not issued by this program: its issuer is ${issuerId || '(none)'}, this program is ${trustedIssuer}.`,
    'not-yet-valid': ({ validFrom }) => `Not valid yet (valid from ${validFrom || 'an unreadable date'}).`,
    expired: ({ validUntil }) => `Expired on ${validUntil}.`,
    'in-force': ({ validFrom, validUntil }) =>
      `Valid from ${validFrom}${validUntil ? ` until ${validUntil}` : ''}.`,
    'no-status-entry': () => 'The credential names no Bitstring Status List entry.',
    'status-list-unavailable': ({ listUrl, reason }) =>
      `The status list ${listUrl} could not be checked: ${reason}.`,
    'status-list-foreign': () => 'The status list was not issued by the credential’s issuer.',
    'status-list-unreadable': ({ reason }) => `The status list could not be read: ${reason}.`,
    'status-clear': ({ listUrl, index }) =>
      `Not suspended or revoked (status list ${listUrl}, entry ${index}).`,
    'status-set': ({ state, listUrl, index }) =>
      `The issuer’s status list says: ${state} (status list ${listUrl}, entry ${index}).`,
    'not-checked': () =>
      'Not checked: without a valid signature of this program, what the credential says proves nothing.',
  } satisfies FindingWords,
};

export type VerifyMessages = typeof verifyEn;
