import { z } from 'zod';
import type { Messages } from '../i18n';

/**
 * The parts form schemas are built of, shared by the features' schemas.ts: text fields are trimmed, and a
 * field left empty is reported as missing rather than as too short.
 */
export function text(m: Messages, max: number) {
  return z
    .string({ message: m.validation.required })
    .trim()
    .min(1, m.validation.required)
    .max(max, m.validation.tooLong(max));
}

export function webAddress(m: Messages) {
  return z
    .string({ message: m.validation.required })
    .trim()
    .min(1, m.validation.required)
    .max(2000, m.validation.tooLong(2000))
    .pipe(z.url({ protocol: /^https?$/, message: m.validation.url }));
}

/** A text field that may be left empty (then ''), trimmed and bounded. */
export function optionalText(m: Messages, max: number) {
  return z.string().trim().max(max, m.validation.tooLong(max)).default('');
}

/** A whole number from a form field within [min, max]; one message covers every way of missing it. */
export function wholeNumber(message: string, min: number, max: number) {
  return z.coerce.number({ message }).int(message).min(min, message).max(max, message);
}
