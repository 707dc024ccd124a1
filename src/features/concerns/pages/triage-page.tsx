import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import { ReReviewPanel, type ReReviewOpinion } from '../../review';
import { AdminNav, ButtonForm, Notice, PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import type { ConcernWithProduct } from '../store';
import { concernDecisionSchema } from '../schemas';

type Ctx = Context<AppEnv>;

export interface TriageState {
  problem?: string | undefined;
  status?: 404 | 409 | 422;
  /** A re-review outcome form sent back with what was wrong and what was typed. */
  decision?: { reReviewId: string; errors: FieldErrors; values: FormValues };
}

export interface TriageData {
  rows: ConcernWithProduct[];
  /** A concern under re-review shows the reviewers' opinions and, once all are in, the outcome form. */
  underReReview: Map<string, { id: string; opinions: ReReviewOpinion[] } | undefined>;
}

export function triagePage(c: Ctx, { rows, underReReview }: TriageData, state: TriageState = {}) {
  const { problem } = state;
  const m = c.get('m');
  const locale = c.get('locale');
  const notices: Record<string, string> = {
    decided: m.concerns.decided,
    're-review-opened': m.reReview.opened,
    're-review-decided': m.reReview.decided,
  };
  const notice = notices[c.req.query('notice') ?? ''];
  return page(
    c,
    { title: m.concerns.adminTitle, indexable: false, status: state.status ?? (problem ? 422 : 200) },
    <>
      {notice ? <Notice>{notice}</Notice> : null}
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      <AdminNav locale={locale} m={m} />
      <PageHeader title={m.concerns.adminTitle} lead={m.concerns.adminLead} />
      {rows.length === 0 ? <p>{m.concerns.adminNone}</p> : null}
      {rows.map((row) => (
        <ConcernCard m={m} locale={locale} row={row} reReview={underReReview.get(row.id)} state={state} />
      ))}
    </>,
  );
}

function ConcernCard(props: {
  m: Messages;
  locale: Locale;
  row: ConcernWithProduct;
  reReview: { id: string; opinions: ReReviewOpinion[] } | undefined;
  state: TriageState;
}) {
  const { m, locale, row, reReview, state } = props;
  const sentBack = state.decision && state.decision.reReviewId === reReview?.id ? state.decision : undefined;
  return (
    <article class="card review-item" data-testid="concern">
      <h2>
        <a href={`/${locale}/products/${row.certification_id}`}>{row.product_name}</a>{' '}
        <span class="muted">
          {row.company_name} ·{' '}
          {row.criterion_id ? m.concerns.about(row.criterion_id) : m.concerns.wholeProduct} ·{' '}
          {row.status === 're-review'
            ? m.reReview.underWay
            : (m.concerns.decisions[row.status] ?? m.concerns.open)}
        </span>
      </h2>
      <dl class="facts">
        <dt>{m.concerns.from}</dt>
        <dd>{row.email}</dd>
        <dt>{m.concerns.confirmedOn}</dt>
        <dd>{row.confirmed_at ? formatDate(locale, row.confirmed_at) : ''}</dd>
      </dl>
      <p class="preserve-lines">{row.message}</p>
      {row.status === 'open' ? <DecisionForm m={m} locale={locale} row={row} /> : null}
      {row.status === 're-review' ? (
        <ReReviewPanel
          locale={locale}
          m={m}
          reReviewId={reReview?.id ?? ''}
          opinions={reReview?.opinions ?? []}
          {...(sentBack ? { errors: sentBack.errors, values: sentBack.values } : {})}
        />
      ) : null}
      {row.status === 'upheld' || row.status === 'rejected' ? <p>{row.outcome_note}</p> : null}
    </article>
  );
}

/** Uphold or reject with a public note, or hand the concern to a re-review. */
function DecisionForm({ m, locale, row }: { m: Messages; locale: Locale; row: ConcernWithProduct }) {
  const limits = fieldLimits(concernDecisionSchema(m));
  return (
    <>
      <form method="post" action={`/${locale}/admin/concerns/${row.id}/decide`} class="form">
        <div class="field">
          <label for={`decision-${row.id}`}>{m.concerns.decision}</label>
          <select id={`decision-${row.id}`} name="decision">
            <option value="upheld">{m.concerns.decisions['upheld']}</option>
            <option value="rejected">{m.concerns.decisions['rejected']}</option>
          </select>
        </div>
        <div class="field">
          <label for={`note-${row.id}`}>{m.concerns.note}</label>
          <textarea id={`note-${row.id}`} name="note" rows={3} maxlength={limits['note']} required></textarea>
        </div>
        <button type="submit" class="button button-secondary">
          {m.concerns.decide}
        </button>
      </form>
      <p>{m.reReview.openLead}</p>
      <ButtonForm
        action={`/${locale}/admin/concerns/${row.id}/re-review`}
        label={m.reReview.open}
        look="secondary"
        subject={row.product_name}
      />
    </>
  );
}
