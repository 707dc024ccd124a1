import { describe, expect, it } from 'vitest';
import { formatDate, locales, messagesFor, negotiateLocale } from '../../src/platform/i18n';

/** Every leaf of a catalogue, as "path: value" (functions are called with sample arguments). */
function leaves(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function')
    return [[path, String((value as (...args: unknown[]) => unknown)('A', 'B', 'C'))]];
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, path ? `${path}.${key}` : key));
  }
  return [[path, String(value)]];
}

/** Texts that are the same word in English and German (or carry no words at all). */
const SHARED_WORDS = [
  'meta.siteName',
  'account.roles.admin',
  'company.members',
  'company.roles.admin',
  'products.categories.wearable',
  'applications.levels.optional',
  'applications.historyEntry',
  'reviewAdmin.median',
  'reviewAdmin.hours',
  'admin.name',
  'registry.sorts.name',
  'registry.statusReason',
  'verify.checks.format',
  'verify.checks.status',
  'verify.name',
  'security.version',
  'markKit.html',
  'markKit.markdown',
  'statistics.dimension',
  'criteriaAdmin.version',
  'contentAdmin.body',
  'contentAdmin.status',
  'contentAdmin.partnerName',
  'contentAdmin.partnerUrl',
];

describe('message catalogues', () => {
  it('have the same keys in every language and no empty text', () => {
    const english = leaves(messagesFor('en')).map(([path]) => path);
    for (const locale of locales) {
      const entries = leaves(messagesFor(locale));
      expect(entries.map(([path]) => path)).toEqual(english);
      expect(entries.filter(([, text]) => text.trim() === '').map(([path]) => path)).toEqual([]);
    }
  });

  it('are really translated: German differs from English except for shared words', () => {
    const english = new Map(leaves(messagesFor('en')));
    const same = leaves(messagesFor('de')).filter(([path, text]) => english.get(path) === text);
    // Only names and words that both languages share may stay the same; anything else is untranslated.
    expect(same.map(([path]) => path)).toEqual(SHARED_WORDS);
  });
});

describe('negotiateLocale', () => {
  it('takes the most preferred supported language', () => {
    expect(negotiateLocale('de-AT,de;q=0.9,en;q=0.8')).toBe('de');
    expect(negotiateLocale('fr-FR,fr;q=0.9,de;q=0.7,en;q=0.6')).toBe('de');
    expect(negotiateLocale('en-GB;q=0.4,de;q=0.5')).toBe('de');
  });

  it('falls back to English for missing, unknown or refused languages', () => {
    expect(negotiateLocale(undefined)).toBe('en');
    expect(negotiateLocale('ja,zh;q=0.5')).toBe('en');
    expect(negotiateLocale('de;q=0')).toBe('en');
    expect(negotiateLocale(';;,q=abc')).toBe('en');
  });
});

describe('formatDate', () => {
  it('writes dates the way each language does', () => {
    expect(formatDate('en', '2026-11-10T09:00:00.000Z')).toBe('10 November 2026');
    expect(formatDate('de', '2026-11-10T09:00:00.000Z')).toBe('10. November 2026');
  });
});
