import { z } from 'zod';
import type { Messages } from '../../platform/i18n';
import { text, webAddress } from '../../platform/web/schema-parts';
import { answerStatuses } from '../review/decision-rules';

/** The forms of the self-assessment, built per language so each message reaches the user in their own words. */

/** Starting an application, optionally with the answers of an earlier one of the same company. */
export const startApplicationSchema = z.object({ sourceApplicationId: z.string().max(100).default('') });

const buildAnswerSchema = (m: Messages) =>
  z.object({
    // An unchosen radio button sends nothing: the answer stays open.
    status: z
      .union([z.enum(answerStatuses), z.literal('')], { message: m.validation.choice })
      .optional()
      .transform((value) => value || null),
    explanation: z.string().max(20_000, m.validation.tooLong(20_000)).default(''),
    revision: z.coerce.number({ message: m.validation.stale }).int().min(0),
  });

const answerSchemas = new WeakMap<Messages, ReturnType<typeof buildAnswerSchema>>();

/**
 * The answer form, one per language for the life of the process: autosave posts it every few seconds per
 * person typing, and a Zod schema compiles its fast parser on first use, which costs far more than the
 * parse itself (~0.5 ms against ~0.01 ms), so a schema built per request paid that on every save.
 */
export function answerSchema(m: Messages): ReturnType<typeof buildAnswerSchema> {
  const known = answerSchemas.get(m);
  if (known) return known;
  const built = buildAnswerSchema(m);
  answerSchemas.set(m, built);
  return built;
}

export const evidenceLinkSchema = (m: Messages) => z.object({ url: webAddress(m), title: text(m, 200) });

/** An appeal must say why: a few words are not a reason the new reviewers can weigh. */
export const appealReasonsMinimum = 30;

export const appealSchema = (m: Messages) =>
  z.object({
    reasons: text(m, 10_000).pipe(
      z.string().min(appealReasonsMinimum, m.validation.tooShort(appealReasonsMinimum)),
    ),
  });

/** A message in an application's thread, from the company or a reviewer. */
export const messageSchema = (m: Messages) => z.object({ body: text(m, 5000) });
