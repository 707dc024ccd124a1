import { opinionsComplete, reReviewOutcomes } from '../re-review-rules';
import type { Locale, Messages } from '../../../platform/i18n';
import type { ReReviewOpinion } from '../re-reviews-store';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import { Field, Notice, PageHeader, PostForm, SelectField } from '../../../platform/web/views/components';
import { reReviewDecisionSchema, reReviewOpinionSchema } from '../schemas';

/** The three outcomes a re-review can recommend or record, as a drop-down's options. */
export const outcomeOptions = (m: Messages) =>
  reReviewOutcomes.map((value) => ({ value, label: m.reReview.recommendations[value] ?? value }));

/** The admin's view of a running re-review: who said what, and, once all have, the outcome form. */
export function ReReviewPanel(props: {
  locale: string;
  m: Messages;
  reReviewId: string;
  opinions: readonly ReReviewOpinion[];
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  const { m, opinions } = props;
  return (
    <section aria-label={m.reReview.underWay}>
      <h3>{m.reReview.underWay}</h3>
      <ul class="plain-list">
        {opinions.map((opinion) => (
          <li>
            {opinion.reviewerName}:{' '}
            {opinion.recommendation
              ? `${m.reReview.recommendations[opinion.recommendation]} – ${opinion.rationale}`
              : m.reReview.stillReviewing}
          </li>
        ))}
      </ul>
      {opinionsComplete(opinions, 1) ? (
        <PostForm
          action={`/${props.locale}/admin/re-reviews/${props.reReviewId}/decide`}
          errorTitle={m.errors.formProblems}
          errors={props.errors}
          submitLabel={m.reReview.decide}
        >
          <SelectField
            name="outcome"
            label={m.reReview.outcome}
            options={outcomeOptions(m)}
            selected={props.values?.['outcome']}
          />
          <Field
            name="statement"
            label={m.reReview.statement}
            hint={m.reReview.statementHint}
            multiline
            maxLength={fieldLimits(reReviewDecisionSchema(m))['statement']}
            errors={props.errors}
            values={props.values}
          />
        </PostForm>
      ) : null}
    </section>
  );
}

export interface OpinionState {
  errors?: FieldErrors;
  values?: FormValues;
  status?: 409 | 422;
}

/** A reviewer's page of a re-review they were asked for: the concern, and their opinion. */
export function ReReviewOpinionPage(props: {
  m: Messages;
  locale: Locale;
  notice: string | undefined;
  reReview: {
    id: string;
    status: string;
    product_name: string;
    company_name: string;
    criterion_id: string | null;
    message: string;
    certification_id: string;
  };
  own: ReReviewOpinion;
  state: OpinionState;
}) {
  const { m, locale, reReview, own, state, notice } = props;
  const values = state.values ?? {
    recommendation: own.recommendation ?? 'confirm',
    rationale: own.rationale,
  };
  return (
    <>
      {notice ? <Notice>{notice}</Notice> : null}
      <p>
        <a href={`/${locale}/review`}>← {m.review.backToList}</a>
      </p>
      <PageHeader title={m.reReview.title(reReview.product_name)} lead={m.reReview.lead} />
      <section class="card" aria-labelledby="concern-title">
        <h2 id="concern-title">{m.reReview.concern}</h2>
        <p class="muted">
          {reReview.company_name} ·{' '}
          {reReview.criterion_id ? m.concerns.about(reReview.criterion_id) : m.concerns.wholeProduct}
        </p>
        <p class="preserve-lines">{reReview.message}</p>
        <p>
          <a href={`/${locale}/products/${reReview.certification_id}`}>{m.reReview.record}</a>
        </p>
      </section>
      <section class="card" aria-labelledby="opinion-title">
        <h2 id="opinion-title">{m.reReview.yourOpinion}</h2>
        {reReview.status !== 'open' ? (
          <p>{m.reReview.closed}</p>
        ) : (
          <>
            {own.submittedAt ? <p>{m.reReview.given}</p> : null}
            <PostForm
              action={`/${locale}/review/re-reviews/${reReview.id}`}
              errorTitle={m.errors.formProblems}
              errors={state.errors}
              submitLabel={m.reReview.submit}
            >
              <SelectField
                name="recommendation"
                label={m.reReview.recommendation}
                options={outcomeOptions(m)}
                selected={values['recommendation']}
              />
              <Field
                name="rationale"
                label={m.reReview.rationale}
                multiline
                maxLength={fieldLimits(reReviewOpinionSchema(m))['rationale']}
                errors={state.errors}
                values={values}
              />
            </PostForm>
          </>
        )}
      </section>
    </>
  );
}
