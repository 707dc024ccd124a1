import { z } from 'zod';
import { maximumPasswordLength, minimumPasswordLength } from '../auth/password-policy';
import type { Messages } from '../i18n';

/**
 * The parts every feature's form schemas are built from. Schemas are built per language so each message
 * reaches the user in their own words; text fields are trimmed.
 */

/** A required text field, trimmed and bounded; left empty it is reported as missing, not as too short. */
export function text(m: Messages, max: number) {
  return z
    .string({ message: m.validation.required })
    .trim()
    .min(1, m.validation.required)
    .max(max, m.validation.tooLong(max));
}

/** A text field that may be left empty (then ''), trimmed and bounded. */
export function optionalText(m: Messages, max: number) {
  return z.string().trim().max(max, m.validation.tooLong(max)).default('');
}

/** A whole number from a form field within [min, max]; one message covers every way of missing it. */
export function wholeNumber(message: string, min: number, max: number) {
  return z.coerce.number({ message }).int(message).min(min, message).max(max, message);
}

/** The longest email address there can be (RFC 5321: a 254-character path). */
export const emailLength = 254;

export function email(m: Messages) {
  return z
    .string({ message: m.validation.required })
    .trim()
    .min(1, m.validation.required)
    .max(emailLength, m.validation.tooLong(emailLength))
    .pipe(z.email(m.validation.email))
    .transform((value) => value.toLowerCase());
}

export function newPassword(m: Messages) {
  return z
    .string({ message: m.validation.required })
    .min(1, m.validation.required)
    .min(minimumPasswordLength, m.validation.tooShort(minimumPasswordLength))
    .max(maximumPasswordLength, m.validation.tooLong(maximumPasswordLength));
}

export function existingPassword(m: Messages) {
  return z
    .string({ message: m.validation.required })
    .min(1, m.validation.required)
    .max(maximumPasswordLength, m.validation.tooLong(maximumPasswordLength));
}

/** The part of an address that names a company or a post: lowercase words joined by single dashes. */
export function slug(m: Messages, max: number) {
  return z
    .string({ message: m.validation.required })
    .trim()
    .min(1, m.validation.required)
    .max(max, m.validation.tooLong(max))
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, m.validation.slug);
}

export function webAddress(m: Messages) {
  return z
    .string({ message: m.validation.required })
    .trim()
    .min(1, m.validation.required)
    .max(2000, m.validation.tooLong(2000))
    .pipe(z.url({ protocol: /^https?$/, message: m.validation.url }));
}
