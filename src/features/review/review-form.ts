import type { Criterion } from '../criteria/rules';
import type { Messages } from '../../platform/i18n';
import {
  fieldLimits,
  parseForm,
  valuesOf,
  type FieldErrors,
  type FormValues,
} from '../../platform/web/forms';
import type { Outcome } from './rules';
import { reviewFormSchema, verdictSchema } from './schemas';
import type { VerdictInput } from './store';

/** What each field of the review form accepts: the review's own, and a verdict and comment per criterion. */
function workspaceFieldLimits(m: Messages, criteria: readonly Criterion[]): Record<string, number> {
  const { verdict = 0, comment = 0 } = fieldLimits(verdictSchema(m));
  const limits = fieldLimits(reviewFormSchema(m));
  for (const criterion of criteria) {
    limits[`verdict-${criterion.id}`] = verdict;
    limits[`comment-${criterion.id}`] = comment;
  }
  return limits;
}

export type ParsedReviewForm =
  | { ok: false; errors: FieldErrors; values: FormValues }
  | {
      ok: true;
      verdicts: VerdictInput[];
      review: { recommendation: Outcome; rationale: string } | undefined;
    };

/**
 * The review form: a verdict and comment per criterion, the recommendation and rationale. While saving, an
 * unchosen verdict is simply not saved yet; submitting needs every verdict, a recommendation and a rationale.
 */
export function parseReviewForm(
  m: Messages,
  body: Record<string, unknown>,
  criteria: readonly Criterion[],
): ParsedReviewForm {
  const form = parseForm(reviewFormSchema(m), body);
  const values = valuesOf(body, workspaceFieldLimits(m, criteria));
  if (!form.ok) return { ok: false, errors: form.errors, values };
  const submitting = form.data.intent === 'submit';
  const errors: FieldErrors = {};
  const verdicts: VerdictInput[] = [];
  for (const criterion of criteria) {
    const verdict = values[`verdict-${criterion.id}`] ?? '';
    const comment = values[`comment-${criterion.id}`] ?? '';
    if (!verdict && !submitting) continue;
    const parsed = verdictSchema(m).safeParse({ verdict, comment });
    if (parsed.success) {
      verdicts.push({ criterionId: criterion.id, ...parsed.data });
      continue;
    }
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'comment' ? `comment-${criterion.id}` : `verdict-${criterion.id}`;
      errors[field] ??= `${criterion.id}: ${issue.message}`;
    }
  }
  const { recommendation, rationale } = form.data;
  if (submitting && !recommendation) errors['recommendation'] = m.review.recommendationMissing;
  if (submitting && !rationale) errors['rationale'] = m.validation.required;
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return {
    ok: true,
    verdicts,
    review: submitting && recommendation ? { recommendation, rationale } : undefined,
  };
}
