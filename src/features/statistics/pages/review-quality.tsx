import type { Messages } from '../../../platform/i18n';
import { TableRegion } from '../../../platform/web/views/components';
import type { Agreement } from '../agreement-rules';
import type { ReviewQuality } from '../quality';

/** A number as the page's language writes it; "—" where the figure cannot be computed. */
function formatted(locale: string, value: number | undefined, digits: number): string {
  if (value === undefined) return '—';
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

const percent = (locale: string, share: number | undefined) =>
  share === undefined
    ? '—'
    : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);

function AgreementTable(props: {
  caption: string;
  keyLabel: string;
  rows: { key: string; label: string; agreement: Agreement }[];
  m: Messages;
  locale: string;
  testId: string;
}) {
  const { m, locale } = props;
  return (
    <TableRegion label={props.caption}>
      <table class="table" data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.keyLabel}</th>
            <th scope="col">{m.statistics.pairs}</th>
            <th scope="col">{m.statistics.identical}</th>
            <th scope="col">{m.statistics.kappa}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr data-key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{row.agreement.pairs}</td>
              <td>{percent(locale, row.agreement.identical)}</td>
              <td>{formatted(locale, row.agreement.kappa, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** Agreement between the reviewers of a round, the criteria they agree on least, and each reviewer's figures. */
export function ReviewQualitySection({
  quality,
  m,
  locale,
}: {
  quality: ReviewQuality;
  m: Messages;
  locale: string;
}) {
  const criterionLabel = (id: string) => `${id} ${quality.titles.get(id)?.[locale] ?? ''}`.trim();
  const criterionRows = (entries: ReviewQuality['perCriterion']) =>
    entries.map((entry) => ({ ...entry, label: criterionLabel(entry.key) }));
  return (
    <section class="card" aria-labelledby="review-quality">
      <h2 id="review-quality">{m.statistics.quality}</h2>
      <p>{m.statistics.qualityLead}</p>
      {quality.perCriterion.length === 0 ? (
        <p>{m.statistics.noPairs}</p>
      ) : (
        <>
          <AgreementTable
            caption={m.statistics.byDimension}
            keyLabel={m.statistics.dimension}
            rows={quality.perDimension.map((entry) => ({
              ...entry,
              label: m.dimensions.items[entry.key].name,
            }))}
            m={m}
            locale={locale}
            testId="agreement-by-dimension"
          />
          <AgreementTable
            caption={m.statistics.lowest}
            keyLabel={m.statistics.criterion}
            rows={criterionRows(quality.lowest)}
            m={m}
            locale={locale}
            testId="lowest-agreement"
          />
          <details>
            <summary>{m.statistics.byCriterion}</summary>
            <AgreementTable
              caption={m.statistics.byCriterion}
              keyLabel={m.statistics.criterion}
              rows={criterionRows(quality.perCriterion)}
              m={m}
              locale={locale}
              testId="agreement-by-criterion"
            />
          </details>
        </>
      )}
      <ReviewerTable quality={quality} m={m} locale={locale} />
    </section>
  );
}

function ReviewerTable({ quality, m, locale }: { quality: ReviewQuality; m: Messages; locale: string }) {
  if (quality.reviewers.length === 0) return <p>{m.statistics.noReviews}</p>;
  return (
    <>
      <TableRegion label={m.statistics.reviewers}>
        <table class="table" data-testid="reviewer-figures">
          <caption>{m.statistics.reviewers}</caption>
          <thead>
            <tr>
              <th scope="col">{m.statistics.reviewer}</th>
              <th scope="col">{m.statistics.reviewsDone}</th>
              <th scope="col">{m.statistics.medianTime}</th>
              <th scope="col">{m.statistics.overturned}</th>
            </tr>
          </thead>
          <tbody>
            {quality.reviewers.map((reviewer) => (
              <tr data-key={reviewer.reviewerId}>
                <th scope="row">{reviewer.name}</th>
                <td>{reviewer.reviews}</td>
                <td>
                  {reviewer.medianHours === undefined
                    ? '—'
                    : m.statistics.hours(formatted(locale, reviewer.medianHours, 1))}
                </td>
                <td>
                  {reviewer.overturnedShare === undefined
                    ? '—'
                    : m.statistics.overturnedOf(
                        reviewer.overturned,
                        reviewer.decidedVerdicts,
                        percent(locale, reviewer.overturnedShare),
                      )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p class="muted">{m.statistics.timeDefinition}</p>
      <p class="muted">{m.statistics.overturnedDefinition}</p>
    </>
  );
}
