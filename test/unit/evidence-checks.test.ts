import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { checkSummary } from '../../src/features/evidence/pages/components';
import {
  comparePinned,
  visibleWords,
  firstRecheckAt,
  recheckIntervalMs,
  verdictOf,
  type CheckFacts,
} from '../../src/features/evidence/rules';
import { parseSecurityTxt, securityTxtUrlOf } from '../../src/features/evidence/security-txt-rules';

const now = new Date('2026-12-02T12:00:00Z');

describe('reading a security.txt (RFC 9116)', () => {
  it('accepts a file with a contact and a future expiry', () => {
    const reading = parseSecurityTxt(
      '# Our policy\nContact: mailto:security@acme.example\nContact: https://acme.example/report\n' +
        'Expires: 2027-06-30T23:00:00.000Z\nPolicy: https://acme.example/policy\n',
      now,
    );
    expect(reading).toEqual({
      valid: true,
      contacts: ['mailto:security@acme.example', 'https://acme.example/report'],
      expires: '2027-06-30T23:00:00.000Z',
      policy: 'https://acme.example/policy',
      problems: [],
    });
  });

  it('reads field names in any case, CRLF lines and offsets', () => {
    const reading = parseSecurityTxt(
      'contact: mailto:a@b.example\r\nEXPIRES: 2027-01-01T00:00:00+01:00\r\n',
      now,
    );
    expect(reading.valid).toBe(true);
    expect(reading.expires).toBe('2026-12-31T23:00:00.000Z');
  });

  it('says when it has expired', () => {
    const reading = parseSecurityTxt('Contact: mailto:a@b.example\nExpires: 2026-12-01T00:00:00Z\n', now);
    expect(reading.valid).toBe(false);
    expect(reading.problems).toEqual(['expired']);
  });

  it('names every missing field', () => {
    expect(parseSecurityTxt('', now).problems).toEqual(['no-contact', 'no-expires']);
    expect(parseSecurityTxt('Expires: 2027-06-30T23:00:00Z', now).problems).toEqual(['no-contact']);
    expect(parseSecurityTxt('Contact: mailto:a@b.example', now).problems).toEqual(['no-expires']);
    expect(parseSecurityTxt('Contact:\nExpires: 2027-06-30T23:00:00Z', now).problems).toEqual(['no-contact']);
  });

  it('refuses an expiry that is not an RFC 3339 date-time, or given twice', () => {
    for (const value of ['2027-06-30', 'next year', 'Mon, 30 Jun 2027 23:00:00 GMT', '2027-13-45T99:00:00Z'])
      expect(parseSecurityTxt(`Contact: x\nExpires: ${value}`, now).problems, value).toEqual(['bad-expires']);
    const twice = parseSecurityTxt(
      'Contact: x\nExpires: 2027-06-30T23:00:00Z\nExpires: 2027-07-30T23:00:00Z',
      now,
    );
    expect(twice.problems).toEqual(['several-expires']);
  });

  it('reads the signed text of a cleartext-signed file, not the signature', () => {
    const signed = [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      'Contact: mailto:security@acme.example',
      'Expires: 2027-06-30T23:00:00Z',
      '-----BEGIN PGP SIGNATURE-----',
      'Contact: mailto:forged@evil.example',
      '-----END PGP SIGNATURE-----',
    ].join('\n');
    const reading = parseSecurityTxt(signed, now);
    expect(reading.valid).toBe(true);
    expect(reading.contacts).toEqual(['mailto:security@acme.example']);
  });

  it('is looked for at the product web site’s origin, only for web addresses', () => {
    expect(securityTxtUrlOf('https://acme.example/products/lamp?x=1')).toBe(
      'https://acme.example/.well-known/security.txt',
    );
    expect(securityTxtUrlOf('ftp://acme.example/')).toBeUndefined();
    expect(securityTxtUrlOf('not a url')).toBeUndefined();
  });
});

const check = (facts: Partial<CheckFacts>): CheckFacts => ({
  url: 'https://acme.example/policy.pdf',
  outcome: 'fetched',
  statusCode: 200,
  finalUrl: 'https://acme.example/policy.pdf',
  contentType: 'application/pdf',
  sizeBytes: 1_234_567,
  sha256: 'a'.repeat(64),
  checkedAt: '2026-12-02T10:00:00Z',
  ...facts,
});

describe('what reviewers read beside a link', () => {
  it('summarises a fetched document', () => {
    expect(checkSummary(check({}), 'en', now)).toBe('200, PDF, 1.2 MB, checked 2 h ago');
    expect(checkSummary(check({}), 'de', now)).toBe('200, PDF, 1,2 MB, geprüft vor 2 Std.');
  });

  it('shows an HTTP error by its status alone', () => {
    expect(checkSummary(check({ statusCode: 404, contentType: 'text/html' }), 'en', now)).toBe(
      '404, checked 2 h ago',
    );
    expect(verdictOf(check({ statusCode: 500 }))).toBe('http-error');
  });

  it('says when a link redirects to another site, but not for www. or https', () => {
    const elsewhere = check({ finalUrl: 'https://parked-domains.example/' });
    expect(verdictOf(elsewhere)).toBe('other-site');
    expect(checkSummary(elsewhere, 'en', now)).toContain(
      'redirects to another site (parked-domains.example)',
    );
    expect(verdictOf(check({ url: 'http://acme.example/a', finalUrl: 'https://www.acme.example/b' }))).toBe(
      'ok',
    );
  });

  it('says why there is no answer', () => {
    expect(checkSummary(check({ outcome: 'refused', statusCode: null }), 'en', now)).toBe(
      'refused: not a public address, checked 2 h ago',
    );
    expect(checkSummary(check({ outcome: 'too-large', sizeBytes: 5_242_880 }), 'en', now)).toBe(
      '200, PDF, larger than 5.2 MB, not read further, checked 2 h ago',
    );
  });
});

