import { z } from 'zod';
import {
  maximumPasswordLength,
  minimumPasswordLength,
  isPasswordStrongEnough,
} from '../platform/auth/password-policy';
import { platformRoles } from '../platform/auth/access';
import { partnerKinds, postStatuses } from '../features/content/rules';
import { locales, type Messages } from '../platform/i18n';
import { optionalText, text, wholeNumber, webAddress } from '../platform/web/schema-parts';

/**
 * The schemas of every form, built per language so each message reaches the user in their own words.
 * Text fields are trimmed; a field left empty is reported as missing rather than as too short.
 */
function email(m: Messages) {
  return z
    .string({ message: m.validation.required })
    .trim()
    .min(1, m.validation.required)
    .max(254, m.validation.tooLong(254))
    .pipe(z.email(m.validation.email))
    .transform((value) => value.toLowerCase());
}

function newPassword(m: Messages) {
  return z
    .string({ message: m.validation.required })
    .min(1, m.validation.required)
    .min(minimumPasswordLength, m.validation.tooShort(minimumPasswordLength))
    .max(maximumPasswordLength, m.validation.tooLong(maximumPasswordLength));
}

function existingPassword(m: Messages) {
  return z
    .string({ message: m.validation.required })
    .min(1, m.validation.required)
    .max(maximumPasswordLength, m.validation.tooLong(maximumPasswordLength));
}

export const signUpSchema = (m: Messages) =>
  z
    .object({ name: text(m, 100), email: email(m), password: newPassword(m) })
    .refine((form) => isPasswordStrongEnough(form.password, [form.name, form.email]), {
      path: ['password'],
      message: m.validation.passwordWeak,
    });

export const signInSchema = (m: Messages) => z.object({ email: email(m), password: existingPassword(m) });

export const twoFactorCodeSchema = (m: Messages) =>
  z.object({
    code: z
      .string({ message: m.validation.code })
      .trim()
      .regex(/^\d{6}$/, m.validation.code),
  });

/**
 * The second step of signing in takes either a 6-digit code from the app or one of the backup codes
 * shown at set-up (five letters or digits, a dash, five more; the dash may be left out).
 */
export const secondFactorSchema = (m: Messages) =>
  z.object({
    code: z
      .string({ message: m.validation.secondFactorCode })
      .transform((value) => value.replace(/\s+/g, ''))
      .pipe(z.string().regex(/^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, m.validation.secondFactorCode)),
  });

export const forgotPasswordSchema = (m: Messages) => z.object({ email: email(m) });

export const resetPasswordSchema = (m: Messages) =>
  z
    .object({ token: z.string().min(1).max(200), newPassword: newPassword(m) })
    .refine((form) => isPasswordStrongEnough(form.newPassword), {
      path: ['newPassword'],
      message: m.validation.passwordWeak,
    });

export const confirmPasswordSchema = (m: Messages) => z.object({ password: existingPassword(m) });

export const enableTwoFactorSchema = (m: Messages) =>
  twoFactorCodeSchema(m).extend({
    // The setup page is shown again after a wrong code; the key only ever goes back to its own user.
    totpUri: z.string().startsWith('otpauth://totp/').max(500),
    backupCodes: z.string().max(2000).default(''),
  });

export const contactSchema = (m: Messages) =>
  z.object({
    name: text(m, 100),
    email: email(m),
    message: text(m, 5000),
    website: z.string().max(0).optional(),
    formToken: z.string().max(200).default(''),
  });

/** A date field that may be left empty; a filled one must be a real YYYY-MM-DD date (not 2026-02-31). */
function optionalDate(message: string) {
  return z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || isCalendarDate(value), message);
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

export const auditFilterSchema = (m: Messages) =>
  z.object({
    actor: optionalText(m, 200),
    application: optionalText(m, 100),
    product: optionalText(m, 100),
    kind: optionalText(m, 100),
    from: optionalDate(m.audit.badDate),
    to: optionalDate(m.audit.badDate),
  });

/** The part of an address that names a company or a post: lowercase words joined by single dashes. */
function slug(m: Messages, max: number) {
  return z
    .string({ message: m.validation.required })
    .trim()
    .min(1, m.validation.required)
    .max(max, m.validation.tooLong(max))
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, m.validation.slug);
}

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

export const partnerSchema = (m: Messages) =>
  z.object({
    name: text(m, 120),
    url: webAddress(m),
    kind: z.enum(partnerKinds, { message: m.validation.choice }),
    descriptionEn: text(m, 1000),
    descriptionDe: text(m, 1000),
    sortOrder: wholeNumber(m.contentAdmin.sortOrderRange, 0, 999).default(0),
    updatedAt: z.string().max(40).default(''),
  });

export const platformRoleSchema = (m: Messages) =>
  z.object({ role: z.enum(platformRoles, { message: m.validation.choice }) });

export const messageSchema = (m: Messages) => z.object({ body: text(m, 5000) });
