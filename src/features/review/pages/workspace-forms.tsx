import { fieldLimits } from '../../../platform/web/forms';
import { ErrorSummary, Field, PostForm } from '../../../platform/web/views/components';
import { decisionSchema, reviewFormSchema } from '../schemas';
import type { WorkspaceProps } from './workspace';

const outcomeChoices = ['certify', 'request-changes', 'not-certify'] as const;

/** The reviewer's own review: recommendation and rationale, saved or submitted with the verdicts. */
export function ReviewForm({ data, m, locale, state }: WorkspaceProps) {
  const values = state.values ?? {};
  const own = data.own;
  const recommendationError = state.errors?.['recommendation'];
  return (
    <form
      method="post"
      action={`/${locale}/review/applications/${data.application.id}`}
      id="review-form"
      class="form card"
      novalidate
    >
      <h2>{m.review.yourReview}</h2>
      <fieldset class={recommendationError ? 'field field-error' : 'field'}>
        <legend>{m.review.recommendation}</legend>
        {recommendationError ? (
          <p class="error-text" id="recommendation-error">
            {recommendationError}
          </p>
        ) : null}
        {outcomeChoices.map((outcome) => (
          <label class="choice">
            <input
              type="radio"
              name="recommendation"
              value={outcome}
              checked={(values['recommendation'] ?? own?.recommendation ?? '') === outcome}
            />{' '}
            {m.review.outcomes[outcome]}
          </label>
        ))}
      </fieldset>
      <Field
        name="rationale"
        label={m.review.rationale}
        hint={m.review.rationaleHint}
        multiline
        required={false}
        maxLength={fieldLimits(reviewFormSchema(m))['rationale']}
        errors={state.errors}
        values={{ rationale: values['rationale'] ?? own?.rationale ?? '' }}
      />
      <div class="actions">
        <button type="submit" name="intent" value="save" class="button button-secondary">
          {m.review.saveVerdicts}
        </button>
        <button type="submit" name="intent" value="submit" class="button">
          {own?.recommendation ? m.review.reviseReview : m.review.submitReview}
        </button>
      </div>
    </form>
  );
}

/** Recording the decision, once every assigned reviewer has submitted. */
export function DecideSection({ data, m, locale, state }: WorkspaceProps) {
  const values = state.values ?? {};
  return (
    <section class="card" aria-labelledby="decide-title">
      <h2 id="decide-title">{m.review.decide}</h2>
      <ErrorSummary title={m.errors.formProblems} errors={state.decisionErrors} />
      {!data.allSubmitted ? (
        <p>{m.review.decideWhenAllSubmitted}</p>
      ) : (
        <>
          <p>{data.evaluation.passes ? m.review.rulePasses : m.review.ruleFails}</p>
          <PostForm
            action={`/${locale}/review/applications/${data.application.id}/decide`}
            errorTitle={m.errors.formProblems}
            submitLabel={m.review.recordDecision}
            liveValidation={false}
          >
            <div class="field">
              <label for="outcome">{m.review.outcome}</label>
              <select id="outcome" name="outcome">
                {outcomeChoices.map((outcome) => (
                  <option value={outcome} selected={values['outcome'] === outcome}>
                    {m.review.outcomes[outcome]}
                  </option>
                ))}
              </select>
            </div>
            <Field
              name="decisionRationale"
              label={m.review.decisionRationale}
              hint={m.review.decisionRationaleHint}
              multiline
              maxLength={fieldLimits(decisionSchema(m))['rationale']}
              errors={state.decisionErrors}
              values={values}
            />
          </PostForm>
        </>
      )}
    </section>
  );
}
