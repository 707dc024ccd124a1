import { z } from 'zod';
import type { Messages } from '../../platform/i18n';
import { optionalText } from '../../platform/web/schema-parts';

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
