import { z } from 'zod';
import type { Messages } from '../../platform/i18n';
import { optionalText, text, webAddress } from '../../platform/web/schema-parts';
import { severities } from './rules';

/** Connected products with firmware are younger than this; an earlier date is a typing mistake. */
const earliest = '1990-01-01';

/**
 * A stated date: a real calendar day, not after today (tomorrow allowed for time zones ahead of UTC), not
 * before 1990.
 */
function pastDate(m: Messages, today: Date) {
  const latest = new Date(today.getTime() + 86_400_000).toISOString().slice(0, 10);
  return z
    .string({ message: m.validation.required })
    .trim()
    .pipe(z.iso.date({ message: m.validation.date }))
    .refine((date) => date <= latest, m.security.dateInFuture)
    .refine((date) => date >= earliest, m.security.dateTooEarly);
}

export const noticeSchema = (m: Messages, today: Date) =>
  z.object({
    title: text(m, 200),
    date: pastDate(m, today),
    severity: z.enum(severities, { message: m.validation.choice }),
    affectedVersions: text(m, 200),
    fixedVersion: text(m, 60),
    advisoryUrl: webAddress(m),
    // Optional: the machine-readable CSAF 2.0 document of the advisory.
    csafUrl: optionalText(m, 2000).pipe(
      z.union([z.literal(''), z.url({ protocol: /^https?$/, message: m.validation.url })]),
    ),
  });

export const releaseSchema = (m: Messages, today: Date) =>
  z.object({
    version: text(m, 60),
    // Not "date": the notice form on the same page has that field, and ids must be unique.
    releasedOn: pastDate(m, today),
    notesUrl: webAddress(m),
  });

export type NoticeForm = z.infer<ReturnType<typeof noticeSchema>>;
export type ReleaseForm = z.infer<ReturnType<typeof releaseSchema>>;
