import type { Context } from 'hono';
import type { AppServices } from '../../../app/services';
import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import type { AppEnv } from '../../../platform/web/env';
import type { FieldErrors, FormValues } from '../../../platform/web/forms';
import { ButtonForm, Notice, PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import type { CriteriaVersion } from '../../criteria/rules';
import { dimensions } from '../../criteria/dimensions-rules';
import { deletionDate, isUnsuccessful } from '../../privacy/rules';
import { applicationStatusLabel, MarkCard } from '../../registry';
import {
  answerProblems,
  dimensionProgress,
  submissionBlockers,
  type SubmissionBlocker,
} from '../../review/decision-rules';
import { unansweredQuestions } from '../../review/carry-rules';
import { AppealForm, AppealReasons, ReviewStatus } from '../../review';
import { applicationPath, type LoadedApplication } from '../load';
import { canAppeal, canApply } from '../rules';
import type { AnswerRecord } from '../store';
import { blockerCriterion, describeBlocker, textOf } from './application-parts';

export interface AppealState {
  errors?: FieldErrors;
  values?: FormValues;
  /** Why the last action was refused (a resubmission with a question unanswered). */
  refusal?: string;
  status?: 409 | 422;
}

type Answers = Map<string, AnswerRecord>;

/** The application's overview: its state, the review, the blockers, the task list and the actions. */
export async function renderApplicationPage(
  c: Context<AppEnv>,
  services: AppServices,
  loaded: LoadedApplication,
  appeal: AppealState = {},
) {
  const m = c.get('m');
  const locale = c.get('locale');
  const { application, version, product } = loaded;
  const [answers, place, decisions, messages, certification] = await Promise.all([
    services.applications.answers(application.id),
    application.status === 'submitted' ? services.workflow.queuePlaceOf(application.id) : undefined,
    services.review.decisions(application.id),
    services.review.messages(application.id),
    services.registry.forApplication(application.id),
  ]);
  const base = applicationPath(c, loaded);
  const now = services.now();
  const unanswered = application.status === 'changes-requested' ? unansweredQuestions(messages) : [];
  const openQuestions = [
    ...new Set(
      messages.filter((entry) => entry.round === application.round).map((entry) => entry.criterion_id),
    ),
  ];
  return page(
    c,
    { title: m.applications.title(product.name), indexable: false, status: appeal.status ?? 200 },
    <>
      <NoticeOf notice={c.req.query('notice')} m={m} />
      {appeal.refusal ? <Notice tone="warning">{appeal.refusal}</Notice> : null}
      <PageHeader title={m.applications.title(product.name)} />
      <p class="muted">
        {applicationStatusLabel(application, certification ? [certification] : [], now, m)} ·{' '}
        {m.applications.criteriaVersion(version.version)}
      </p>
      {certification ? (
        <section class="card" aria-labelledby="mark-title">
          <h2 id="mark-title">{m.products.certification}</h2>
          <MarkCard certification={certification} now={now} locale={locale} m={m} />
        </section>
      ) : null}
      <ReviewStatus
        status={application.status}
        place={place}
        pause={c.get('reviewPause')}
        decisions={decisions}
        openQuestions={openQuestions}
        base={base}
        m={m}
      />
      <Appeal loaded={loaded} base={base} appeal={appeal} m={m} locale={locale} />
      <Retention
        loaded={loaded}
        base={base}
        m={m}
        locale={locale}
        retentionDays={services.config.unsuccessfulRetentionDays}
      />
      {canApply(application.status, 'edit') ? (
        <Blockers
          blockers={submissionBlockers(version, answers)}
          questions={unanswered}
          version={version}
          base={base}
          m={m}
          locale={locale}
        />
      ) : null}
      <h2>{m.applications.taskList}</h2>
      {dimensions.map((dimension) => (
        <DimensionTasks
          questions={unanswered}
          dimension={dimension}
          version={version}
          answers={answers}
          base={base}
          m={m}
          locale={locale}
        />
      ))}
      <Actions loaded={loaded} base={base} m={m} />
    </>,
  );
}

function NoticeOf({ notice, m }: { notice: string | undefined; m: Messages }) {
  const notices: Record<string, string> = {
    submitted: m.applications.submitted,
    withdrawn: m.applications.withdrawn,
    resubmitted: m.applications.resubmitted,
    kept: m.applications.keptNotice,
    appealed: m.applications.appealed,
    released: m.applications.releasedNotice,
  };
  const text = notices[notice ?? ''];
  return text ? <Notice>{text}</Notice> : null;
}

interface PartProps {
  loaded: LoadedApplication;
  base: string;
  m: Messages;
  locale: Locale;
}

function Appeal({ loaded, base, appeal, m, locale }: PartProps & { appeal: AppealState }) {
  const { application } = loaded;
  if (application.appealed_at) {
    return (
      <AppealReasons
        title={m.applications.appealedOn(formatDate(locale, application.appealed_at))}
        lead={application.status === 'not-certified' ? m.applications.appealUsed : undefined}
        reasons={application.appeal_reason ?? ''}
      />
    );
  }
  if (!loaded.canManage || !canAppeal({ status: application.status, appealedAt: null })) return null;
  return <AppealForm action={`${base}/appeal`} m={m} errors={appeal.errors} values={appeal.values ?? {}} />;
}

/** Unsuccessful applications are deleted after the retention period unless the company keeps them. */
function Retention({ loaded, base, m, locale, retentionDays }: PartProps & { retentionDays: number }) {
  const { application } = loaded;
  if (!loaded.membership || !isUnsuccessful(application.status)) return null;
  const deletion = deletionDate(application.decided_at ?? application.updated_at, retentionDays);
  return (
    <section class="card" aria-labelledby="retention-title">
      <h2 id="retention-title">{m.applications.retentionTitle}</h2>
      <p>
        {application.kept
          ? m.applications.retentionKept
          : m.applications.retentionPending(formatDate(locale, deletion))}
      </p>
      {loaded.canManage ? (
        <ButtonForm
          action={`${base}/${application.kept ? 'release' : 'keep'}`}
          label={application.kept ? m.applications.release : m.applications.keep}
          look="secondary"
        />
      ) : null}
    </section>
  );
}

function Blockers(props: {
  blockers: SubmissionBlocker[];
  /** Criteria whose reviewer's question waits for the company's reply. */
  questions: readonly string[];
  version: CriteriaVersion;
  base: string;
  m: Messages;
  locale: Locale;
}) {
  const { blockers, questions, version, base, m, locale } = props;
  // Many open criteria are better read in the task list itself; every other problem is listed.
  const unanswered = blockers.filter(
    (blocker) => blocker.kind === 'answer' && blocker.problem === 'unanswered',
  );
  const listed =
    unanswered.length > 5 ? blockers.filter((blocker) => !unanswered.includes(blocker)) : blockers;
  return (
    <section
      class={blockers.length + questions.length > 0 ? 'card blockers' : 'card'}
      aria-labelledby="blockers-title"
    >
      <h2 id="blockers-title">{m.applications.blockersTitle}</h2>
      {blockers.length + questions.length === 0 ? (
        <p>{m.applications.noBlockers}</p>
      ) : (
        <ul>
          {questions.map((id) => (
            <li>
              <a href={`${base}/criteria/${id}`}>{m.applications.answerQuestion(id)}</a>
            </li>
          ))}
          {unanswered.length > 5 ? <li>{m.applications.manyUnanswered(unanswered.length)}</li> : null}
          {listed.map((blocker) => {
            const id = blockerCriterion(blocker);
            const text = describeBlocker(blocker, version.criteria, m, locale);
            return <li>{id ? <a href={`${base}/criteria/${id}`}>{text}</a> : text}</li>;
          })}
        </ul>
      )}
    </section>
  );
}

function DimensionTasks(props: {
  /** Criteria whose reviewer's question waits for the company's reply. */
  questions: readonly string[];
  dimension: (typeof dimensions)[number];
  version: CriteriaVersion;
  answers: Answers;
  base: string;
  m: Messages;
  locale: Locale;
}) {
  const { questions, dimension, version, answers, base, m, locale } = props;
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
                    {answer?.status ? m.applications.answerStatuses[answer.status] : m.applications.noAnswer}
                    {problems.length > 0 ? (
                      <span class="muted">
                        {' '}
                        ({problems.map((problem) => m.applications.problems[problem]).join('; ')})
                      </span>
                    ) : null}
                    {questions.includes(criterion.id) ? (
                      <>
                        {' '}
                        <span class="tag tag-required">{m.applications.questionToAnswer}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </section>
  );
}

function Actions({ loaded, base, m }: { loaded: LoadedApplication; base: string; m: Messages }) {
  const may = (action: 'submit' | 'resubmit' | 'withdraw' | 'delete') =>
    loaded.canManage && canApply(loaded.application.status, action);
  return (
    <section class="actions">
      {may('submit') ? (
        <ButtonForm action={`${base}/submit`} label={m.applications.submit} look="primary" />
      ) : null}
      {may('resubmit') ? (
        <ButtonForm action={`${base}/resubmit`} label={m.applications.resubmit} look="primary" />
      ) : null}
      <a class="button button-secondary" href={`${base}/export.json`}>
        {m.applications.exportJson}
      </a>
      <a class="button button-secondary" href={`${base}/print`}>
        {m.applications.print}
      </a>
      {may('withdraw') ? (
        <ButtonForm action={`${base}/withdraw`} label={m.applications.withdraw} look="secondary" />
      ) : null}
      {may('delete') ? (
        <ButtonForm action={`${base}/delete`} label={m.applications.delete} look="danger" />
      ) : null}
    </section>
  );
}