describe('evidence pinned at certification', () => {
  const reviewed = { sha256: 'a'.repeat(64), statusCode: 200 };

  it('is unchanged while it serves the same bytes', () => {
    expect(comparePinned(reviewed, { outcome: 'fetched', statusCode: 200, sha256: 'a'.repeat(64) })).toBe(
      'unchanged',
    );
  });

  it('is unchanged when a page differs only in what changes on every load: dates, tokens, scripts', () => {
    const page = (stamp: string, token: string, words: string) =>
      `<html><head><script>window.t=${stamp}</script><style>.x{}</style></head><body>` +
      `<input type="hidden" name="csrf" value="${token}"><p>Updated ${stamp} at 12:0${token.length % 10}</p>` +
      `<p>${words}</p><!-- served by node ${token} --></body></html>`;
    const policy = 'We keep camera recordings on the device. Nothing leaves your home network.';
    const then = { ...reviewed, text: page('2026-11-01', 'abc123', policy) };
    const fetched = { outcome: 'fetched' as const, statusCode: 200, sha256: 'b'.repeat(64) };
    expect(comparePinned(then, { ...fetched, text: page('2026-12-02', 'zz9', policy) })).toBe('unchanged');
    const sold = 'We keep camera recordings on our servers. Nothing leaves your home network.';
    expect(comparePinned(then, { ...fetched, text: page('2026-12-02', 'zz9', sold) })).toBe('changed');
    // One word in a long policy is still a change: the page no longer says what was reviewed.
    const long = `${'Our privacy practices are described here in full. '.repeat(400)}We never sell data.`;
    expect(
      comparePinned(
        { ...reviewed, text: long },
        { ...fetched, text: long.replace('never sell', 'may sell') },
      ),
    ).toBe('changed');
    expect(visibleWords('<p title="x">Hello&nbsp;World 2026, v1.2</p>')).toEqual(['hello', 'world']);
  });

  it('has changed when the bytes differ, and is gone when it no longer answers', () => {
    expect(comparePinned(reviewed, { outcome: 'fetched', statusCode: 200, sha256: 'b'.repeat(64) })).toBe(
      'changed',
    );
    expect(comparePinned(reviewed, { outcome: 'fetched', statusCode: 404, sha256: 'c'.repeat(64) })).toBe(
      'gone',
    );
    expect(comparePinned(reviewed, { outcome: 'unreachable', statusCode: null, sha256: null })).toBe('gone');
  });

  it('cannot tell a change without a hash from the review', () => {
    const unchecked = { sha256: null, statusCode: null };
    expect(comparePinned(unchecked, { outcome: 'fetched', statusCode: 200, sha256: 'b'.repeat(64) })).toBe(
      'unchanged',
    );
  });

  it('is re-checked after about a month, the links of one day spread over the next month', () => {
    const pinned = new Date('2026-12-02T00:00:00Z');
    const firsts = Array.from({ length: 200 }, (_, index) =>
      firstRecheckAt(pinned, `link-${index}`).getTime(),
    );
    for (const first of firsts) {
      expect(first).toBeGreaterThanOrEqual(pinned.getTime() + recheckIntervalMs);
      expect(first).toBeLessThan(pinned.getTime() + 2 * recheckIntervalMs);
    }
    const days = new Set(firsts.map((first) => Math.floor(first / 86_400_000)));
    expect(days.size).toBeGreaterThan(20);
  });
});

describe('the evidence checker’s test-only allow-list', () => {
  const base = { NODE_ENV: 'test' };

  it('takes addresses and ranges, and is empty unless set', () => {
    expect(loadConfig(base).evidenceCheckAllowHosts).toEqual([]);
    expect(
      loadConfig({ ...base, EVIDENCE_CHECK_ALLOW_HOSTS: '127.0.0.1, ::1,10.0.0.0/8' })
        .evidenceCheckAllowHosts,
    ).toEqual(['127.0.0.1', '::1', '10.0.0.0/8']);
  });

  it('refuses names and anything set in production', () => {
    expect(() => loadConfig({ ...base, EVIDENCE_CHECK_ALLOW_HOSTS: 'localhost' })).toThrow(ConfigError);
    const production = {
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      BASE_URL: 'https://trustmark.example',
      SMTP_URL: 'smtp://mail.example',
      EVIDENCE_CHECK_ALLOW_HOSTS: '127.0.0.1',
    };
    expect(() => loadConfig(production)).toThrow(/EVIDENCE_CHECK_ALLOW_HOSTS cannot be set in production/);
  });
});
