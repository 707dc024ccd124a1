import { tallyConcerns } from '../rules';
import { formatDate, type Messages } from '../../../platform/i18n';

/** The product page's account of concerns: how many were upheld and rejected, and the published notes. */
export function PublicConcerns(props: {
  locale: 'en' | 'de';
  m: Messages;
  certificationId: string;
  open: boolean;
  decided: readonly {
    id: string;
    criterion_id: string | null;
    status: string;
    outcome_note: string;
    decided_at: string | null;
    re_review_outcome: string | null;
  }[];
}) {
  const { locale, m, decided } = props;
  const tally = tallyConcerns(decided.map((concern) => concern.status));
  return (
    <section class="card" aria-labelledby="concerns-title">
      <h2 id="concerns-title">{m.concerns.publicTitle}</h2>
      <p data-testid="concern-tally">{m.concerns.publicCount(tally.upheld, tally.rejected)}</p>
      {decided.length > 0 ? (
        <ul class="plain-list">
          {decided.map((concern) => (
            <li>
              {concern.decided_at ? formatDate(locale, concern.decided_at) : ''} ·{' '}
              {concern.criterion_id ? m.concerns.about(concern.criterion_id) : m.concerns.wholeProduct} ·{' '}
              {m.concerns.decisions[concern.status] ?? concern.status}
              {concern.re_review_outcome
                ? ` (${m.reReview.publicOutcome(m.reReview.outcomes[concern.re_review_outcome] ?? concern.re_review_outcome)})`
                : ''}{' '}
              – {concern.outcome_note}
            </li>
          ))}
        </ul>
      ) : null}
      {props.open ? (
        <p>
          <a href={`/${locale}/products/${props.certificationId}/concern`}>{m.concerns.raise}</a>
        </p>
      ) : null}
    </section>
  );
}
