import { describe, expect, it } from 'vitest';
import { en } from '../../src/messages/en';
import { de } from '../../src/messages/de';
import { badgeLabel, renderBadge } from '../../src/features/registry/badge';
import { renderLabel } from '../../src/features/mark-kit/label';
import { createQrCodeCache, qrPath } from '../../src/features/mark-kit/codes';
import {
  badgeKey,
  badgeKeysOf,
  badgeVariants,
  defaultVariant,
  dimensionSummary,
  offersMarkKit,
  parseVariant,
} from '../../src/features/mark-kit/rules';
import {
  acceptsSecurityInformation,
  newestFirst,
  securityUpdatesEnded,
  supportMonthsLeft,
} from '../../src/features/security-notices/rules';
import { noticeSchema, releaseSchema } from '../../src/features/security-notices/schemas';

const now = new Date('2026-12-02T12:00:00Z');

describe('security information rules', () => {
  it('ends security updates after the promised last day, not on it', () => {
    expect(securityUpdatesEnded('2026-12-02', now)).toBe(false);
    expect(securityUpdatesEnded('2026-12-01', now)).toBe(true);
    expect(securityUpdatesEnded('2026-12-02', '2026-12-02')).toBe(false);
    expect(securityUpdatesEnded('2026-12-01', '2026-12-02')).toBe(true);
  });

  it('counts whole months of support left, none once it has ended', () => {
    expect(supportMonthsLeft('2027-12-02', now)).toBe(12);
    expect(supportMonthsLeft('2027-12-01', now)).toBe(11);
    expect(supportMonthsLeft('2026-12-31', now)).toBe(0);
    expect(supportMonthsLeft('2020-01-01', now)).toBe(0);
    expect(supportMonthsLeft('not a date', now)).toBe(0);
  });

  it('takes notices on live, suspended and expired marks, never on revoked ones', () => {
    expect(acceptsSecurityInformation('active', '2027-01-01', now)).toBe(true);
    expect(acceptsSecurityInformation('suspended', '2027-01-01', now)).toBe(true);
    expect(acceptsSecurityInformation('active', '2025-01-01', now)).toBe(true);
    expect(acceptsSecurityInformation('revoked', '2027-01-01', now)).toBe(false);
    expect(acceptsSecurityInformation('unknown-status', '2027-01-01', now)).toBe(false);
  });

  it('lists newest first by the stated date, then by entry', () => {
    const items = [
      { date: '2026-01-01', createdAt: '2026-02-01T00:00:00Z', name: 'a' },
      { date: '2026-03-01', createdAt: '2026-03-01T00:00:00Z', name: 'b' },
      { date: '2026-01-01', createdAt: '2026-02-02T00:00:00Z', name: 'c' },
    ];
    expect(newestFirst(items).map((item) => item.name)).toEqual(['b', 'c', 'a']);
  });

  it('validates the forms with a message for each field', () => {
    const refused = noticeSchema(en, now).safeParse({
      title: '',
      date: '2026-12-05',
      severity: 'extreme',
      affectedVersions: 'x'.repeat(201),
      fixedVersion: '1.1',
      advisoryUrl: 'ftp://example.org',
      csafUrl: 'not a url',
    });
    expect(refused.success).toBe(false);
    const fields = new Set(refused.error?.issues.map((issue) => issue.path[0]));
    expect(fields).toEqual(
      new Set(['title', 'date', 'severity', 'affectedVersions', 'advisoryUrl', 'csafUrl']),
    );
    // Tomorrow is allowed (time zones ahead of UTC), an empty CSAF address too.
    expect(
      releaseSchema(de, now).safeParse({
        version: '2.0',
        releasedOn: '2026-12-03',
        notesUrl: 'https://example.org/notes',
      }).success,
    ).toBe(true);
    expect(
      noticeSchema(en, now).safeParse({
        title: 'T',
        date: '2026-12-01',
        severity: 'low',
        affectedVersions: '1.0',
        fixedVersion: '1.1',
        advisoryUrl: 'https://example.org/a',
        csafUrl: '',
      }).success,
    ).toBe(true);
  });
});

