import type { ApplicationStatus } from '../../applications/rules';
import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import { PageHeader, TableRegion } from '../../../platform/web/views/components';

interface AssignedEntry {
  id: string;
  status: ApplicationStatus;
  round: number;
  submittedAt: string | null;
  productName: string;
  companyName: string;
}

interface ReReviewEntry {
  id: string;
  product_name: string;
  company_name: string;
  own_submitted_at: string | null;
}

/** A reviewer's start page: the applications assigned to them and the re-reviews they were asked for. */
export function ReviewListPage(props: {
  m: Messages;
  locale: Locale;
  isAdmin: boolean;
  open: readonly AssignedEntry[];
  reReviews: readonly ReReviewEntry[];
}) {
  const { m, locale } = props;
  return (
    <>
      <PageHeader title={m.review.title} lead={m.review.lead} />
      <p>
        <a href={`/${locale}/review/profile`}>{m.review.profile}</a>
        {props.isAdmin ? (
          <>
            {' · '}
            <a href={`/${locale}/admin/reviews`}>{m.review.adminTitle}</a>
          </>
        ) : null}
      </p>
      <h2>{m.review.assignedToYou}</h2>
      {props.open.length === 0 ? <p>{m.review.queueEmpty}</p> : <AssignedTable {...props} />}
      {props.reReviews.length > 0 ? (
        <>
          <h2>{m.reReview.listTitle}</h2>
          <ul class="plain-list">
            {props.reReviews.map((entry) => (
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
    </>
  );
}

function AssignedTable({ m, locale, open }: { m: Messages; locale: Locale; open: readonly AssignedEntry[] }) {
  return (
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
  );
}
