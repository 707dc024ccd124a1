import { raw } from 'hono/html';
import type { Criterion, CriterionText } from '../../criteria/rules';
import type { SubmissionBlocker } from '../../review/decision-rules';
import type { Locale, Messages } from '../../../platform/i18n';
import type { AnswerRecord } from '../store';
import { renderUserMarkdown } from '../../../platform/web/markdown';

/** A criterion's text in the page's language (every version carries all supported languages). */
export function textOf(criterion: Criterion, locale: Locale): CriterionText {
  return criterion.texts[locale] ?? { title: criterion.id, question: '', guidance: '', evidence: '' };
}

/** One sentence per blocker, naming the criterion or dimension it concerns. */
export function describeBlocker(
  blocker: SubmissionBlocker,
  criteria: Criterion[],
  m: Messages,
  locale: Locale,
): string {
  if (blocker.kind === 'answer') {
    const criterion = criteria.find((candidate) => candidate.id === blocker.criterionId);
    const title = criterion ? textOf(criterion, locale).title : blocker.criterionId;
    return `${blocker.criterionId} ${title}: ${m.applications.problems[blocker.problem]}`;
  }
  if (blocker.failure.kind === 'required-not-satisfied') {
    const { criterionId } = blocker.failure;
    const criterion = criteria.find((candidate) => candidate.id === criterionId);
    const title = criterion ? textOf(criterion, locale).title : criterionId;
    return `${criterionId} ${title}: ${m.applications.ruleRequired}`;
  }
  const { dimension, satisfied, needed } = blocker.failure;
  return m.applications.ruleShare(m.dimensions.items[dimension].name, satisfied, needed);
}

export function blockerCriterion(blocker: SubmissionBlocker): string | undefined {
  if (blocker.kind === 'answer') return blocker.criterionId;
  return blocker.failure.kind === 'required-not-satisfied' ? blocker.failure.criterionId : undefined;
}

/** An answer as read-only text: its status, rendered explanation and evidence. */
export function AnswerView({
  answer,
  m,
  fileHref,
}: {
  /** An answer as stored, or as published in the registry (links only, no files). */
  answer: {
    status: string | null;
    explanation: string;
    links: readonly { title: string; url: string }[];
    files?: readonly Pick<AnswerRecord['files'][number], 'id' | 'file_name'>[];
  };
  m: Messages;
  fileHref?: (fileId: string) => string;
}) {
  return (
    <div class="answer-view">
      <p>
        <strong>
          {answer.status ? m.applications.answerStatuses[answer.status] : m.applications.noAnswer}
        </strong>
      </p>
      {answer.explanation ? <div class="prose">{raw(renderUserMarkdown(answer.explanation))}</div> : null}
      {answer.links.length + (answer.files?.length ?? 0) > 0 ? (
        <ul>
          {answer.links.map((link) => (
            <li>
              <a href={link.url} rel="nofollow ugc noopener">
                {link.title}
              </a>
            </li>
          ))}
          {(answer.files ?? []).map((file) => (
            <li>{fileHref ? <a href={fileHref(file.id)}>{file.file_name}</a> : file.file_name}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
