import type { Context } from 'hono';
import { withRecommendedShare } from '../criteria/rules';
import { canApply, isApplicationStatus } from '../applications/rules';
import { dimensions } from '../criteria/dimensions-rules';
import { canSeeOtherReviews, reviewedEvaluation, type Outcome, type Verdict } from './rules';
import { formatDate, formatDateTime, type Messages } from '../../platform/i18n';
import type { Criterion } from '../criteria/rules';
import type { VerdictInput } from './store';
import { parseSnapshot } from '../applications/snapshot';
import type { AppEnv } from '../../platform/web/env';
import {
  conflictSchema,
  decisionSchema,
  messageSchema,
  reviewerProfileSchema,
  reviewFormSchema,
  verdictSchema,
} from '../../web/form-schemas';
import {
  bodyLimitOf,
  charactersOf,
  fieldLimits,
  parseForm,
  valuesOf,
  type FieldErrors,
  type FormValues,
} from '../../platform/web/forms';
import { accessFor, signedInPrincipal, textFormLimit, type RouteRegistry } from '../../platform/web/routing';
import { staffAccessFor } from '../applications/access';
import { decide } from './decide';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { AnswerView, textOf } from '../applications/pages/application-parts';
import {
  ButtonForm,
  ErrorSummary,
  Field,
  Notice,
  PageHeader,
  PostForm,
  TableRegion,
} from '../../platform/web/views/components';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import { AnswerDiff, AppealReasons, Thread } from './pages/review-parts';

type Ctx = Context<AppEnv>;

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

