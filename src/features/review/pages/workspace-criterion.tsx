import type { Criterion } from '../../criteria/rules';
import { AnswerView, textOf } from '../../applications';
import type { Messages } from '../../../platform/i18n';
import { fieldLimits } from '../../../platform/web/forms';
import type { Verdict } from '../rules';
import { verdictSchema } from '../schemas';
import { AnswerDiff, Thread } from './review-parts';
import { EvidenceCheckNotes } from '../../evidence';
import { ReviewerGuidance } from './reviewer-guidance';
import type { WorkspaceProps } from './workspace';

const labelOfVerdict = (m: Messages, verdict: Verdict | undefined) =>
  verdict ? m.review.verdicts[verdict] : m.review.noVerdict;

/** One criterion in the workspace: the answer, what changed, the others' verdicts, one's own, the thread. */
export function CriterionItem(props: WorkspaceProps & { criterion: Criterion }) {
  const { data, m, locale, criterion } = props;
  const { application } = data;
  const answer = data.answers.get(criterion.id);
  const mine = data.own?.verdicts.get(criterion.id);
  const fileHref = (fileId: string) => `/${locale}/applications/${application.id}/files/${fileId}`;
  return (
    <article class="card review-item" id={`criterion-${criterion.id}`}>
      <h3>
        {criterion.id} {textOf(criterion, locale).title}{' '}
        <span class={criterion.level === 'required' ? 'tag tag-required' : 'tag'}>
          {m.applications.levels[criterion.level]}
        </span>
      </h3>
      <p class="muted">{textOf(criterion, locale).question}</p>
      <ReviewerGuidance criterion={criterion} m={m} locale={locale} />
      {answer ? <AnswerView answer={answer} m={m} fileHref={fileHref} /> : null}
      <EvidenceCheckNotes evidence={data.evidence} answer={answer} criterion={criterion} locale={locale} />
      {application.round > 1 || data.fromCertified ? (
        <AnswerDiff before={data.before.get(criterion.id)} after={data.after.get(criterion.id)} m={m} />
      ) : null}
      {data.seeOthers && data.others.length > 0 ? (
        <ul class="plain-list other-verdicts">
          {data.others.map((round) => (
            <li>
              {round.reviewerName}: <strong>{labelOfVerdict(m, round.verdicts.get(criterion.id))}</strong>
              {round.comments.get(criterion.id) ? ` – ${round.comments.get(criterion.id)}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {data.editable ? (
        <VerdictFields {...props} />
      ) : mine ? (
        <p>
          {m.review.yourVerdict(criterion.id)}: <strong>{labelOfVerdict(m, mine)}</strong>
        </p>
      ) : null}
      <CriterionThread {...props} />
    </article>
  );
}

/** The verdict and comment on one criterion, part of the review form below (form="review-form"). */
function VerdictFields({ data, m, state, criterion }: WorkspaceProps & { criterion: Criterion }) {
  const verdictName = `verdict-${criterion.id}`;
  const commentName = `comment-${criterion.id}`;
  // A verdict not given yet in this round starts from the one carried over from the last round.
  const carried = data.carry.prefill.get(criterion.id);
  const chosen =
    state.values?.[verdictName] ?? data.own?.verdicts.get(criterion.id) ?? carried?.verdict ?? '';
  const verdictError = state.errors?.[verdictName];
  const commentError = state.errors?.[commentName];
  return (
    <fieldset class={verdictError ? 'field field-error' : 'field'}>
      <legend>{m.review.yourVerdict(criterion.id)}</legend>
      {data.carried.has(criterion.id) ? (
        <p class="muted carried-over">
          {data.fromCertified
            ? m.review.carriedOverFromCertified
            : m.review.carriedOver(data.application.round - 1)}
        </p>
      ) : null}
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
        maxlength={fieldLimits(verdictSchema(m))['comment']}
        rows={2}
        aria-invalid={commentError ? 'true' : undefined}
        aria-describedby={commentError ? `${commentName}-error` : undefined}
      >
        {state.values?.[commentName] ?? data.own?.comments.get(criterion.id) ?? carried?.comment ?? ''}
      </textarea>
    </fieldset>
  );
}

function CriterionThread({ data, m, locale, criterion }: WorkspaceProps & { criterion: Criterion }) {
  const { application } = data;
  const thread = data.messages.filter((message) => message.criterion_id === criterion.id);
  if (thread.length === 0 && application.status !== 'changes-requested') return null;
  const open = application.status === 'changes-requested' || application.status === 'in-review';
  return (
    <details open={thread.length > 0}>
      <summary>{m.review.thread(thread.length)}</summary>
      <Thread
        messages={thread}
        m={m}
        locale={locale}
        showReviewerNames
        replyAction={
          open
            ? `/${locale}/review/applications/${application.id}/criteria/${criterion.id}/messages`
            : undefined
        }
      />
    </details>
  );
}
