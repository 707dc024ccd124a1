import { describe, expect, it } from 'vitest';
import { isPasswordStrongEnough } from '../../src/platform/auth/password-policy';
import { escapeLikePattern, toBoolean } from '../../src/platform/db/dialect';
import { createFormGuard } from '../../src/platform/web/form-guard';
import { renderMarkdown } from '../../src/platform/web/markdown';
import { safeNextPath } from '../../src/platform/web/routing';

describe('password policy', () => {
  it('rejects common and patterned passwords, however long', () => {
    for (const password of ['password1234', 'qwertyuiop123', '1234567890', 'trustmark2026', 'aaaaaaaaaaaa']) {
      expect(isPasswordStrongEnough(password), password).toBe(false);
    }
  });

  it('rejects a password built from the person’s own name or email', () => {
    // Invented name words: strong for a stranger, weak once the password leans on the person's own name.
    const details = ['Quorvath Zenlibe', 'quorvath.zenlibe@example.test'];
    expect(isPasswordStrongEnough('zenlibeQuorvath')).toBe(true);
    expect(isPasswordStrongEnough('zenlibeQuorvath', details)).toBe(false);
  });

  it('accepts passphrases of unrelated words and long random strings', () => {
    expect(isPasswordStrongEnough('correct-horse-battery-staple')).toBe(true);
    expect(isPasswordStrongEnough('Lantern-orbit-quietly-42')).toBe(true);
    expect(isPasswordStrongEnough('demo-x7Qv9LpR2mKw4Zt8')).toBe(true);
  });

  it('enforces the length limits', () => {
    expect(isPasswordStrongEnough('Xq7#vL9@')).toBe(false);
    expect(isPasswordStrongEnough(`Lantern-${'z'.repeat(300)}`)).toBe(false);
  });
});

describe('form guard', () => {
  const guard = createFormGuard('test-secret', 3000);

  it('accepts a form filled at human speed within a day', () => {
    const token = guard.issue(1_000_000);
    expect(guard.check(token, 1_000_000 + 5000)).toBe('ok');
  });

  it('refuses forms sent too fast, too late, forged or signed with another secret', () => {
    const token = guard.issue(1_000_000);
    expect(guard.check(token, 1_000_000 + 500)).toBe('too-fast');
    expect(guard.check(token, 1_000_000 + 25 * 3600 * 1000)).toBe('expired');
    expect(guard.check('1000000.forged', 1_000_000 + 5000)).toBe('invalid');
    expect(guard.check(createFormGuard('other', 3000).issue(1_000_000), 1_000_000 + 5000)).toBe('invalid');
    expect(guard.check('', 0)).toBe('invalid');
  });
});

describe('markdown rendering', () => {
  it('renders formatting but shows raw HTML as text and drops script links', () => {
    const html = renderMarkdown(
      '**bold** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org)',
    );
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<a href="https://example.org">ok</a>');
  });
});

describe('safeNextPath', () => {
  it('accepts only paths on this site', () => {
    expect(safeNextPath('/en/account', '/x')).toBe('/en/account');
    expect(safeNextPath('//evil.example', '/x')).toBe('/x');
    expect(safeNextPath('https://evil.example', '/x')).toBe('/x');
    expect(safeNextPath('/\\evil.example', '/x')).toBe('/x');
    expect(safeNextPath(undefined, '/x')).toBe('/x');
  });

  it('keeps a same-site path with its query and fragment', () => {
    expect(safeNextPath('/en/products?q=lamp#results', '/x')).toBe('/en/products?q=lamp#results');
    expect(safeNextPath('/%2F%2Fevil.example', '/x')).toBe('/%2F%2Fevil.example');
  });

  it('never leads a browser off-site, however the address is disguised', () => {
    const site = 'https://trustmark.example';
    const hostile = [
      '/\t/evil.example/x',
      '/\n/evil.example/x',
      '/\r\n/evil.example/x',
      '\t//evil.example',
      ' //evil.example',
      '\u0000//evil.example',
      '//evil.example',
      '///evil.example',
      '////evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      '/\\/evil.example',
      '\\/evil.example',
      '/./\\evil.example',
      '/.//evil.example',
      '/..//evil.example/x',
      '/en/../..//evil.example',
      '%2F%2Fevil.example',
      '/%2F%2Fevil.example',
      '/%09/evil.example/x',
      'https://evil.example',
      'HTTPS://evil.example/x',
      'https:evil.example',
      'https:/evil.example',
      'ftp://evil.example',
      '//trustmark.example@evil.example',
      'https://trustmark.example@evil.example/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      `/${'a'.repeat(600)}`,
    ];
    for (const next of hostile) {
      const result = safeNextPath(next, '/en/account');
      expect(result.startsWith('/'), next).toBe(true);
      expect(result.startsWith('//'), next).toBe(false);
      // As the browser would follow it from a page of the site.
      expect(new URL(result, site).origin, next).toBe(site);
    }
    for (const next of [
      '/\t/evil.example/x',
      '/.//evil.example',
      'https://evil.example',
      '/\\evil.example',
    ]) {
      expect(safeNextPath(next, '/en/account'), next).toBe('/en/account');
    }
  });
});

describe('dialect helpers', () => {
  it('escapes LIKE wildcards so search terms match literally', () => {
    expect(escapeLikePattern('50%_off\\')).toBe('50\\%\\_off\\\\');
  });

  it('reads booleans stored as 0/1 or true/false', () => {
    expect([toBoolean(1), toBoolean(true), toBoolean(0), toBoolean(false), toBoolean(null)]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