describe('the mark kit', () => {
  it('names eight badge variants, the first the badge that always was', () => {
    expect(badgeVariants).toHaveLength(8);
    expect(badgeVariants[0]).toEqual(defaultVariant);
    expect(badgeKey('abc', defaultVariant)).toBe('abc');
    expect(badgeKey('abc', { style: 'full', theme: 'dark', language: 'de' })).toBe('abc/full-dark-de');
    expect(badgeKeysOf('abc')).toHaveLength(8);
    expect(parseVariant('full-dark-de')).toEqual({ style: 'full', theme: 'dark', language: 'de' });
    for (const hostile of ['', 'full-dark', 'full-dark-fr', '../../etc', 'toString', '__proto__'])
      expect(parseVariant(hostile), hostile).toBeUndefined();
  });

  it('offers the kit only while the mark is live', () => {
    expect(offersMarkKit('active')).toBe(true);
    for (const status of ['suspended', 'expired', 'revoked']) expect(offersMarkKit(status)).toBe(false);
  });

  it('sums each dimension’s fulfilled criteria from the published answers of their version', () => {
    const criterion = (id: string, dimension: string) => ({ id, dimension }) as never;
    const version = {
      criteria: [criterion('P1', 'privacy'), criterion('P2', 'privacy'), criterion('O1', 'openness')],
    };
    const summary = dimensionSummary(version, [
      { criterionId: 'P1', status: 'met' },
      { criterionId: 'P2', status: 'not-applicable' },
      { criterionId: 'O1', status: 'not-met' },
    ]);
    expect(summary.find((row) => row.dimension === 'privacy')).toEqual({
      dimension: 'privacy',
      fulfilled: 2,
      total: 2,
    });
    expect(summary.find((row) => row.dimension === 'openness')).toMatchObject({ fulfilled: 0, total: 1 });
    expect(dimensionSummary(undefined, [])).toEqual([]);
  });

  it('says "security updates ended" on the badge once support is over, unless suspended or revoked', () => {
    const words = en.markKit.badge;
    const facts = { status: 'active' as const, validUntil: '2027-11-30', updatesEnded: false };
    expect(badgeLabel(facts, words)).toBe('certified until 2027-11');
    expect(badgeLabel({ ...facts, status: 'expired', updatesEnded: true }, words)).toBe(
      'security updates ended',
    );
    expect(badgeLabel({ ...facts, status: 'revoked', updatesEnded: true }, words)).toBe('revoked');
    expect(badgeLabel({ ...facts, updatesEnded: true }, de.markKit.badge)).toBe('Sicherheitsupdates beendet');
  });

  it('renders the full badge with the five dimensions and escapes the product name', () => {
    const svg = renderBadge(
      {
        status: 'active',
        validUntil: '2027-11-30',
        supportEndDate: '2029-01-01',
        productName: '<script>"x"</script>',
        updatesEnded: false,
        dimensions: dimensionSummary({ criteria: [] }, []),
      },
      { style: 'full', theme: 'dark', language: 'de' },
      de.markKit.badge,
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Offenheit');
    expect(svg).toContain('zertifiziert bis 2027-11');
  });

  it('draws a label in millimetres with the QR code of the short link and fits long text', () => {
    const shortLink = `https://trustmark.example/p/${'f'.repeat(36)}`;
    const svg = renderLabel({
      productName: 'Lamp & "Co"',
      shortLink,
      statusLine: 'certified until 2027-11',
      supportLine: 'Security updates until 31 Dec 2029',
      scanLine: 'Scan for live security information',
    });
    expect(svg).toMatch(/^<svg [^>]*width="74mm" height="40mm" viewBox="0 0 74 40"/);
    expect(svg).toContain(qrPath(shortLink).path);
    expect(svg).toContain('Lamp &#38; &#34;Co&#34;');
    expect(svg).toMatch(new RegExp(`textLength="66" lengthAdjust="spacingAndGlyphs"[^>]*>${shortLink}<`));
  });

  it('draws each QR code once, keeping a bounded number', async () => {
    const codes = createQrCodeCache(2);
    const first = codes.png('https://trustmark.example/p/a');
    expect(codes.png('https://trustmark.example/p/a')).toBe(first);
    const png = await first;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    codes.png('https://trustmark.example/p/b');
    codes.png('https://trustmark.example/p/c');
    // The oldest went when the third came.
    expect(codes.png('https://trustmark.example/p/a')).not.toBe(first);
    expect(await codes.svg('https://trustmark.example/p/a')).toMatch(/^<svg/);
  });
});

describe('QR codes for many different ids at once (outside review)', () => {
  it('are drawn at most two at a time, every request answered, failures not kept', async () => {
    let drawing = 0;
    let most = 0;
    let failNext = true;
    const slow = async (text: string) => {
      drawing += 1;
      most = Math.max(most, drawing);
      await new Promise((resolve) => setTimeout(resolve, 5));
      drawing -= 1;
      if (text === 'bad' && failNext) {
        failNext = false;
        throw new Error('drawing failed');
      }
      return text;
    };
    const cache = createQrCodeCache(10, { svg: slow, png: async (text) => Buffer.from(await slow(text)) });
    const texts = Array.from({ length: 50 }, (_, index) => `https://trustmark.example/p/${index}`);
    const drawn = await Promise.all(texts.map((text) => cache.png(text)));
    expect(drawn.map((buffer) => buffer.toString())).toEqual(texts);
    expect(most).toBe(2);
    await expect(cache.svg('bad')).rejects.toThrow('drawing failed');
    expect(await cache.svg('bad')).toBe('bad');
    expect(drawing).toBe(0);
  });
});
