import { z } from 'zod';
import type { Messages } from '../i18n';

/**
 * The parts form schemas are built of, shared by src/web/form-schemas.ts and the features' schemas.ts.
 * Schemas are built per language so each message reaches the user in their own words; text fields are
 * trimmed.
 */

/** A required text field, trimmed and bounded; left empty it is reported as missing, not as too short. */
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
