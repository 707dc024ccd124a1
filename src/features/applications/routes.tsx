import type { Context } from 'hono';
import { canAppeal, canApply } from './rules';
import { canPerform } from '../companies/rules';
import { withRecommendedShare, type Criterion } from '../criteria/rules';
import {
  answerProblems,
  dimensionProgress,
  submissionBlockers,
  type AnswerStatus,
} from '../review/decision-rules';
import { dimensions } from '../criteria/dimensions-rules';
import { deletionDate, isUnsuccessful } from '../privacy/rules';
import {
  cleanFileName,
  detectEvidenceType,
  maximumEvidenceBytes,
} from '../../platform/storage/evidence-types';
import { formatDate, formatDateTime } from '../../platform/i18n';
import type { ApplicationRow } from '../../platform/db/schema';
import type { AnswerRecord } from './store';
import type { AppEnv } from '../../platform/web/env';
import { answerSchema, appealSchema, evidenceLinkSchema, messageSchema } from '../../web/form-schemas';
import { uploadLimit } from '../../platform/web/upload-limit';
import { bodyLimitOf, parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import { applicationAccessFor } from './access';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { AnswerView, blockerCriterion, describeBlocker, textOf } from './pages/application-parts';
import {
  ButtonForm,
  ErrorSummary,
  Field,
  Notice,
  PageHeader,
  PostForm,
  UploadForm,
} from '../../platform/web/views/components';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import { applicationStatusLabel, MarkCard } from '../registry/pages/mark-status';
import { AppealForm, AppealReasons, ReviewStatus, Thread } from '../review/pages/review-parts';

type Ctx = Context<AppEnv>;

export function registerApplicationRoutes(routes: RouteRegistry, services: AppServices): void {
  const { applications, companies, products, criteria, files, review, reviewers, workflow } = services;

  /**
   * The application in the URL if the signed-in user may see it: members of its company, and read-only
   * its assigned reviewers (unless conflicted) and admins, with their second factor. Everyone else gets
   * the same 404 as for an application that does not exist.
   */
  async function loadApplication(c: Ctx) {
    const application = await applications.find(c.req.param('applicationId') ?? '');
    if (!application) return undefined;
    const user = currentUser(c);
    const membership = await companies.membershipById(application.organization_id, user.id);
    const relation = {
      member: Boolean(membership),
      assigned: !membership && (await isAssignedReviewer(application, user.id)),
    };
    if (!applicationAccessFor(c, relation).allowed) return undefined;
    const pinned = criteria.versions.get(application.criteria_version);
    const product = await products.find(application.organization_id, application.product_id);
    if (!pinned || !product) return undefined;
    const version = withRecommendedShare(pinned, (await services.settings.review()).recommendedShare);
    const canEdit = Boolean(membership) && canApply(application.status, 'edit');
    const canManage = Boolean(membership && canPerform(membership.role, 'invite'));
    return { application, membership, version, product, canEdit, canManage };
  }
  type Loaded = NonNullable<Awaited<ReturnType<typeof loadApplication>>>;

  async function isAssignedReviewer(application: ApplicationRow, userId: string): Promise<boolean> {
    if (application.status === 'draft') return false;
    const assigned = (await review.assignments(application.id)).some((row) => row.reviewerId === userId);
    return assigned && !(await reviewers.isConflicted(userId, application.organization_id));
  }

  const basePath = (c: Ctx, loaded: Loaded) => `/${c.get('locale')}/applications/${loaded.application.id}`;
  const criterionOf = (loaded: Loaded, id: string | undefined) =>
    loaded.version.criteria.find((criterion) => criterion.id === id);
  const author = (c: Ctx) => ({ id: currentUser(c).id, name: currentUser(c).name });
  const locked = (c: Ctx) => renderError(c, 409, c.get('m').errors.title, c.get('m').applications.locked);

  const applicationPage = async (
    c: Ctx,
    loaded: Loaded,
    appeal: { errors?: FieldErrors; values?: FormValues; status?: 422 } = {},
  ) => {
    const m = c.get('m');
    const appealErrors = appeal.errors;
    const appealValues = appeal.values ?? {};
    const locale = c.get('locale');
    const { application, version, product } = loaded;
    const answers = await applications.answers(application.id);
    const blockers = canApply(application.status, 'edit') ? submissionBlockers(version, answers) : [];
    // Many open criteria are better read in the task list itself; every other problem is listed.
    const unanswered = blockers.filter(
      (blocker) => blocker.kind === 'answer' && blocker.problem === 'unanswered',
    );
    const listed =
      unanswered.length > 5 ? blockers.filter((blocker) => !unanswered.includes(blocker)) : blockers;
    const base = basePath(c, loaded);
    const notices: Record<string, string> = {
      submitted: m.applications.submitted,
      withdrawn: m.applications.withdrawn,
      resubmitted: m.applications.resubmitted,
      kept: m.applications.keptNotice,
      appealed: m.applications.appealed,
      released: m.applications.releasedNotice,
    };
    const [place, decisions, messages, certification] = await Promise.all([
      application.status === 'submitted' ? workflow.queuePlaceOf(application.id) : undefined,
      review.decisions(application.id),
      review.messages(application.id),
      services.registry.forApplication(application.id),
    ]);
    const mark = certification ? { certification, now: services.now(), locale, m } : undefined;
    const notice = notices[c.req.query('notice') ?? ''];
    return page(
      c,
      { title: m.applications.title(product.name), indexable: false, status: appeal.status ?? 200 },
      <>
        {notice ? <Notice>{notice}</Notice> : null}
        <PageHeader title={m.applications.title(product.name)} />
        <p class="muted">
          {applicationStatusLabel(application, certification ? [certification] : [], services.now(), m)} ·{' '}
          {m.applications.criteriaVersion(version.version)}
        </p>
        {mark ? (
          <section class="card" aria-labelledby="mark-title">
            <h2 id="mark-title">{m.products.certification}</h2>
            <MarkCard {...mark} />
          </section>
        ) : null}
        <ReviewStatus
          status={application.status}
          place={place}
          pause={c.get('reviewPause')}
          decisions={decisions}
          openQuestions={[
            ...new Set(
              messages
                .filter((message) => message.round === application.round)
                .map((message) => message.criterion_id),
            ),
          ]}
          base={base}
          m={m}
        />
        {application.appealed_at ? (
          <AppealReasons
            title={m.applications.appealedOn(formatDate(locale, application.appealed_at))}
            lead={application.status === 'not-certified' ? m.applications.appealUsed : undefined}
            reasons={application.appeal_reason ?? ''}
          />
        ) : loaded.canManage && canAppeal({ status: application.status, appealedAt: null }) ? (
          <AppealForm action={`${base}/appeal`} m={m} errors={appealErrors} values={appealValues} />
        ) : null}
        {loaded.membership && isUnsuccessful(application.status) ? (
          <section class="card" aria-labelledby="retention-title">
            <h2 id="retention-title">{m.applications.retentionTitle}</h2>
            <p>
              {application.kept
                ? m.applications.retentionKept
                : m.applications.retentionPending(
                    formatDate(
                      locale,
                      deletionDate(
                        application.decided_at ?? application.updated_at,
                        services.config.unsuccessfulRetentionDays,
                      ),
                    ),
                  )}
            </p>
            {loaded.canManage ? (
              <ButtonForm
                action={`${base}/${application.kept ? 'release' : 'keep'}`}
                label={application.kept ? m.applications.release : m.applications.keep}
                look="secondary"
              />
            ) : null}
          </section>
        ) : null}
        {canApply(application.status, 'edit') ? (
          <section class={blockers.length > 0 ? 'card blockers' : 'card'} aria-labelledby="blockers-title">
            <h2 id="blockers-title">{m.applications.blockersTitle}</h2>
            {blockers.length === 0 ? (
              <p>{m.applications.noBlockers}</p>
            ) : (
              <ul>
                {unanswered.length > 5 ? <li>{m.applications.manyUnanswered(unanswered.length)}</li> : null}
                {listed.map((blocker) => {
                  const id = blockerCriterion(blocker);
                  const text = describeBlocker(blocker, version.criteria, m, locale);
                  return <li>{id ? <a href={`${base}/criteria/${id}`}>{text}</a> : text}</li>;
                })}
              </ul>
            )}
          </section>
        ) : null}
        <h2>{m.applications.taskList}</h2>
        {dimensions.map((dimension) => {
          const progress = dimensionProgress(version, answers, dimension);
          return (
            <section class="card" aria-labelledby={`dimension-${dimension}`}>
              <h3 id={`dimension-${dimension}`}>
                {m.dimensions.items[dimension].name}{' '}
                <span class="tag">{m.applications.progress(progress.complete, progress.total)}</span>
              </h3>
              <table class="table table-stack">
                <tbody>
                  {version.criteria
                    .filter((criterion) => criterion.dimension === dimension)
                    .map((criterion) => {
                      const answer = answers.get(criterion.id);
                      const problems = answerProblems(criterion, answer);
                      return (
                        <tr>
                          <td>
                            <a href={`${base}/criteria/${criterion.id}`}>
                              {criterion.id} {textOf(criterion, locale).title}
                            </a>
                          </td>
                          <td>
                            <span class={criterion.level === 'required' ? 'tag tag-required' : 'tag'}>
                              {m.applications.levels[criterion.level]}
                            </span>
                          </td>
                          <td>
                            {answer?.status
                              ? m.applications.answerStatuses[answer.status]
                              : m.applications.noAnswer}
                            {problems.length > 0 ? (
                              <span class="muted">
                                {' '}
                                ({problems.map((problem) => m.applications.problems[problem]).join('; ')})
                              </span>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            </section>
          );
        })}
        <section class="actions">
          {loaded.canManage && canApply(application.status, 'submit') ? (
            <ButtonForm action={`${base}/submit`} label={m.applications.submit} look="primary" />
          ) : null}
          {loaded.canManage && canApply(application.status, 'resubmit') ? (
            <ButtonForm action={`${base}/resubmit`} label={m.applications.resubmit} look="primary" />
          ) : null}
          <a class="button button-secondary" href={`${base}/export.json`}>
            {m.applications.exportJson}
          </a>
          <a class="button button-secondary" href={`${base}/print`}>
            {m.applications.print}
          </a>
          {loaded.canManage && canApply(application.status, 'withdraw') ? (
            <ButtonForm action={`${base}/withdraw`} label={m.applications.withdraw} look="secondary" />
          ) : null}
          {loaded.canManage && canApply(application.status, 'delete') ? (
            <ButtonForm action={`${base}/delete`} label={m.applications.delete} look="danger" />
          ) : null}
        </section>
      </>,
    );
  };

  routes.get('/:locale/applications/:applicationId', 'signed-in', async (c) => {
    const loaded = await loadApplication(c);
    if (!loaded) return renderNotFound(c);
    return applicationPage(c, loaded);
  });

  routes.post(
    '/:locale/applications/:applicationId/appeal',
    'signed-in',
    bodyLimitOf(appealSchema),
    async (c) => {
      const loaded = await loadApplication(c);
      if (!loaded || !loaded.membership) return renderNotFound(c);
      const m = c.get('m');
      if (!loaded.canManage) return renderError(c, 403, m.errors.forbiddenTitle, m.applications.notAllowed);
      const { application } = loaded;
      if (!canAppeal({ status: application.status, appealedAt: application.appealed_at }))
        return renderError(c, 409, m.errors.title, m.applications.appealNotPossible);
      const body = await c.req.parseBody();
      const form = parseForm(appealSchema(m), body);
      if (!form.ok) {
        const values = { reasons: form.values['reasons'] ?? '' };
        return applicationPage(c, loaded, { errors: form.errors, values, status: 422 });
      }
      if (!(await workflow.appeal(application, form.data.reasons, currentUser(c).id)))
        return renderError(c, 409, m.errors.title, m.applications.appealNotPossible);
      return c.redirect(`${basePath(c, loaded)}?notice=appealed`, 303);
    },
  );

  /** The criterion page: question and guidance, the answer form, evidence and history. */
  async function criterionPage(
    c: Ctx,
    loaded: Loaded,
    criterion: Criterion,
    state: {
      errors?: FieldErrors;
      status?: 200 | 409 | 413 | 422;
      draft?: { status: AnswerStatus | null; explanation: string };
    } = {},
  ) {
    const m = c.get('m');
    const locale = c.get('locale');
    const base = basePath(c, loaded);
    const answers = await applications.answers(loaded.application.id);
    const answer = answers.get(criterion.id);
    if (!answer) return renderNotFound(c);
    const [history, allMessages] = await Promise.all([
      applications.history(answer.id),
      review.messages(loaded.application.id),
    ]);
    const thread = allMessages.filter((message) => message.criterion_id === criterion.id);
    const text = textOf(criterion, locale);
    const index = loaded.version.criteria.indexOf(criterion);
    const previous = loaded.version.criteria[index - 1];
    const next = loaded.version.criteria[index + 1];
    const shown = state.draft ?? { status: answer.status, explanation: answer.explanation };
    const here = `${base}/criteria/${criterion.id}`;
    const fileHref = (fileId: string) => `${base}/files/${fileId}`;
    return page(
      c,
      { title: `${criterion.id} ${text.title}`, status: state.status ?? 200, indexable: false },
      <>
        <p>
          <a href={base}>← {m.applications.back}</a>
        </p>
        {c.req.query('notice') === 'saved' ? <Notice>{m.applications.saved}</Notice> : null}
        <PageHeader title={`${criterion.id} ${text.title}`} lead={text.question} />
        <p>
          <span class={criterion.level === 'required' ? 'tag tag-required' : 'tag'}>
            {m.applications.levels[criterion.level]}
          </span>{' '}
          <span class="tag">{m.dimensions.items[criterion.dimension].name}</span>
        </p>
        {thread.length > 0 ? (
          <section class="card questions" aria-labelledby="questions-title">
            <h2 id="questions-title">{m.applications.questions}</h2>
            <Thread
              messages={thread}
              m={m}
              locale={locale}
              showReviewerNames={!loaded.membership}
              replyAction={
                loaded.membership && loaded.application.status === 'changes-requested'
                  ? `${here}/messages`
                  : undefined
              }
            />
          </section>
        ) : null}
        <details class="card" open={answer.status === null}>
          <summary>{m.applications.guidance}</summary>
          <p>{text.guidance}</p>
          <p>
            <strong>{m.applications.evidenceExamples}:</strong> {text.evidence}
          </p>
        </details>
        {answer.needsConfirmation && loaded.canEdit ? (
          <Notice tone="warning">{m.applications.needsConfirmation}</Notice>
        ) : null}
        {loaded.canEdit ? (
          <form
            method="post"
            action={here}
            class="form"
            novalidate
            data-autosave
            data-autosave-saved={m.applications.autosaved}
            data-autosave-conflict={m.applications.autosaveConflict}
          >
            <ErrorSummary title={m.errors.formProblems} errors={state.errors} />
            <input type="hidden" name="revision" value={String(answer.revision)} />
            <fieldset class="field">
              <legend>{m.applications.answer}</legend>
              {(['met', 'not-met', 'not-applicable'] as const)
                .filter(
                  (status) => status !== 'not-applicable' || criterion.naAllowed || shown.status === status,
                )
                .map((status) => (
                  <label class="choice">
                    <input type="radio" name="status" value={status} checked={shown.status === status} />{' '}
                    {m.applications.answerStatuses[status]}
                  </label>
                ))}
            </fieldset>
            <Field
              name="explanation"
              label={m.applications.explanation}
              hint={m.applications.explanationHint}
              multiline
              required={false}
              maxLength={20000}
              errors={state.errors}
              values={{ explanation: shown.explanation }}
            />
            <p class="autosave-status muted" role="status" aria-live="polite"></p>
            <button type="submit" class="button">
              {m.applications.saveAnswer}
            </button>
          </form>
        ) : (
          <section class="card">
            <h2>{m.applications.answer}</h2>
            <AnswerView answer={answer} m={m} fileHref={fileHref} />
          </section>
        )}
        <section class="card" aria-labelledby="evidence-title">
          <h2 id="evidence-title">{m.applications.evidence}</h2>
          {answer.links.length + answer.files.length === 0 ? <p>{m.applications.noEvidence}</p> : null}
          <ul class="plain-list evidence-list">
            {answer.links.map((link) => (
              <li>
                <span class="evidence-item">
                  <a href={link.url} rel="nofollow ugc noopener">
                    {link.title}
                  </a>{' '}
                  <span class="muted evidence-source">{link.url}</span>
                </span>{' '}
                {loaded.canEdit ? (
                  <ButtonForm
                    action={`${here}/links/${link.id}/remove`}
                    label={m.applications.remove}
                    look="link"
                    subject={link.title}
                  />
                ) : null}
              </li>
            ))}
            {answer.files.map((file) => (
              <li>
                <span class="evidence-item">
                  <a href={fileHref(file.id)}>{file.file_name}</a>{' '}
                  <span class="muted evidence-source">{`${Math.ceil(file.size_bytes / 1024)} KB`}</span>
                </span>{' '}
                {loaded.canEdit ? (
                  <ButtonForm
                    action={`${here}/files/${file.id}/remove`}
                    label={m.applications.remove}
                    look="link"
                    subject={file.file_name}
                  />
                ) : null}
              </li>
            ))}
          </ul>
          {loaded.canEdit ? (
            <>
              <PostForm
                action={`${here}/links`}
                errorTitle={m.errors.formProblems}
                submitLabel={m.applications.addLink}
              >
                <Field
                  name="url"
                  label={m.applications.linkUrl}
                  type="url"
                  maxLength={2000}
                  errors={state.errors}
                />
                <Field name="title" label={m.applications.linkTitle} maxLength={200} errors={state.errors} />
              </PostForm>
              <UploadForm
                action={`${here}/files`}
                name="file"
                label={m.applications.upload}
                accept="application/pdf,image/png,image/jpeg,image/webp"
                buttonLabel={m.applications.uploadButton}
                error={state.errors?.['file']}
              />
            </>
          ) : null}
        </section>
        <section class="card" aria-labelledby="history-title">
          <h2 id="history-title">{m.applications.history}</h2>
          {history.length === 0 ? <p>{m.applications.noHistory}</p> : null}
          <ol class="plain-list">
            {history.map((revision) => (
              <li>
                <details>
                  <summary>
                    <time datetime={revision.created_at}>
                      {formatDateTime(locale, revision.created_at)} UTC
                    </time>{' '}
                    {m.applications.historyEntry(
                      revision.author_name || m.account.deletedAccount,
                      revision.status
                        ? (m.applications.answerStatuses[revision.status] ?? revision.status)
                        : m.applications.noAnswer,
                    )}
                  </summary>
                  <pre class="mail-body">{revision.explanation}</pre>
                </details>
              </li>
            ))}
          </ol>
        </section>
        <nav class="pager" aria-label={m.applications.taskList}>
          {previous ? (
            <a href={`${base}/criteria/${previous.id}`}>← {m.applications.previous}</a>
          ) : (
            <span></span>
          )}
          {next ? <a href={`${base}/criteria/${next.id}`}>{m.applications.next} →</a> : null}
        </nav>
      </>,
    );
  }

  async function loadCriterion(c: Ctx) {
    const loaded = await loadApplication(c);
    if (!loaded) return undefined;
    const criterion = criterionOf(loaded, c.req.param('criterionId'));
    return criterion ? { loaded, criterion } : undefined;
  }

  routes.get('/:locale/applications/:applicationId/criteria/:criterionId', 'signed-in', async (c) => {
    const found = await loadCriterion(c);
    if (!found) return renderNotFound(c);
    return criterionPage(c, found.loaded, found.criterion);
  });

  /** Both versions side by side; the person picks one, or edits theirs, and nothing is lost. */
  async function conflictPage(
    c: Ctx,
    loaded: Loaded,
    criterion: Criterion,
    mine: { status: AnswerStatus | null; explanation: string },
  ) {
    const m = c.get('m');
    const answers = await applications.answers(loaded.application.id);
    const theirs = answers.get(criterion.id);
    if (!theirs) return renderNotFound(c);
    const history = await applications.history(theirs.id);
    const here = `${basePath(c, loaded)}/criteria/${criterion.id}`;
    const theirAuthor = history[0]?.author_name || m.account.deletedAccount;
    return page(
      c,
      { title: m.applications.conflictTitle, status: 409, indexable: false },
      <>
        <PageHeader title={m.applications.conflictTitle} lead={m.applications.conflictLead} />
        <div class="two-columns">
          <section class="card" aria-labelledby="theirs-title">
            <h2 id="theirs-title">{m.applications.theirVersion(theirAuthor)}</h2>
            <AnswerView answer={theirs} m={m} />
            <p>
              <a class="button button-secondary" href={here}>
                {m.applications.keepTheirs}
              </a>
            </p>
          </section>
          <section class="card" aria-labelledby="mine-title">
            <h2 id="mine-title">{m.applications.yourVersion}</h2>
            <form method="post" action={here} class="form" novalidate>
              <input type="hidden" name="revision" value={String(theirs.revision)} />
              <fieldset class="field">
                <legend>{m.applications.answer}</legend>
                {(['met', 'not-met', 'not-applicable'] as const).map((status) => (
                  <label class="choice">
                    <input type="radio" name="status" value={status} checked={mine.status === status} />{' '}
                    {m.applications.answerStatuses[status]}
                  </label>
                ))}
              </fieldset>
              <Field
                name="explanation"
                label={m.applications.explanation}
                multiline
                required={false}
                maxLength={20000}
                values={{ explanation: mine.explanation }}
              />
              <button type="submit" class="button">
                {m.applications.keepMine}
              </button>
            </form>
          </section>
        </div>
      </>,
    );
  }

  routes.post(
    '/:locale/applications/:applicationId/criteria/:criterionId',
    'signed-in',
    bodyLimitOf(answerSchema),
    async (c) => {
      const found = await loadCriterion(c);
      if (!found) return renderNotFound(c);
      const { loaded, criterion } = found;
      const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
      if (!loaded.canEdit) return wantsJson ? c.json({ ok: false, reason: 'locked' }, 409) : locked(c);
      const m = c.get('m');
      const form = parseForm(answerSchema(m), await c.req.parseBody());
      if (!form.ok) {
        if (wantsJson) return c.json({ ok: false, reason: 'invalid', errors: form.errors }, 422);
        const draft = { status: null, explanation: form.values['explanation'] ?? '' };
        return criterionPage(c, loaded, criterion, { errors: form.errors, status: 422, draft });
      }
      const { status, explanation, revision } = form.data;
      const outcome = await applications.saveAnswer({
        applicationId: loaded.application.id,
        criterionId: criterion.id,
        expectedRevision: revision,
        status,
        explanation,
        author: author(c),
        now: services.now(),
      });
      if (wantsJson) {
        return outcome.ok
          ? c.json({ ok: true, revision: outcome.revision })
          : c.json({ ok: false, reason: outcome.reason }, 409);
      }
      if (!outcome.ok)
        return outcome.reason === 'locked'
          ? locked(c)
          : conflictPage(c, loaded, criterion, { status, explanation });
      return c.redirect(`${basePath(c, loaded)}/criteria/${criterion.id}?notice=saved`, 303);
    },
  );

  /**
   * The evidence routes share their frame: the answer to the criterion in the URL, only while the
   * application may be edited. `change` returns false when the application was locked meanwhile, or a
   * page of its own (a form error); otherwise the person goes back to the criterion page.
   */
  const changeEvidence =
    (
      change: (
        c: Ctx,
        target: { loaded: Loaded; criterion: Criterion; answerId: string },
      ) => Promise<boolean | Response>,
    ) =>
    async (c: Ctx) => {
      const found = await loadCriterion(c);
      if (!found) return renderNotFound(c);
      if (!found.loaded.canEdit) return locked(c);
      const answerId = await applications.answerId(found.loaded.application.id, found.criterion.id);
      if (!answerId) return renderNotFound(c);
      const outcome = await change(c, { ...found, answerId });
      if (outcome instanceof Response) return outcome;
      if (!outcome) return locked(c);
      return c.redirect(`${basePath(c, found.loaded)}/criteria/${found.criterion.id}`, 303);
    };

  /** Evidence that is not part of this answer is not found, as anything outside the company is. */
  const removeEvidence = (kind: 'link' | 'file') =>
    changeEvidence(async (c, { loaded, answerId }) => {
      const remove = kind === 'link' ? applications.removeLink : applications.removeFile;
      const evidenceId = c.req.param(kind === 'link' ? 'linkId' : 'fileId') ?? '';
      const stored = kind === 'file' ? (await applications.findFile(evidenceId))?.storage_key : undefined;
      const outcome = await remove(loaded.application.id, answerId, evidenceId, services.now());
      if (outcome === 'removed') await services.releaseFiles([stored]);
      return outcome === 'not-found' ? renderNotFound(c) : outcome === 'removed';
    });

  routes.post(
    '/:locale/applications/:applicationId/criteria/:criterionId/links',
    'signed-in',
    changeEvidence(async (c, { loaded, criterion, answerId }) => {
      const form = parseForm(evidenceLinkSchema(c.get('m')), await c.req.parseBody());
      if (!form.ok) return criterionPage(c, loaded, criterion, { errors: form.errors, status: 422 });
      return applications.addLink(loaded.application.id, answerId, form.data, author(c), services.now());
    }),
  );

  routes.post(
    '/:locale/applications/:applicationId/criteria/:criterionId/links/:linkId/remove',
    'signed-in',
    removeEvidence('link'),
  );

  routes.post(
    '/:locale/applications/:applicationId/criteria/:criterionId/files',
    'signed-in',
    // The whole upload is refused before it is buffered when it cannot fit the limit.
    uploadLimit(maximumEvidenceBytes, (m) => m.applications.fileTooLarge),
    changeEvidence(async (c, { loaded, criterion, answerId }) => {
      const m = c.get('m');
      const upload = (await c.req.parseBody())['file'];
      const problem = (message: string, status: 413 | 422) =>
        criterionPage(c, loaded, criterion, { errors: { file: message }, status });
      if (!(upload instanceof File) || upload.size === 0) return problem(m.applications.fileMissing, 422);
      if (upload.size > maximumEvidenceBytes) return problem(m.applications.fileTooLarge, 413);
      const bytes = new Uint8Array(await upload.arrayBuffer());
      const contentType = detectEvidenceType(bytes);
      if (!contentType) return problem(m.applications.fileType, 422);
      const file = {
        storageKey: await files.put(bytes),
        fileName: cleanFileName(upload.name, contentType),
        contentType,
        sizeBytes: bytes.length,
      };
      return applications.addFile(loaded.application.id, answerId, file, author(c), services.now());
    }),
  );

  routes.post(
    '/:locale/applications/:applicationId/criteria/:criterionId/files/:fileId/remove',
    'signed-in',
    removeEvidence('file'),
  );

  routes.get('/:locale/applications/:applicationId/files/:fileId', 'signed-in', async (c) => {
    const loaded = await loadApplication(c);
    if (!loaded) return renderNotFound(c);
    const file = await applications.findFile(c.req.param('fileId') ?? '');
    if (!file || file.application_id !== loaded.application.id) return renderNotFound(c);
    const bytes = await files.get(file.storage_key);
    if (!bytes) return renderNotFound(c);
    // Always a download, never rendered by the browser in the site's origin.
    c.header('Content-Type', file.content_type);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`);
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    c.header('Cache-Control', 'private, no-store');
    return c.body(Buffer.from(bytes));
  });

  const manage = (action: 'submit' | 'withdraw' | 'delete' | 'resubmit') => async (c: Ctx) => {
    const loaded = await loadApplication(c);
    if (!loaded) return renderNotFound(c);
    const m = c.get('m');
    const membership = loaded.membership;
    if (!loaded.canManage || !membership)
      return renderError(c, 403, m.errors.forbiddenTitle, m.applications.notAllowed);
    const { application, version } = loaded;
    if (!canApply(application.status, action)) return locked(c);
    const now = services.now();
    if (action === 'submit') {
      const result = await applications.submit(application.id, now, (answers) =>
        submissionBlockers(version, answers),
      );
      if (!result.ok) return 'reason' in result ? locked(c) : c.redirect(basePath(c, loaded), 303);
      await workflow.submitted(application, currentUser(c).id);
      return c.redirect(`${basePath(c, loaded)}?notice=submitted`, 303);
    }
    if (action === 'resubmit') {
      // The answers must still be complete; the reviewers then see what changed.
      if (submissionBlockers(version, await applications.answers(application.id)).length > 0)
        return c.redirect(basePath(c, loaded), 303);
      if ((await workflow.resubmit(application, currentUser(c).id)) === undefined) return locked(c);
      return c.redirect(`${basePath(c, loaded)}?notice=resubmitted`, 303);
    }
    if (action === 'withdraw') {
      if (!(await applications.changeStatus(application.id, application.status, 'withdrawn', now))) {
        return renderError(c, 409, m.errors.title, m.applications.changed);
      }
      await workflow.withdrawn(application, currentUser(c).id, application.status);
      return c.redirect(`${basePath(c, loaded)}?notice=withdrawn`, 303);
    }
    if (!(await applications.deleteDraft(application.id))) return locked(c);
    return c.redirect(`/${c.get('locale')}/companies/${membership.slug}/products?notice=deleted`, 303);
  };
  /** Owners and administrators of the company keep an unsuccessful application, or let it go. */
  const keep = (kept: boolean) => async (c: Ctx) => {
    const loaded = await loadApplication(c);
    if (!loaded || !loaded.membership) return renderNotFound(c);
    if (!loaded.canManage)
      return renderError(c, 403, c.get('m').errors.forbiddenTitle, c.get('m').applications.notAllowed);
    if (!(await applications.setKept(loaded.application.id, kept))) return locked(c);
    await services.audit.append(
      {
        actorId: currentUser(c).id,
        action: kept ? 'application-kept' : 'application-released',
        applicationId: loaded.application.id,
      },
      services.now(),
    );
    return c.redirect(`${basePath(c, loaded)}?notice=${kept ? 'kept' : 'released'}`, 303);
  };
  routes.post('/:locale/applications/:applicationId/keep', 'signed-in', keep(true));
  routes.post('/:locale/applications/:applicationId/release', 'signed-in', keep(false));
  routes.post('/:locale/applications/:applicationId/submit', 'signed-in', manage('submit'));
  routes.post('/:locale/applications/:applicationId/withdraw', 'signed-in', manage('withdraw'));
  routes.post('/:locale/applications/:applicationId/delete', 'signed-in', manage('delete'));
  routes.post('/:locale/applications/:applicationId/resubmit', 'signed-in', manage('resubmit'));

  routes.post(
    '/:locale/applications/:applicationId/criteria/:criterionId/messages',
    'signed-in',
    async (c) => {
      const found = await loadCriterion(c);
      if (!found) return renderNotFound(c);
      const { loaded, criterion } = found;
      if (!loaded.membership) return renderNotFound(c);
      if (loaded.application.status !== 'changes-requested') return locked(c);
      const form = parseForm(messageSchema(c.get('m')), await c.req.parseBody());
      if (!form.ok) return criterionPage(c, loaded, criterion, { errors: form.errors, status: 422 });
      await review.addMessage({
        applicationId: loaded.application.id,
        criterionId: criterion.id,
        round: loaded.application.round,
        author: author(c),
        side: 'applicant',
        body: form.data.body,
        now: services.now(),
      });
      return c.redirect(`${basePath(c, loaded)}/criteria/${criterion.id}`, 303);
    },
  );

  /** Everything in the application as data: the company's own copy, and the start of open data later. */
  async function exportOf(loaded: Loaded) {
    const answers = await applications.answers(loaded.application.id);
    return {
      format: 'trustmark-application/1',
      application: {
        id: loaded.application.id,
        status: loaded.application.status,
        criteriaVersion: loaded.version.version,
        createdAt: loaded.application.created_at,
        submittedAt: loaded.application.submitted_at,
      },
      product: {
        name: loaded.product.name,
        category: loaded.product.category,
        modelNumbers: loaded.product.model_numbers.split('\n'),
        webPage: loaded.product.web_page_url,
        description: loaded.product.description,
        firmwareVersion: loaded.product.firmware_version,
        securityUpdatesUntil: loaded.product.support_end_date,
      },
      answers: loaded.version.criteria.map((criterion) => {
        const answer: AnswerRecord | undefined = answers.get(criterion.id);
        return {
          criterion: criterion.id,
          dimension: criterion.dimension,
          level: criterion.level,
          question: criterion.texts['en']?.question,
          status: answer?.status ?? null,
          explanation: answer?.explanation ?? '',
          needsConfirmation: answer?.needsConfirmation ?? false,
          links: (answer?.links ?? []).map((link) => ({ url: link.url, title: link.title })),
          documents: (answer?.files ?? []).map((file) => ({
            name: file.file_name,
            type: file.content_type,
            bytes: file.size_bytes,
          })),
        };
      }),
    };
  }

  routes.get('/:locale/applications/:applicationId/export.json', 'signed-in', async (c) => {
    const loaded = await loadApplication(c);
    if (!loaded) return renderNotFound(c);
    c.header(
      'Content-Disposition',
      `attachment; filename="trustmark-application-${loaded.application.id}.json"`,
    );
    c.header('Cache-Control', 'private, no-store');
    return c.json(await exportOf(loaded));
  });

  routes.get('/:locale/applications/:applicationId/print', 'signed-in', async (c) => {
    const loaded = await loadApplication(c);
    if (!loaded) return renderNotFound(c);
    const m = c.get('m');
    const locale = c.get('locale');
    const answers = await applications.answers(loaded.application.id);
    const certification = await services.registry.forApplication(loaded.application.id);
    return page(
      c,
      { title: m.applications.title(loaded.product.name), indexable: false },
      <article class="printable">
        <PageHeader title={m.applications.title(loaded.product.name)} />
        <p class="muted">
          {applicationStatusLabel(
            loaded.application,
            certification ? [certification] : [],
            services.now(),
            m,
          )}{' '}
          · {m.applications.criteriaVersion(loaded.version.version)} ·{' '}
          {m.applications.printedOn(formatDate(locale, services.now()))}
        </p>
        <dl class="facts">
          <dt>{m.products.modelNumbers}</dt>
          <dd>{loaded.product.model_numbers.split('\n').join(', ')}</dd>
          <dt>{m.products.firmwareVersion}</dt>
          <dd>{loaded.product.firmware_version}</dd>
          <dt>{m.products.supportEndDate}</dt>
          <dd>{formatDate(locale, loaded.product.support_end_date)}</dd>
        </dl>
        {dimensions.map((dimension) => (
          <section>
            <h2>{m.dimensions.items[dimension].name}</h2>
            {loaded.version.criteria
              .filter((criterion) => criterion.dimension === dimension)
              .map((criterion) => {
                const answer = answers.get(criterion.id);
                return (
                  <section class="printed-answer">
                    <h3>
                      {criterion.id} {textOf(criterion, locale).title}
                    </h3>
                    <p class="muted">{textOf(criterion, locale).question}</p>
                    {answer ? <AnswerView answer={answer} m={m} /> : null}
                  </section>
                );
              })}
          </section>
        ))}
      </article>,
    );
  });
}
