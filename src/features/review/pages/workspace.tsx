import { dimensions } from '../../criteria/dimensions-rules';
import { canApply } from '../../applications/rules';
import { formatDate, formatDateTime, type Locale, type Messages } from '../../../platform/i18n';
import type { FieldErrors, FormValues } from '../../../platform/web/forms';
import { ErrorSummary, Notice, PageHeader } from '../../../platform/web/views/components';
import type { Outcome } from '../rules';
import type { WorkspaceData } from '../workspace-data';
import { AppealReasons } from './review-parts';
import { ChangedFirst } from './workspace-carry';
import { CriterionItem } from './workspace-criterion';
import { DecideSection, ReviewForm } from './workspace-forms';

export interface WorkspaceState {
  errors?: FieldErrors;
  values?: FormValues;
  decisionErrors?: FieldErrors;
  status?: 409 | 422;
}

export interface WorkspaceProps {
  data: WorkspaceData;
  m: Messages;
  locale: Locale;
  state: WorkspaceState;
  notice: string | undefined;
}

/** A reviewer's (or an admin's) workspace for one application: answers, verdicts, review and decision. */
export function WorkspacePage(props: WorkspaceProps) {
  const { data, m, locale, state } = props;
  const { application, version, product } = data;
  const firstOf = new Set(data.carry.changed);
  return (
    <>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
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
      <ProductFacts data={data} m={m} locale={locale} />
      <ReviewersSection data={data} m={m} />
      <DecisionsSection data={data} m={m} />
      <ErrorSummary title={m.errors.formProblems} errors={state.errors} />
      <ChangedFirst {...props} criteria={version.criteria.filter((criterion) => firstOf.has(criterion.id))} />
      {dimensions.map((dimension) => (
        <section aria-labelledby={`review-${dimension}`}>
          <h2 id={`review-${dimension}`}>{m.dimensions.items[dimension].name}</h2>
          {version.criteria
            .filter((criterion) => criterion.dimension === dimension && !firstOf.has(criterion.id))
            .map((criterion) => (
              <CriterionItem {...props} criterion={criterion} />
            ))}
        </section>
      ))}
      {data.editable ? <ReviewForm {...props} /> : null}
      {canApply(application.status, 'review') && (data.assigned || data.admin) ? (
        <DecideSection {...props} />
      ) : null}
      <HistorySection data={data} m={m} locale={locale} />
    </>
  );
}

function ProductFacts({ data, m, locale }: { data: WorkspaceData; m: Messages; locale: Locale }) {
  const { product } = data;
  return (
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
  );
}

function ReviewersSection({ data, m }: { data: WorkspaceData; m: Messages }) {
  return (
    <section class="card" aria-labelledby="reviewers-title">
      <h2 id="reviewers-title">{m.review.reviewers}</h2>
      <ul class="plain-list">
        {data.rounds.map((round) => (
          <li>
            {round.reviewerName}:{' '}
            {round.recommendation
              ? data.seeOthers || round.reviewerId === data.userId
                ? `${m.review.outcomes[round.recommendation]} – ${round.rationale}`
                : m.review.hasSubmitted
              : m.review.stillReviewing}
          </li>
        ))}
      </ul>
      {!data.seeOthers ? <p class="muted">{m.review.independentFirstLook}</p> : null}
    </section>
  );
}

function DecisionsSection({ data, m }: { data: WorkspaceData; m: Messages }) {
  if (data.decisions.length === 0) return null;
  return (
    <section class="card" aria-labelledby="decisions-title">
      <h2 id="decisions-title">{m.review.decisions}</h2>
      <ul class="plain-list">
        {data.decisions.map((decision) => (
          <li>
            {m.review.roundLabel(decision.round)}:{' '}
            <strong>{m.review.outcomes[decision.outcome as Outcome]}</strong> – {decision.rationale}
          </li>
        ))}
      </ul>
    </section>
  );
}

function HistorySection({ data, m, locale }: { data: WorkspaceData; m: Messages; locale: Locale }) {
  return (
    <section class="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{m.review.history}</h2>
      <ul class="plain-list">
        {data.history.map((event) => (
          <li>
            {formatDateTime(locale, event.occurred_at)} ·{' '}
            {m.review.auditActions[event.action] ?? event.action}
            {event.reason ? ` – ${event.reason}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
