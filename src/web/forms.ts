import type { z } from 'zod';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

/** Names of fields whose values are never echoed back into a page. */
const secretFields = new Set(['password', 'newPassword', 'currentPassword']);

/** The submitted text fields (minus secrets), to show a form again with everything typed kept. */
export function valuesOf(body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string' && !secretFields.has(name)) values[name] = value;
  }
  return values;
}

/**
 * Validates a submitted form against a Zod schema. On failure it returns one message per field and the
 * submitted values (minus secrets) so the page can be shown again with everything typed kept.
 */
export function parseForm<T>(schema: z.ZodType<T>, body: Record<string, unknown>): FormResult<T> {
  const values = valuesOf(body);
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}
