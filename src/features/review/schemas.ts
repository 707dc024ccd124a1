import { z } from 'zod';
import type { Messages } from '../../platform/i18n';
import { optionalText, text, wholeNumber } from '../../platform/web/schema-parts';
import { reReviewOutcomes } from './re-review-rules';
import { outcomes, verdicts } from './rules';

/** The review's forms: the workspace, decisions, reviewers' profiles, the admin's settings, re-reviews. */

const capacity = { min: 1, max: 50 };
const reviewersPerApplication = { min: 1, max: 5 };
const validityMonths = { min: 1, max: 120 };
const recommendedPercent = { min: 0, max: 100 };
const digits = (range: { max: number }) => String(range.max).length;

/** How many characters the number fields take: fieldLimits reads text fields only. */
export const numberFieldLimits = {
  capacity: digits(capacity),
  reviewersPerApplication: digits(reviewersPerApplication),
  validityMonths: digits(validityMonths),
  recommendedPercent: digits(recommendedPercent),
};

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

export const reviewerProfileSchema = (m: Messages) =>
  z.object({
    capacity: wholeNumber(m.review.capacityRange, capacity.min, capacity.max),
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
    reviewersPerApplication: wholeNumber(
      m.review.reviewersRange,
      reviewersPerApplication.min,
      reviewersPerApplication.max,
    ),
    validityMonths: optionalWholeNumber(m.reviewAdmin.validityRange, validityMonths.min, validityMonths.max),
    // Entered as a percentage, stored as a share.
    recommendedPercent: optionalWholeNumber(
      m.reviewAdmin.shareRange,
      recommendedPercent.min,
      recommendedPercent.max,
    ),
  });

export const assignSchema = (m: Messages) => z.object({ reviewerId: text(m, 100) });

export const unassignSchema = (m: Messages) => z.object({ reviewerId: text(m, 100), reason: text(m, 500) });

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
