import { z } from 'zod';
import { isPasswordStrongEnough } from '../../platform/auth/password-policy';
import { platformRoles } from '../../platform/auth/access';
import type { Messages } from '../../platform/i18n';
import { email, existingPassword, newPassword, text } from '../../platform/web/schema-parts';

/** The forms of accounts: signing up and in, passwords, the second factor, and staff roles. */

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

/** The longest code the second step's field takes as typed: a backup code (11 characters) and spaces. */
export const secondFactorFieldLength = 20;

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

export const platformRoleSchema = (m: Messages) =>
  z.object({ role: z.enum(platformRoles, { message: m.validation.choice }) });