export function registerReviewRoutes(routes: RouteRegistry, services: AppServices): void {
  const { applications, review, reviewers, criteria, products, companies, workflow, audit } = services;
  const isAdmin = (c: Ctx) => accessFor(c, 'admin').allowed;
  const decideDependencies = {
    ...services,
    dialect: services.database.dialect,
    baseUrl: services.config.baseUrl,
  };
  // The review form carries a verdict and a comment for every criterion of the largest version.
  const mostCriteria = Math.max(...[...criteria.versions.values()].map((version) => version.criteria.length));
  const workspaceLimit = textFormLimit(
    charactersOf(reviewFormSchema) + mostCriteria * charactersOf(verdictSchema),
  );

  routes.get('/:locale/review', 'reviewer', async (c) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const [mine, reReviews] = await Promise.all([
      review.assignedTo(currentUser(c).id),
      services.reReviews.forReviewer(currentUser(c).id),
    ]);
    const open = mine.filter((entry) => isApplicationStatus(entry.status) && entry.status !== 'withdrawn');
    return page(
      c,
      { title: m.review.title, indexable: false },
      <>
        <PageHeader title={m.review.title} lead={m.review.lead} />
        <p>
          <a href={`/${locale}/review/profile`}>{m.review.profile}</a>
          {isAdmin(c) ? (
            <>
              {' · '}
              <a href={`/${locale}/admin/reviews`}>{m.review.adminTitle}</a>
            </>
          ) : null}
        </p>
        <h2>{m.review.assignedToYou}</h2>
        {open.length === 0 ? (
          <p>{m.review.queueEmpty}</p>
        ) : (
          <TableRegion label={m.review.assignedToYou}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{m.review.product}</th>
                  <th scope="col">{m.review.company}</th>
                  <th scope="col">{m.review.status}</th>
                  <th scope="col">{m.review.submittedOn}</th>
                </tr>
              </thead>
              <tbody>
                {open.map((entry) => (
                  <tr>
                    <td>
                      <a href={`/${locale}/review/applications/${entry.id}`}>{entry.productName}</a>
                    </td>
                    <td>{entry.companyName}</td>
                    <td>
                      {m.applications.statuses[entry.status]} · {m.review.roundLabel(entry.round)}
                    </td>
                    <td>{entry.submittedAt ? formatDate(locale, entry.submittedAt) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {reReviews.length > 0 ? (
          <>
            <h2>{m.reReview.listTitle}</h2>
            <ul class="plain-list">
              {reReviews.map((entry) => (
                <li>
                  <a href={`/${locale}/review/re-reviews/${entry.id}`}>{entry.product_name}</a>{' '}
                  <span class="muted">
                    {entry.company_name}
                    {entry.own_submitted_at ? ` · ${m.reReview.given}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </>,
    );
  });

  const profilePage = async (
    c: Ctx,
    state: { errors?: FieldErrors; values?: FormValues; status?: 422 } = {},
  ) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const user = currentUser(c);
    const [member, companyList] = await Promise.all([
      reviewers.member(user.id),
      reviewers.conflictCandidates(user.id),
    ]);
    const notices: Record<string, string> = {
      saved: m.review.profileSaved,
      conflict: m.review.conflictSaved,
    };
    const notice = notices[c.req.query('notice') ?? ''];
    return page(
      c,
      { title: m.review.profile, indexable: false, status: state.status ?? 200 },
      <>
        {notice ? <Notice>{notice}</Notice> : null}
        <PageHeader title={m.review.profile} lead={m.review.profileLead} />
        {member ? (
          <PostForm
            action={`/${locale}/review/profile`}
            errorTitle={m.errors.formProblems}
            errors={state.errors}
            submitLabel={m.review.saveProfile}
          >
            <Field
              name="capacity"
              label={m.review.capacity}
              hint={m.review.capacityHint}
              maxLength={2}
              values={state.values ?? { capacity: String(member.capacity) }}
              errors={state.errors}
            />
            <div class="field">
              <label class="choice">
                <input type="checkbox" name="available" checked={member.available} /> {m.review.available}
              </label>
            </div>
          </PostForm>
        ) : (
          <p>{m.review.notInPool}</p>
        )}
        <section class="card" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">{m.review.conflicts}</h2>
          <p>{m.review.conflictsLead}</p>
          {member && member.conflicts.length > 0 ? (
            <ul class="plain-list">
              {member.conflicts.map((conflict) => (
                <li>
                  {conflict.companyName}
                  {conflict.reason ? <span class="muted"> – {conflict.reason}</span> : null}{' '}
                  <ButtonForm
                    action={`/${locale}/review/conflicts/${conflict.companyId}/remove`}
                    label={m.review.withdrawConflict}
                    look="link"
                    subject={conflict.companyName}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{m.review.noConflicts}</p>
          )}
          <PostForm
            action={`/${locale}/review/conflicts`}
            errorTitle={m.errors.formProblems}
            submitLabel={m.review.declareConflict}
            liveValidation={false}
          >
            <div class="field">
              <label for="companyId">{m.review.company}</label>
              <select id="companyId" name="companyId">
                {companyList.map((company) => (
                  <option value={company.id}>{company.name}</option>
                ))}
              </select>
            </div>
            <Field name="reason" label={m.review.conflictReason} required={false} maxLength={500} />
          </PostForm>
        </section>
      </>,
    );
  };

  routes.get('/:locale/review/profile', 'reviewer', (c) => profilePage(c));

  routes.post('/:locale/review/profile', 'reviewer', async (c) => {
    const form = parseForm(reviewerProfileSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return profilePage(c, { errors: form.errors, values: form.values, status: 422 });
    await reviewers.saveProfile(currentUser(c).id, form.data.capacity, form.data.available, services.now());
    await workflow.fillAssignments();
    return c.redirect(`/${c.get('locale')}/review/profile?notice=saved`, 303);
  });

  routes.post('/:locale/review/conflicts', 'reviewer', async (c) => {
    const form = parseForm(conflictSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return profilePage(c, { errors: form.errors, values: form.values, status: 422 });
    if (!(await companies.find(form.data.companyId))) return renderNotFound(c);
    await workflow.conflictDeclared(currentUser(c).id, form.data.companyId, form.data.reason);
    return c.redirect(`/${c.get('locale')}/review/profile?notice=conflict`, 303);
  });

  routes.post('/:locale/review/conflicts/:companyId/remove', 'reviewer', async (c) => {
    if (!(await reviewers.withdrawConflict(currentUser(c).id, c.req.param('companyId') ?? '')))
      return renderNotFound(c);
    await audit.append(
      { actorId: currentUser(c).id, action: 'conflict-withdrawn', subjectId: c.req.param('companyId') ?? '' },
      services.now(),
    );
    return c.redirect(`/${c.get('locale')}/review/profile?notice=conflict`, 303);
  });

  /**
   * The application in the URL if the user may review it: an assigned reviewer or an admin, either without
   * a conflict of interest with its company (declared, or as its member). Everyone else gets a 404, as if
   * it did not exist.
   */
  async function loadForReview(c: Ctx) {
    const application = await applications.find(c.req.param('applicationId') ?? '');
    if (!application || application.status === 'draft') return undefined;
    const user = currentUser(c);
    const admin = isAdmin(c);
    const assignedIds = (await review.assignments(application.id)).map((row) => row.reviewerId);
    const assigned = assignedIds.includes(user.id);
    const conflicted = await reviewers.isConflicted(user.id, application.organization_id);
    if (!staffAccessFor(c, assigned, conflicted).allowed) return undefined;
    const pinned = criteria.versions.get(application.criteria_version);
    const product = await products.find(application.organization_id, application.product_id);
    if (!pinned || !product) return undefined;
    const version = withRecommendedShare(pinned, (await services.settings.review()).recommendedShare);
    return { application, version, product, admin, assigned };
  }
  type Loaded = NonNullable<Awaited<ReturnType<typeof loadForReview>>>;

  interface WorkspaceState {
    errors?: FieldErrors;
    values?: FormValues;
    decisionErrors?: FieldErrors;
    status?: 409 | 422;
  }

  const workspace = async (c: Ctx, loaded: Loaded, state: WorkspaceState = {}) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const user = currentUser(c);
    const { application, version, product } = loaded;
    const base = `/${locale}/review/applications/${application.id}`;
    const [answers, rounds, messages, decisions, previous, current, history, settings] = await Promise.all([
      applications.answers(application.id),
      review.round(application.id, application.round),
      review.messages(application.id),
      review.decisions(application.id),
      review.snapshot(application.id, application.round - 1),
      review.snapshot(application.id, application.round),
      audit.forApplication(application.id),
      services.settings.review(),
    ]);
    const own = rounds.find((round) => round.reviewerId === user.id);
    const seeOthers = canSeeOtherReviews({ isAdmin: loaded.admin }, own);
    const others = rounds.filter((round) => round.reviewerId !== user.id);
    const before = parseSnapshot(previous);
    const after = parseSnapshot(current);
    const editable = loaded.assigned && canApply(application.status, 'review');
    const values = state.values ?? {};
    const valueOf = (name: string, fallback: string) => values[name] ?? fallback;
    const evaluation = reviewedEvaluation(
      version,
      new Map([...answers].map(([id, answer]) => [id, answer.status])),
      rounds,
    );
    const allSubmitted =
      rounds.length >= settings.reviewersPerApplication &&
      rounds.every((round) => round.recommendation !== null);
    const notices: Record<string, string> = {
      saved: m.review.verdictsSaved,
      submitted: m.review.reviewSubmitted,
      decided: m.review.decided,
      message: m.review.messageSent,
    };
    const notice = notices[c.req.query('notice') ?? ''];
    const fileHref = (fileId: string) => `/${locale}/applications/${application.id}/files/${fileId}`;
    const labelOfVerdict = (verdict: Verdict | undefined) =>
      verdict ? m.review.verdicts[verdict] : m.review.noVerdict;

    return page(
      c,
      { title: m.review.workspaceTitle(product.name), indexable: false, status: state.status ?? 200 },
      <>
        {notice ? <Notice>{notice}</Notice> : null}
        <p>
          <a href={`/${locale}/review`}>← {m.review.backToList}</a>
        </p>
        <PageHeader title={m.review.workspaceTitle(product.name)} />
        {application.appealed_at ? (
          <AppealReasons
            title={m.review.appealTitle}
            lead={m.review.appealLead}
            reasons={application.appeal_reason ?? ''}
          />
        ) : null}
        <p class="muted">
          {m.applications.statuses[application.status]} · {m.review.roundLabel(application.round)} ·{' '}
          {m.applications.criteriaVersion(version.version)}
        </p>
        <section class="card" aria-labelledby="product-title">
          <h2 id="product-title">{m.review.productFacts}</h2>
          <dl class="facts">
            <dt>{m.products.modelNumbers}</dt>
            <dd>{product.model_numbers.split('\n').join(', ')}</dd>
            <dt>{m.products.webPage}</dt>
            <dd>
              <a href={product.web_page_url} rel="nofollow ugc noopener">
                {product.web_page_url}
              </a>
            </dd>
            <dt>{m.products.firmwareVersion}</dt>
            <dd>{product.firmware_version}</dd>
            <dt>{m.products.supportEndDate}</dt>
            <dd>{formatDate(locale, product.support_end_date)}</dd>
          </dl>
          <p>{product.description}</p>
        </section>
        <section class="card" aria-labelledby="reviewers-title">
          <h2 id="reviewers-title">{m.review.reviewers}</h2>
          <ul class="plain-list">
            {rounds.map((round) => (
              <li>
                {round.reviewerName}:{' '}
                {round.recommendation
                  ? seeOthers || round.reviewerId === user.id
                    ? `${m.review.outcomes[round.recommendation]} – ${round.rationale}`
                    : m.review.hasSubmitted
                  : m.review.stillReviewing}
              </li>
            ))}
          </ul>
          {!seeOthers ? <p class="muted">{m.review.independentFirstLook}</p> : null}
        </section>
        {decisions.length > 0 ? (
          <section class="card" aria-labelledby="decisions-title">
            <h2 id="decisions-title">{m.review.decisions}</h2>
            <ul class="plain-list">
              {decisions.map((decision) => (
                <li>
                  {m.review.roundLabel(decision.round)}:{' '}
                  <strong>{m.review.outcomes[decision.outcome as Outcome]}</strong> – {decision.rationale}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <ErrorSummary title={m.errors.formProblems} errors={state.errors} />
        {dimensions.map((dimension) => (
          <section aria-labelledby={`review-${dimension}`}>
            <h2 id={`review-${dimension}`}>{m.dimensions.items[dimension].name}</h2>
            {version.criteria
              .filter((criterion) => criterion.dimension === dimension)
              .map((criterion) => {
                const answer = answers.get(criterion.id);
                const mine = own?.verdicts.get(criterion.id);
                const verdictName = `verdict-${criterion.id}`;
                const commentName = `comment-${criterion.id}`;
                const chosen = valueOf(verdictName, mine ?? '');
                const verdictError = state.errors?.[verdictName];
                const commentError = state.errors?.[commentName];
                const thread = messages.filter((message) => message.criterion_id === criterion.id);
                return (
                  <article class="card review-item" id={`criterion-${criterion.id}`}>
                    <h3>
                      {criterion.id} {textOf(criterion, locale).title}{' '}
                      <span class={criterion.level === 'required' ? 'tag tag-required' : 'tag'}>
                        {m.applications.levels[criterion.level]}
                      </span>
                    </h3>
                    <p class="muted">{textOf(criterion, locale).question}</p>
                    {answer ? <AnswerView answer={answer} m={m} fileHref={fileHref} /> : null}
                    {application.round > 1 ? (
                      <AnswerDiff before={before.get(criterion.id)} after={after.get(criterion.id)} m={m} />
                    ) : null}
                    {seeOthers && others.length > 0 ? (
                      <ul class="plain-list other-verdicts">
                        {others.map((round) => (
                          <li>
                            {round.reviewerName}:{' '}
                            <strong>{labelOfVerdict(round.verdicts.get(criterion.id))}</strong>
                            {round.comments.get(criterion.id) ? ` – ${round.comments.get(criterion.id)}` : ''}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {editable ? (
                      <fieldset class={verdictError ? 'field field-error' : 'field'}>
                        <legend>{m.review.yourVerdict(criterion.id)}</legend>
                        {verdictError ? (
                          <p class="error-text" id={`${verdictName}-error`}>
                            {verdictError}
                          </p>
                        ) : null}
                        {(['accepted', 'needs-clarification', 'not-met'] as const).map((verdict) => (
                          <label class="choice">
                            <input
                              type="radio"
                              form="review-form"
                              name={verdictName}
                              value={verdict}
                              checked={chosen === verdict}
                            />{' '}
                            {m.review.verdicts[verdict]}
                          </label>
                        ))}
                        <label for={commentName}>{m.review.comment}</label>
                        {commentError ? (
                          <p class="error-text" id={`${commentName}-error`}>
                            {commentError}
                          </p>
                        ) : null}
                        <textarea
                          id={commentName}
                          name={commentName}
                          form="review-form"
                          maxlength={5000}
                          rows={2}
                          aria-invalid={commentError ? 'true' : undefined}
                          aria-describedby={commentError ? `${commentName}-error` : undefined}
                        >
                          {valueOf(commentName, own?.comments.get(criterion.id) ?? '')}
                        </textarea>
                      </fieldset>
                    ) : mine ? (
                      <p>
                        {m.review.yourVerdict(criterion.id)}: <strong>{labelOfVerdict(mine)}</strong>
                      </p>
                    ) : null}
                    {thread.length > 0 || application.status === 'changes-requested' ? (
                      <details open={thread.length > 0}>
                        <summary>{m.review.thread(thread.length)}</summary>
                        <Thread
                          messages={thread}
                          m={m}
                          locale={locale}
                          showReviewerNames
                          replyAction={
                            application.status === 'changes-requested' || application.status === 'in-review'
                              ? `${base}/criteria/${criterion.id}/messages`
                              : undefined
                          }
                        />
                      </details>
                    ) : null}
                  </article>
                );
              })}
          </section>
        ))}
        {editable ? (
          <form method="post" action={base} id="review-form" class="form card" novalidate>
            <h2>{m.review.yourReview}</h2>
            <fieldset class={state.errors?.['recommendation'] ? 'field field-error' : 'field'}>
              <legend>{m.review.recommendation}</legend>
              {state.errors?.['recommendation'] ? (
                <p class="error-text" id="recommendation-error">
                  {state.errors['recommendation']}
                </p>
              ) : null}
              {(['certify', 'request-changes', 'not-certify'] as const).map((outcome) => (
                <label class="choice">
                  <input
                    type="radio"
                    name="recommendation"
                    value={outcome}
                    checked={valueOf('recommendation', own?.recommendation ?? '') === outcome}
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
              maxLength={10_000}
              errors={state.errors}
              values={{
                rationale: valueOf(
                  'rationale',
                  rounds.find((r) => r.reviewerId === user.id)?.rationale ?? '',
                ),
              }}
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
        ) : null}
        {canApply(application.status, 'review') && (loaded.assigned || loaded.admin) ? (
          <section class="card" aria-labelledby="decide-title">
            <h2 id="decide-title">{m.review.decide}</h2>
            <ErrorSummary title={m.errors.formProblems} errors={state.decisionErrors} />
            {!allSubmitted ? (
              <p>{m.review.decideWhenAllSubmitted}</p>
            ) : (
              <>
                <p>{evaluation.passes ? m.review.rulePasses : m.review.ruleFails}</p>
                <PostForm
                  action={`${base}/decide`}
                  errorTitle={m.errors.formProblems}
                  submitLabel={m.review.recordDecision}
                  liveValidation={false}
                >
                  <div class="field">
                    <label for="outcome">{m.review.outcome}</label>
                    <select id="outcome" name="outcome">
                      {(['certify', 'request-changes', 'not-certify'] as const).map((outcome) => (
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
                    maxLength={10_000}
                    errors={state.decisionErrors}
                    values={values}
                  />
                </PostForm>
              </>
            )}
          </section>
        ) : null}
        <section class="card" aria-labelledby="audit-title">
          <h2 id="audit-title">{m.review.history}</h2>
          <ul class="plain-list">
            {history.map((event) => (
              <li>
                {formatDateTime(locale, event.occurred_at)} ·{' '}
                {m.review.auditActions[event.action] ?? event.action}
                {event.reason ? ` – ${event.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
      </>,
    );
  };

  routes.get('/:locale/review/applications/:applicationId', 'reviewer', async (c) => {
    const loaded = await loadForReview(c);
    if (!loaded) return renderNotFound(c);
    return workspace(c, loaded);
  });

  routes.post('/:locale/review/applications/:applicationId', 'reviewer', workspaceLimit, async (c) => {
    const loaded = await loadForReview(c);
    if (!loaded) return renderNotFound(c);
    const m = c.get('m');
    const { application, version } = loaded;
    if (!loaded.assigned || !canApply(application.status, 'review'))
      return renderError(c, 409, m.errors.title, m.review.notReviewable);
    const body = await c.req.parseBody();
    const form = parseForm(reviewFormSchema(m), body);
    const values = valuesOf(body, workspaceFieldLimits(m, version.criteria));
    if (!form.ok) return workspace(c, loaded, { errors: form.errors, values, status: 422 });
    const submitting = form.data.intent === 'submit';
    const errors: FieldErrors = {};
    const entries: VerdictInput[] = [];
    for (const criterion of version.criteria) {
      const verdict = values[`verdict-${criterion.id}`] ?? '';
      const comment = values[`comment-${criterion.id}`] ?? '';
      // While saving, an unchosen verdict is simply not saved yet; submitting needs every one.
      if (!verdict && !submitting) continue;
      const parsed = verdictSchema(m).safeParse({ verdict, comment });
      if (parsed.success) {
        entries.push({ criterionId: criterion.id, ...parsed.data });
        continue;
      }
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'comment' ? `comment-${criterion.id}` : `verdict-${criterion.id}`;
        errors[field] ??= `${criterion.id}: ${issue.message}`;
      }
    }
    if (submitting && !form.data.recommendation) errors['recommendation'] = m.review.recommendationMissing;
    if (submitting && !form.data.rationale) errors['rationale'] = m.validation.required;
    if (Object.keys(errors).length > 0) return workspace(c, loaded, { errors, values, status: 422 });
    const user = currentUser(c);
    const now = services.now();
    if (!(await review.saveVerdicts(application.id, user.id, application.round, entries, now)))
      return renderError(c, 409, m.errors.title, m.review.notReviewable);
    if (submitting && form.data.recommendation) {
      await review.submitReview(
        application.id,
        user.id,
        application.round,
        form.data.recommendation,
        form.data.rationale,
        now,
      );
      await workflow.reviewSubmitted(application.id, user.id, application.round, form.data.recommendation);
    }
    return c.redirect(
      `/${c.get('locale')}/review/applications/${application.id}?notice=${submitting ? 'submitted' : 'saved'}`,
      303,
    );
  });

  routes.post(
    '/:locale/review/applications/:applicationId/decide',
    'reviewer',
    bodyLimitOf(decisionSchema),
    async (c) => {
      const loaded = await loadForReview(c);
      if (!loaded) return renderNotFound(c);
      const m = c.get('m');
      const { application } = loaded;
      const body = await c.req.parseBody();
      const form = parseForm(decisionSchema(m), {
        outcome: body['outcome'],
        rationale: body['decisionRationale'],
      });
      const { outcome = 0, rationale = 0 } = fieldLimits(decisionSchema(m));
      const values = valuesOf(
        { outcome: body['outcome'] ?? '', decisionRationale: body['decisionRationale'] ?? '' },
        { outcome, decisionRationale: rationale },
      );
      if (!form.ok) {
        const decisionErrors: FieldErrors = {};
        if (form.errors['rationale']) decisionErrors['decisionRationale'] = form.errors['rationale'];
        if (form.errors['outcome']) decisionErrors['outcome'] = form.errors['outcome'];
        return workspace(c, loaded, { decisionErrors, values, status: 422 });
      }
      const result = await decide(decideDependencies, {
        actor: signedInPrincipal(c),
        applicationId: application.id,
        outcome: form.data.outcome,
        rationale: form.data.rationale,
      });
      if (result.kind === 'not-found') return renderNotFound(c);
      if (result.kind === 'already-decided')
        return renderError(c, 409, m.errors.title, m.review.alreadyDecided);
      if (result.kind === 'refused') {
        const { refusal } = result;
        const decisionErrors = { outcome: m.review.refusals[refusal] ?? refusal };
        return workspace(c, loaded, {
          decisionErrors,
          values,
          status: refusal === 'not-allowed' ? 422 : 409,
        });
      }
      return c.redirect(`/${c.get('locale')}/review/applications/${application.id}?notice=decided`, 303);
    },
  );

  routes.post(
    '/:locale/review/applications/:applicationId/criteria/:criterionId/messages',
    'reviewer',
    async (c) => {
      const loaded = await loadForReview(c);
      if (!loaded) return renderNotFound(c);
      const m = c.get('m');
      const criterion = loaded.version.criteria.find((item) => item.id === c.req.param('criterionId'));
      if (!criterion) return renderNotFound(c);
      if (!['in-review', 'changes-requested'].includes(loaded.application.status))
        return renderError(c, 409, m.errors.title, m.review.notReviewable);
      const form = parseForm(messageSchema(m), await c.req.parseBody());
      if (!form.ok) return workspace(c, loaded, { errors: { body: form.errors['body'] ?? '' }, status: 422 });
      const user = currentUser(c);
      await review.addMessage({
        applicationId: loaded.application.id,
        criterionId: criterion.id,
        round: loaded.application.round,
        author: { id: user.id, name: user.name },
        side: 'reviewer',
        body: form.data.body,
        now: services.now(),
      });
      return c.redirect(
        `/${c.get('locale')}/review/applications/${loaded.application.id}?notice=message#criterion-${criterion.id}`,
        303,
      );
    },
  );
}
