import { diffWords } from 'diff';
import { raw } from 'hono/html';
import type { ClarificationMessageRow, DecisionRow } from '../../../platform/db/schema';
import { formatDateTime, type Locale, type Messages } from '../../../platform/i18n';
import { type SnapshotAnswer, appealReasonsMinimum, appealSchema, messageSchema } from '../../applications';
import { renderUserMarkdown } from '../../../platform/web/markdown';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import { Field, PostForm } from '../../../platform/web/views/components';

/**
 * What changed in one answer since the last round: the status, the explanation word by word, and the
 * evidence added or removed. Nothing is rendered when nothing changed.
 */
export function AnswerDiff({
  before,
  after,
  m,
}: {
  before: SnapshotAnswer | undefined;
  after: SnapshotAnswer | undefined;
  m: Messages;
}) {
  if (!before || !after) return null;
  const statusChanged = before.status !== after.status;
  const explanationChanged = before.explanation !== after.explanation;
  const added = after.evidence.filter((item) => !before.evidence.includes(item));
  const removed = before.evidence.filter((item) => !after.evidence.includes(item));
  if (!statusChanged && !explanationChanged && added.length === 0 && removed.length === 0) {
    return <p class="muted">{m.review.unchanged}</p>;
  }
  const label = (status: string | null) =>
    status ? (m.applications.answerStatuses[status] ?? status) : m.applications.noAnswer;
  return (
    <div class="answer-diff">
      <p>
        <strong>{m.review.changedSinceLastRound}</strong>
      </p>
      {statusChanged ? <p>{m.review.statusChanged(label(before.status), label(after.status))}</p> : null}
      {explanationChanged ? (
        <p class="diff-text">
          {diffWords(before.explanation, after.explanation).map((part) =>
            part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : part.value,
          )}
        </p>
      ) : null}
      {added.length + removed.length > 0 ? (
        <ul class="plain-list">
          {added.map((item) => (
            <li>
              <ins>{m.review.evidenceAdded(item)}</ins>
            </li>
          ))}
          {removed.map((item) => (
            <li>
              <del>{m.review.evidenceRemoved(item)}</del>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The clarification thread of one criterion, rounds numbered. Applicants see reviewers as "Reviewer",
 * never by name, so the review stays independent of the company.
 */
export function Thread({
  messages,
  m,
  locale,
  showReviewerNames,
  replyAction,
}: {
  messages: readonly ClarificationMessageRow[];
  m: Messages;
  locale: Locale;
  showReviewerNames: boolean;
  replyAction?: string | undefined;
}) {
  return (
    <div class="thread">
      {messages.length === 0 ? null : (
        <ol class="plain-list thread-list">
          {messages.map((message) => (
            <li class={message.author_side === 'reviewer' ? 'thread-reviewer' : 'thread-applicant'}>
              <p class="muted">
                {message.author_side === 'reviewer' && !showReviewerNames
                  ? m.review.reviewer
                  : message.author_name || m.account.deletedAccount}
                {' · '}
                {m.review.roundLabel(message.round)} · {formatDateTime(locale, message.created_at)}
              </p>
              <div class="prose">{raw(renderUserMarkdown(message.body))}</div>
            </li>
          ))}
        </ol>
      )}
      {replyAction ? (
        <PostForm action={replyAction} errorTitle={m.errors.formProblems} submitLabel={m.review.reply}>
          <Field
            name="body"
            label={m.review.replyLabel}
            multiline
            maxLength={fieldLimits(messageSchema(m))['body']}
          />
        </PostForm>
      ) : null}
    </div>
  );
}

/**
 * Where the application stands in the review, for its company: its place in the queue (and the pause
 * notice), the reviewers' questions, or the decision with its reasons.
 */
export function ReviewStatus({
  status,
  place,
  pause,
  decisions,
  openQuestions,
  base,
  m,
}: {
  status: string;
  place: number | undefined;
  pause: string | null;
  decisions: readonly DecisionRow[];
  openQuestions: readonly string[];
  base: string;
  m: Messages;
}) {
  const latest = decisions.at(-1);
  if (status === 'submitted') {
    return (
      <section class="card" aria-labelledby="review-status-title">
        <h2 id="review-status-title">{m.applications.inQueue}</h2>
        {place ? <p class="queue-place">{m.applications.queuePlace(place)}</p> : null}
        {pause ? <p>{m.applications.queuePaused(pause)}</p> : <p>{m.applications.queueLead}</p>}
      </section>
    );
  }
  if (status === 'in-review') {
    return (
      <section class="card" aria-labelledby="review-status-title">
        <h2 id="review-status-title">{m.applications.inReview}</h2>
        <p>{m.applications.inReviewLead}</p>
      </section>
    );
  }
  if (status === 'changes-requested' && latest) {
    return (
      <section class="card blockers" aria-labelledby="review-status-title">
        <h2 id="review-status-title">{m.applications.changesRequested}</h2>
        <p>{latest.rationale}</p>
        {openQuestions.length > 0 ? (
          <>
            <p>{m.applications.questionsOn}</p>
            <ul>
              {openQuestions.map((criterionId) => (
                <li>
                  <a href={`${base}/criteria/${criterionId}`}>{criterionId}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>{m.applications.resubmitLead}</p>
      </section>
    );
  }
  if ((status === 'certified' || status === 'not-certified') && latest) {
    return (
      <section class="card" aria-labelledby="review-status-title">
        <h2 id="review-status-title">
          {status === 'certified' ? m.applications.certifiedTitle : m.applications.notCertifiedTitle}
        </h2>
        <p>{latest.rationale}</p>
        {status === 'not-certified' ? <p>{m.applications.notCertifiedLead}</p> : null}
      </section>
    );
  }
  return null;
}

/** The reasons of an appeal, as the company wrote them (Markdown, rendered safely). */
export function AppealReasons({ title, lead, reasons }: { title: string; lead?: string; reasons: string }) {
  return (
    <section class="card" aria-labelledby="appeal-title">
      <h2 id="appeal-title">{title}</h2>
      {lead ? <p>{lead}</p> : null}
      <div class="prose">{raw(renderUserMarkdown(reasons))}</div>
    </section>
  );
}

/** The company's one appeal against "not certified": its reasons, for reviewers who took no part. */
export function AppealForm({
  action,
  m,
  errors,
  values,
}: {
  action: string;
  m: Messages;
  errors: FieldErrors | undefined;
  values: FormValues;
}) {
  return (
    <section class="card" aria-labelledby="appeal-title">
      <h2 id="appeal-title">{m.applications.appealTitle}</h2>
      <p>{m.applications.appealLead}</p>
      <PostForm
        action={action}
        errorTitle={m.errors.formProblems}
        errors={errors}
        submitLabel={m.applications.appealSubmit}
      >
        <Field
          name="reasons"
          label={m.applications.appealReasons}
          hint={m.applications.appealHint}
          multiline
          minLength={appealReasonsMinimum}
          maxLength={fieldLimits(appealSchema(m)).reasons}
          errors={errors}
          values={values}
        />
      </PostForm>
    </section>
  );
}
