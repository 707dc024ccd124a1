import { de } from '../../messages/de';
import { en, type Messages } from '../../messages/en';

export const locales = ['en', 'de'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';
export type { Messages };

const catalogues: Record<Locale, Messages> = { en, de };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

/** Picks the best supported locale from an Accept-Language header (RFC 9110 quality values). */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(',')
    .map((part, position) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = quality ? Number.parseFloat(quality.slice(2)) : 1;
      return { language: tag.toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, position };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.position - b.position);
  return ranked.map((entry) => entry.language).find(isLocale) ?? defaultLocale;
}

/**
 * Building an Intl.DateTimeFormat costs far more than formatting with one (it was the largest single cost
 * of rendering the home page), so each locale's two formatters are made once.
 */
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'UTC' }),
};
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
};

export function formatDate(locale: Locale, iso: string | Date): string {
  return dateFormats[locale].format(new Date(iso));
}

export function formatDateTime(locale: Locale, iso: string | Date): string {
  return dateTimeFormats[locale].format(new Date(iso));
}
