import { z } from 'zod';
import { locales, type Messages } from '../../platform/i18n';
import { optionalText, slug, text, webAddress, wholeNumber } from '../../platform/web/schema-parts';
import { partnerKinds, postStatuses } from './rules';

/**
 * A news post as an admin writes it. The publication time is read as UTC ("2026-12-24T09:00" from a
 * datetime field, or a date alone); left empty, a published post appears at once.
 */
export const postSchema = (m: Messages, now: Date) =>
  z.object({
    locale: z.enum(locales, { message: m.validation.choice }),
    slug: slug(m, 80),
    title: text(m, 200),
    summary: text(m, 500),
    body: text(m, 50_000),
    status: z.enum(postStatuses, { message: m.validation.choice }),
    publishAt: z
      .string()
      .trim()
      .max(30)
      .default('')
      .transform((value, ctx) => {
        if (value === '') return now.toISOString();
        const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2})?)?$/.exec(value);
        const parsed = match ? new Date(`${match[1]}T${match[2] ?? '00:00'}:00.000Z`) : undefined;
        if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== match?.[1]) {
          ctx.addIssue({ code: 'custom', message: m.contentAdmin.badTime });
          return z.NEVER;
        }
        return parsed.toISOString();
      }),
    imageAlt: optionalText(m, 300),
    updatedAt: z.string().max(40).default(''),
  });

/** The highest place a partner can take in the list. */
export const sortOrderLimit = 999;

export const partnerSchema = (m: Messages) =>
  z.object({
    name: text(m, 120),
    url: webAddress(m),
    kind: z.enum(partnerKinds, { message: m.validation.choice }),
    descriptionEn: text(m, 1000),
    descriptionDe: text(m, 1000),
    sortOrder: wholeNumber(m.contentAdmin.sortOrderRange, 0, sortOrderLimit).default(0),
    updatedAt: z.string().max(40).default(''),
  });
