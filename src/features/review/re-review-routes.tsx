import type { Context } from 'hono';
import { opinionsComplete, reReviewOutcomes } from './re-review-rules';
import type { Messages } from '../../platform/i18n';
import type { ReReviewOpinion } from './re-reviews-store';
import type { AppEnv } from '../../platform/web/env';
import { reReviewOpinionSchema } from '../../web/form-schemas';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import { staffAccessFor } from '../applications/access';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { Field, Notice, PageHeader, PostForm, SelectField } from '../../platform/web/views/components';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';

type Ctx = Context<AppEnv>;

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
            maxLength={2000}
            errors={props.errors}
            values={props.values}
          />
        </PostForm>
      ) : null}
    </section>
  );
}

/** The reviewers' side of re-reviews; admins open and decide them from the concerns page (concerns.tsx). */
export function registerReReviewRoutes(routes: RouteRegistry, services: AppServices): void {
  const { reReviews, reReviewWorkflow, reviewers } = services;
  /**
   * A re-review the signed-in reviewer was asked for, unless they have a conflict with the company (one
   * they declared or joined since); anyone else gets the same 404 as for nothing.
   */
  async function loadOwn(c: Ctx) {
    const reReview = await reReviews.find(c.req.param('reReviewId') ?? '');
    if (!reReview) return undefined;
    const opinions = await reReviews.opinions(reReview.id);
    const own = opinions.find((opinion) => opinion.reviewerId === currentUser(c).id);
    if (!own) return undefined;
    const conflicted = await reviewers.isConflicted(currentUser(c).id, reReview.organization_id);
    return staffAccessFor(c, true, conflicted).allowed ? { reReview, own } : undefined;
  }

  const reviewerPage = async (
    c: Ctx,
    loaded: NonNullable<Awaited<ReturnType<typeof loadOwn>>>,
    state: { errors?: FieldErrors; values?: FormValues; status?: 409 | 422 } = {},
  ) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const { reReview, own } = loaded;
    const notice = c.req.query('notice') === 'submitted' ? m.reReview.submitted : undefined;
    const values = state.values ?? {
      recommendation: own.recommendation ?? 'confirm',
      rationale: own.rationale,
    };
    return page(
      c,
      { title: m.reReview.title(reReview.product_name), indexable: false, status: state.status ?? 200 },
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
                  maxLength={5000}
                  errors={state.errors}
                  values={values}
                />
              </PostForm>
            </>
          )}
        </section>
      </>,
    );
  };

  routes.get('/:locale/review/re-reviews/:reReviewId', 'reviewer', async (c) => {
    const loaded = await loadOwn(c);
    return loaded ? reviewerPage(c, loaded) : renderNotFound(c);
  });

  routes.post('/:locale/review/re-reviews/:reReviewId', 'reviewer', async (c) => {
    const loaded = await loadOwn(c);
    if (!loaded) return renderNotFound(c);
    const m = c.get('m');
    const body = await c.req.parseBody();
    const form = parseForm(reReviewOpinionSchema(m), body);
    if (!form.ok) return reviewerPage(c, loaded, { errors: form.errors, values: form.values, status: 422 });
    const saved = await reReviewWorkflow.opinion(
      loaded.reReview.id,
      currentUser(c).id,
      form.data.recommendation,
      form.data.rationale,
    );
    if (!saved) return renderError(c, 409, m.errors.title, m.reReview.closed);
    return c.redirect(`/${c.get('locale')}/review/re-reviews/${loaded.reReview.id}?notice=submitted`, 303);
  });
}
