import { z } from 'zod';
import { dimensions } from '../criteria/dimensions-rules';
import { isPasswordStrongEnough } from '../../platform/auth/password-policy';
import type { Messages } from '../../platform/i18n';
import { email, newPassword, text } from '../../platform/web/schema-parts';

/** The forms of the reviewer pool: an admin's invitation, the invitee's account, a reviewer's expertise. */
export const nameLength = 100;

export const invitationSchema = (m: Messages) => z.object({ email: email(m), name: text(m, nameLength) });

export const acceptInvitationSchema = (m: Messages, invitedEmail: string) =>
  z
    .object({ name: text(m, nameLength), password: newPassword(m) })
    .refine((form) => isPasswordStrongEnough(form.password, [form.name, invitedEmail]), {
      path: ['password'],
      message: m.validation.passwordWeak,
    });

/** Checkboxes named "expertise": none, one (a string) or several (an array); unknown values are refused. */
export const expertiseSchema = (m: Messages) =>
  z.object({
    expertise: z
      .union([z.enum(dimensions), z.array(z.enum(dimensions)).max(dimensions.length)], {
        message: m.validation.required,
      })
      .optional()
      .transform((value) => [...new Set(value === undefined ? [] : Array.isArray(value) ? value : [value])]),
  });
