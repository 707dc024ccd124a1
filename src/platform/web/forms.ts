import { z } from 'zod';
import { messagesFor, type Messages } from '../i18n';
import { textFormLimit, type BodyLimit } from './routing';

export type FieldErrors = Record<string, string>;

export type FormValues = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

/**
 * A form body that cannot be read: a multipart body without its boundary, with another one, or cut short.
 * Hono's parseBody passes on the TypeError of the runtime's FormData parser (undici); the client sent it,
 * so it is answered 400, not logged as a server error.
 */
export function isUnreadableForm(error: unknown): boolean {
  return error instanceof TypeError && /parse body as FormData/i.test(error.message);
}

/** Names of fields whose values are never echoed back into a page. */
const secretFields = new Set(['password', 'newPassword', 'currentPassword']);

/** How much of a field without a length limit of its own (a number, a name the schema lacks) is shown again. */
const unlimitedFieldEcho = 200;

/**
 * The longest text each field of a form schema accepts, read from its Zod checks (through optional,
 * default and pipe wrappers); fields that are not bounded text are left out.
 */
export function fieldLimits(schema: z.ZodType): Record<string, number> {
  if (!(schema instanceof z.ZodObject)) return {};
  const limits: Record<string, number> = {};
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const limit = longestValue(field);
    if (limit !== undefined) limits[name] = limit;
  }
  return limits;
}

function longestValue(schema: z.ZodType): number | undefined {
  if (schema instanceof z.ZodString) return schema.maxLength ?? undefined;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault)
    return longestValue(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return longestValue(schema.in as z.ZodType);
  if (schema instanceof z.ZodEnum) return Math.max(...schema.options.map((option) => String(option).length));
  if (schema instanceof z.ZodLiteral)
    return Math.max(...[...schema.values].map((value) => String(value).length));
  if (schema instanceof z.ZodUnion) {
    const limits = (schema.options as z.ZodType[]).map(longestValue);
    return limits.every((limit) => limit !== undefined) ? Math.max(...limits) : undefined;
  }
  return undefined;
}

/** All the characters a form's text fields accept together. */
export function charactersOf(schemaFor: (m: Messages) => z.ZodType): number {
  // Only lengths are read, which are the same in every language.
  const limits = fieldLimits(schemaFor(messagesFor('en')));
  return Object.values(limits).reduce((sum, limit) => sum + limit, 0);
}

/** The body limit of a form: room for every text field of its schema at its longest (see textFormLimit). */
export function bodyLimitOf(schemaFor: (m: Messages) => z.ZodType): BodyLimit {
  return textFormLimit(charactersOf(schemaFor));
}

/**
 * The submitted text fields (minus secrets), to show a form again with everything typed kept; each cut
 * to its limit in `limits` (see fieldLimits), so an oversized post is never echoed back whole.
 */
export function valuesOf(body: Record<string, unknown>, limits: Record<string, number>): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string' && !secretFields.has(name))
      values[name] = value.slice(0, limits[name] ?? unlimitedFieldEcho);
  }
  return values;
}

/**
 * Validates a submitted form against a Zod schema. On failure it returns one message per field and the
 * submitted values (minus secrets, each cut to its field's limit) so the page can be shown again.
 */
export function parseForm<T>(schema: z.ZodType<T>, body: Record<string, unknown>): FormResult<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: valuesOf(body, fieldLimits(schema)) };
}
