import type { Context } from 'hono';
import type { AppServices } from '../../../app/services';
import type { AnswerRevisionRow, ClarificationMessageRow } from '../../../platform/db/schema';
import { formatDateTime, type Locale, type Messages } from '../../../platform/i18n';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits, type FieldErrors } from '../../../platform/web/forms';
import {
  ButtonForm,
  ErrorSummary,
  Field,
  Notice,
  PageHeader,
  PostForm,
  UploadForm,
} from '../../../platform/web/views/components';
import { renderNotFound } from '../../../platform/web/views/error-page';
import { page } from '../../../platform/web/views/layout';
import type { Criterion } from '../../criteria/rules';
import type { AnswerStatus } from '../../review/decision-rules';
import { Thread } from '../../review';
import { applicationPath, type LoadedApplication } from '../load';
import { answerSchema, evidenceLinkSchema } from '../schemas';
import type { AnswerRecord } from '../store';
import { AnswerView, textOf } from './application-parts';

export interface CriterionPageState {
  errors?: FieldErrors;
  status?: 200 | 409 | 413 | 422;
  draft?: { status: AnswerStatus | null; explanation: string };
}

/** The criterion page: question and guidance, the answer form, evidence and history. */
export async function renderCriterionPage(
  c: Context<AppEnv>,
  services: AppServices,
  loaded: LoadedApplication,
  criterion: Criterion,
  state: CriterionPageState = {},
) {
  const m = c.get('m');
  const locale = c.get('locale');
  const answer = (await services.applications.answers(loaded.application.id)).get(criterion.id);
  if (!answer) return renderNotFound(c);
  const [history, allMessages] = await Promise.all([
    services.applications.history(answer.id),
    services.review.messages(loaded.application.id),
  ]);
  const text = textOf(criterion, locale);
  const base = applicationPath(c, loaded);
  const here = `${base}/criteria/${criterion.id}`;
  const parts = { loaded, answer, here, fileHref: (fileId: string) => `${base}/files/${fileId}`, m, locale };
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
      <Questions {...parts} thread={allMessages.filter((message) => message.criterion_id === criterion.id)} />
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
      <AnswerPart {...parts} criterion={criterion} state={state} />
      <Evidence {...parts} errors={state.errors} />
      <History history={history} m={m} locale={locale} />
      <Pager loaded={loaded} criterion={criterion} base={base} m={m} />
    </>,
  );
}

interface PartProps {
  loaded: LoadedApplication;
  answer: AnswerRecord;
  here: string;
  fileHref: (fileId: string) => string;
  m: Messages;
  locale: Locale;
}

function Questions({ loaded, here, m, locale, thread }: PartProps & { thread: ClarificationMessageRow[] }) {
  if (thread.length === 0) return null;
  const canReply = loaded.membership && loaded.application.status === 'changes-requested';
  return (
    <section class="card questions" aria-labelledby="questions-title">
      <h2 id="questions-title">{m.applications.questions}</h2>
      <Thread
        messages={thread}
        m={m}
        locale={locale}
        showReviewerNames={!loaded.membership}
        replyAction={canReply ? `${here}/messages` : undefined}
      />
    </section>
  );
}

/** The answer form while the application may be edited; the answer as given otherwise. */
function AnswerPart(props: PartProps & { criterion: Criterion; state: CriterionPageState }) {
  const { loaded, answer, here, fileHref, m, criterion, state } = props;
  if (!loaded.canEdit) {
    return (
      <section class="card">
        <h2>{m.applications.answer}</h2>
        <AnswerView answer={answer} m={m} fileHref={fileHref} />
      </section>
    );
  }
  const shown = state.draft ?? { status: answer.status, explanation: answer.explanation };
  return (
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
      <AnswerChoices
        m={m}
        shown={shown.status}
        offered={(status) => status !== 'not-applicable' || criterion.naAllowed || shown.status === status}
      />
      <Field
        name="explanation"
        label={m.applications.explanation}
        hint={m.applications.explanationHint}
        multiline
        required={false}
        maxLength={fieldLimits(answerSchema(m))['explanation']}
        errors={state.errors}
        values={{ explanation: shown.explanation }}
      />
      <p class="autosave-status muted" role="status" aria-live="polite"></p>
      <button type="submit" class="button">
        {m.applications.saveAnswer}
      </button>
    </form>
  );
}

/** The answer's radio buttons; shared with the conflict page. */
export function AnswerChoices(props: {
  m: Messages;
  shown: AnswerStatus | null;
  offered?: (status: AnswerStatus) => boolean;
}) {
  const { m, shown, offered = () => true } = props;
  return (
    <fieldset class="field">
      <legend>{m.applications.answer}</legend>
      {(['met', 'not-met', 'not-applicable'] as const).filter(offered).map((status) => (
        <label class="choice">
          <input type="radio" name="status" value={status} checked={shown === status} />{' '}
          {m.applications.answerStatuses[status]}
        </label>
      ))}
    </fieldset>
  );
}

function Evidence({
  loaded,
  answer,
  here,
  fileHref,
  m,
  errors,
}: PartProps & { errors: FieldErrors | undefined }) {
  const limits = fieldLimits(evidenceLinkSchema(m));
  return (
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
              maxLength={limits['url']}
              errors={errors}
            />
            <Field
              name="title"
              label={m.applications.linkTitle}
              maxLength={limits['title']}
              errors={errors}
            />
          </PostForm>
          <UploadForm
            action={`${here}/files`}
            name="file"
            label={m.applications.upload}
            accept="application/pdf,image/png,image/jpeg,image/webp"
            buttonLabel={m.applications.uploadButton}
            error={errors?.['file']}
          />
        </>
      ) : null}
    </section>
  );
}

function History({ history, m, locale }: { history: AnswerRevisionRow[]; m: Messages; locale: Locale }) {
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">{m.applications.history}</h2>
      {history.length === 0 ? <p>{m.applications.noHistory}</p> : null}
      <ol class="plain-list">
        {history.map((revision) => (
          <li>
            <details>
              <summary>
                <time datetime={revision.created_at}>{formatDateTime(locale, revision.created_at)} UTC</time>{' '}
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
  );
}

function Pager(props: { loaded: LoadedApplication; criterion: Criterion; base: string; m: Messages }) {
  const { loaded, criterion, base, m } = props;
  const index = loaded.version.criteria.indexOf(criterion);
  const previous = loaded.version.criteria[index - 1];
  const next = loaded.version.criteria[index + 1];
  return (
    <nav class="pager" aria-label={m.applications.taskList}>
      {previous ? <a href={`${base}/criteria/${previous.id}`}>← {m.applications.previous}</a> : <span></span>}
      {next ? <a href={`${base}/criteria/${next.id}`}>{m.applications.next} →</a> : null}
    </nav>
  );
}
