import { z } from 'zod';
import { companyRoles } from '../features/companies/rules';
import { concernDecisions } from '../features/concerns/rules';
import { answerStatuses } from '../features/review/decision-rules';
import { outcomes, verdicts } from '../features/review/rules';
import { parseModelNumbers, productCategories, supportPeriodRunning } from '../features/products/rules';
import { reReviewOutcomes } from '../features/review/re-review-rules';
import type { Messages } from '../platform/i18n';
import { email, optionalText, slug, text, webAddress, wholeNumber } from '../platform/web/schema-parts';

/**
 * The schemas of the forms of features that do not yet keep their own (`schemas.ts` beside their routes),
 * built per language so each message reaches the user in their own words.
 */

/** A concern from the public; which criteria exist is checked against the certification's version. */
export const concernSchema = (m: Messages) =>
  z.object({
    criterion: z.string().trim().max(20).default(''),
    message: text(m, 5000).pipe(z.string().min(20, m.concerns.tooShort)),
    email: email(m),
    website: z.string().max(0).optional(),
    formToken: z.string().max(200).default(''),
  });

export const concernDecisionSchema = (m: Messages) =>
  z.object({
    decision: z.enum(concernDecisions, { message: m.validation.choice }),
    note: text(m, 2000),
  });

export const reReviewOpinionSchema = (m: Messages) =>
  z.object({
    recommendation: z.enum(reReviewOutcomes, { message: m.validation.choice }),
    rationale: text(m, 5000),
  });

export const reReviewDecisionSchema = (m: Messages) =>
  z.object({
    outcome: z.enum(reReviewOutcomes, { message: m.validation.choice }),
    statement: text(m, 2000),
  });

export const companySchema = (m: Messages) => z.object({ name: text(m, 100), slug: slug(m, 48) });

export const inviteSchema = (m: Messages) =>
  z.object({ email: email(m), role: z.enum(['member', 'admin'], { message: m.validation.choice }) });

export const memberRoleSchema = (m: Messages) =>
  z.object({ role: z.enum(companyRoles, { message: m.validation.choice }) });

export const transferSchema = (m: Messages) =>
  z.object({ memberId: z.string({ message: m.validation.choice }).min(1, m.validation.choice).max(100) });

export const productSchema = (m: Messages, today: Date) =>
  z.object({
    name: text(m, 120),
    category: z.enum(productCategories, { message: m.validation.choice }),
    modelNumbers: z
      .string({ message: m.validation.required })
      .max(2000, m.validation.tooLong(2000))
      .transform(parseModelNumbers)
      .pipe(
        z
          .array(z.string().max(60, m.validation.tooLong(60)))
          .min(1, m.validation.required)
          .max(50, m.validation.tooLong(50)),
      ),
    webPageUrl: webAddress(m),
    description: text(m, 2000),
    firmwareVersion: text(m, 60),
    supportEndDate: z
      .string({ message: m.validation.required })
      .trim()
      .pipe(z.iso.date({ message: m.validation.date }))
      .refine((date) => supportPeriodRunning(date, today), m.validation.dateInPast),
    revision: z.coerce.number().int().min(0).optional(),
  });

export const startApplicationSchema = z.object({ sourceApplicationId: z.string().max(100).default('') });

export const answerSchema = (m: Messages) =>
  z.object({
    // An unchosen radio button sends nothing: the answer stays open.
    status: z
      .union([z.enum(answerStatuses), z.literal('')], { message: m.validation.choice })
      .optional()
      .transform((value) => value || null),
    explanation: z.string().max(20_000, m.validation.tooLong(20_000)).default(''),
    revision: z.coerce.number({ message: m.validation.stale }).int().min(0),
  });

export const evidenceLinkSchema = (m: Messages) => z.object({ url: webAddress(m), title: text(m, 200) });

/** A reviewer's verdict on one criterion; the comment is required unless the answer is accepted. */
export const verdictSchema = (m: Messages) =>
  z
    .object({
      verdict: z.enum(verdicts, { message: m.review.verdictMissing }),
      comment: optionalText(m, 5000),
    })
    .refine((value) => value.verdict === 'accepted' || value.comment !== '', {
      message: m.review.commentNeeded,
      path: ['comment'],
    });

export const reviewFormSchema = (m: Messages) =>
  z.object({
    intent: z.enum(['save', 'submit'], { message: m.validation.choice }),
    recommendation: z
      .union([z.enum(outcomes), z.literal('')], { message: m.validation.choice })
      .optional()
      .transform((value) => value || null),
    rationale: optionalText(m, 10_000),
  });

export const decisionSchema = (m: Messages) =>
  z.object({
    outcome: z.enum(outcomes, { message: m.validation.choice }),
    rationale: text(m, 10_000),
  });

export const messageSchema = (m: Messages) => z.object({ body: text(m, 5000) });

/** An appeal must say why: a few words are not a reason the new reviewers can weigh. */
export const appealSchema = (m: Messages) =>
  z.object({ reasons: text(m, 10_000).pipe(z.string().min(30, m.validation.tooShort(30))) });

export const reviewerProfileSchema = (m: Messages) =>
  z.object({
    capacity: wholeNumber(m.review.capacityRange, 1, 50),
    available: z
      .literal('on')
      .optional()
      .transform((value) => value === 'on'),
  });

export const conflictSchema = (m: Messages) =>
  z.object({
    companyId: text(m, 100),
    reason: optionalText(m, 500),
  });

export const pauseSchema = (m: Messages) =>
  z.object({
    messageEn: text(m, 500),
    messageDe: optionalText(m, 500),
  });

/** An optional whole number: an empty field means "use the default". */
function optionalWholeNumber(message: string, min: number, max: number) {
  const number = wholeNumber(message, min, max);
  return z
    .string({ message })
    .trim()
    .default('')
    .transform((value, ctx) => {
      if (value === '') return null;
      const parsed = number.safeParse(value);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}

export const programSettingsSchema = (m: Messages) =>
  z.object({
    reviewersPerApplication: wholeNumber(m.review.reviewersRange, 1, 5),
    validityMonths: optionalWholeNumber(m.reviewAdmin.validityRange, 1, 120),
    // Entered as a percentage, stored as a share.
    recommendedPercent: optionalWholeNumber(m.reviewAdmin.shareRange, 0, 100),
  });

export const assignSchema = (m: Messages) => z.object({ reviewerId: text(m, 100) });

export const unassignSchema = (m: Messages) => z.object({ reviewerId: text(m, 100), reason: text(m, 500) });
