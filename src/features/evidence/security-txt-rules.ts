/**
 * A pure reading of a security.txt file (RFC 9116): the fields a vulnerability reporter needs — at least one
 * Contact, exactly one Expires that is a date-time still in the future.
 */

export type SecurityTxtProblem = 'no-contact' | 'no-expires' | 'several-expires' | 'bad-expires' | 'expired';

export interface SecurityTxtReading {
  valid: boolean;
  contacts: string[];
  /** As an ISO date-time, when the single Expires field could be read. */
  expires: string | null;
  policy: string | null;
  problems: SecurityTxtProblem[];
}

/** RFC 3339 date-time as RFC 9116 requires: date, "T", time, a zone ("Z" or an offset). */
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The signed text of a cleartext OpenPGP message, else the text itself (RFC 9116 section 2.3). */
function unsigned(text: string): string {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '-----BEGIN PGP SIGNED MESSAGE-----') return text;
  const start = lines.findIndex((line) => line.trim() === '');
  const end = lines.findIndex((line) => line.trim() === '-----BEGIN PGP SIGNATURE-----');
  return lines
    .slice(start + 1, end === -1 ? undefined : end)
    .map((line) => line.replace(/^- /, ''))
    .join('\n');
}

export function parseSecurityTxt(text: string, now: Date): SecurityTxtReading {
  const contacts: string[] = [];
  const expiresValues: string[] = [];
  let policy: string | null = null;
  for (const raw of unsigned(text).split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    // Field names are case-insensitive (RFC 9116 section 2.4).
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'contact' && value) contacts.push(value);
    if (name === 'expires') expiresValues.push(value);
    if (name === 'policy' && value && policy === null) policy = value;
  }
  const problems: SecurityTxtProblem[] = [];
  if (contacts.length === 0) problems.push('no-contact');
  let expires: string | null = null;
  if (expiresValues.length === 0) problems.push('no-expires');
  else if (expiresValues.length > 1) problems.push('several-expires');
  else {
    const value = expiresValues[0] ?? '';
    const time = rfc3339.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(time)) problems.push('bad-expires');
    else {
      expires = new Date(time).toISOString();
      if (time <= now.getTime()) problems.push('expired');
    }
  }
  return { valid: problems.length === 0, contacts, expires, policy, problems };
}

/** Where a product's web domain keeps its security.txt; undefined for an address that is not a web site. */
export function securityTxtUrlOf(webPageUrl: string): string | undefined {
  try {
    const url = new URL(webPageUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    // The product page's own origin: RFC 9116 asks for HTTPS, which product pages are (the form asks for
    // https); a plain http origin is checked as given, which is what lets tests use local servers.
    return `${url.protocol}//${url.host}/.well-known/security.txt`;
  } catch {
    return undefined;
  }
}
