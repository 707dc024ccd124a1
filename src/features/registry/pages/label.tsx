import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import { AnswerView, textOf } from '../../applications';
import type { CriteriaVersion } from '../../criteria/rules';
import type { DimensionOutcome, Label, LabelFacts, QuestionAnswer } from '../label-rules';
import type { CardItem } from '../label';
import type { PublishedEntry } from '../store';

export type { LabelFacts };

interface LabelProps {
  m: Messages;
  locale: Locale;
  facts: LabelFacts;
  /** Where the questions' answers are: on the product page itself, or (printable view) on it by address. */
  answersAt: string;
  /** The company's newest security notice and firmware release, when it has published any. */
  latest?: LatestSecurity;
}

/** The newest of the live security information (security-notices feature), for the label's lines. */
export interface LatestSecurity {
  notice?: { title: string; date: string; severity: string };
  release?: { version: string; date: string };
}

/** The label's live lines: the newest security notice and firmware, linking to the page's security section. */
function LatestSecurityLines({
  m,
  locale,
  latest,
  at,
}: {
  m: Messages;
  locale: Locale;
  latest: LatestSecurity;
  at: string;
}) {
  const { notice, release } = latest;
  return (
    <>
      {notice ? (
        <p class="label-line">
          <strong>{m.label.latestNotice}</strong>{' '}
          <a href={`${at}#security`}>
            {m.security.severities[notice.severity] ?? notice.severity}: {notice.title}
          </a>
          , {formatDate(locale, notice.date)}
        </p>
      ) : null}
      {release ? (
        <p class="label-line">
          <strong>{m.label.latestFirmware}</strong> {release.version}, {formatDate(locale, release.date)}
        </p>
      ) : null}
    </>
  );
}

/** "all 4 required met · 2 of 3 recommended", or the openness level. */
export function outcomeText(m: Messages, outcome: DimensionOutcome, openness: Label['openness']): string {
  if (outcome.dimension === 'openness') return m.label.openness[openness] ?? openness;
  const { required, recommended } = outcome;
  const requiredText =
    required.fulfilled === required.total
      ? m.label.requiredMet(required.total)
      : m.label.requiredMissing(required.fulfilled, required.total);
  return recommended.total > 0
    ? `${requiredText} · ${m.label.recommendedMet(recommended.fulfilled, recommended.total)}`
    : requiredText;
}

/** A card's shorter "all 4 met · 3 of 3 recommended", or the openness level. */
function cardOutcome(m: Messages, outcome: DimensionOutcome, openness: Label['openness']): string {
  if (outcome.dimension === 'openness') return m.label.opennessShort[openness] ?? openness;
  const { required, recommended } = outcome;
  const requiredText =
    required.fulfilled === required.total
      ? m.label.allMet(required.total)
      : m.label.requiredMissing(required.fulfilled, required.total);
  return recommended.total > 0
    ? `${requiredText} · ${m.label.recommendedMet(recommended.fulfilled, recommended.total)}`
    : requiredText;
}

export function updatesText(m: Messages, locale: Locale, facts: LabelFacts): string {
  const date = formatDate(locale, facts.supportEndDate);
  return facts.monthsLeft === undefined
    ? m.label.supportEnded(date)
    : m.label.updatesUntil(date, facts.monthsLeft);
}

function questionText(m: Messages, answer: QuestionAnswer): string {
  const words = answer.question === 'exportDelete' ? m.label.exportDeleteOutcomes : m.label.outcomes;
  return words[answer.outcome] ?? answer.outcome;
}

/** The required and recommended cells of a dimension's row; openness shows its level across both. */
function OutcomeCells({
  m,
  outcome,
  openness,
}: {
  m: Messages;
  outcome: DimensionOutcome;
  openness: Label['openness'];
}) {
  if (outcome.dimension === 'openness')
    return <td colspan={2}>{m.label.opennessShort[openness] ?? openness}</td>;
  const { required, recommended } = outcome;
  return (
    <>
      <td>
        {required.fulfilled === required.total
          ? m.label.allMet(required.total)
          : m.label.countMet(required.fulfilled, required.total)}
      </td>
      <td>{recommended.total > 0 ? m.label.countMet(recommended.fulfilled, recommended.total) : '–'}</td>
    </>
  );
}

/**
 * The consumer label: status and validity, security updates left, the five dimensions' outcomes and the
 * four buyer questions, each linking to the answer that covers it. Kept short so it fits the first screen
 * of a phone: one line per dimension, the questions' answers one word each.
 */
export function ConsumerLabel({ m, locale, facts, answersAt, latest }: LabelProps) {
  const { label } = facts;
  return (
    <section class="label" aria-labelledby="label-title" id="label">
      <h2 id="label-title" class="visually-hidden">
        {m.label.title}
      </h2>
      <p class="label-line">
        <span class={`tag status-${facts.status}`}>{m.registry.statuses[facts.status]}</span>{' '}
        {m.label.validUntil(formatDate(locale, facts.validUntil))}
      </p>
      <p class={facts.monthsLeft === undefined ? 'label-line label-ended' : 'label-line'}>
        <strong>{m.label.updates}</strong> {updatesText(m, locale, facts)}
      </p>
      {latest ? <LatestSecurityLines m={m} locale={locale} latest={latest} at={answersAt} /> : null}
      <table class="label-table">
        <caption class="visually-hidden">{m.label.dimensions}</caption>
        <thead>
          <tr>
            <th scope="col">{m.label.dimension}</th>
            <th scope="col">{m.label.required}</th>
            <th scope="col">{m.label.recommended}</th>
          </tr>
        </thead>
        <tbody>
          {label.outcomes.map((outcome) => (
            <tr>
              <th scope="row">{m.label.dimensionNames[outcome.dimension]}</th>
              <OutcomeCells m={m} outcome={outcome} openness={label.openness} />
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{m.label.questionsTitle}</h3>
      <dl class="label-facts">
        {label.questions.map((answer) => (
          <>
            <dt>{m.label.questions[answer.question]}</dt>
            <dd>
              <a href={`${answersAt}#answer-${answer.criterionIds[0] ?? ''}`}>{questionText(m, answer)}</a>
            </dd>
          </>
        ))}
      </dl>
    </section>
  );
}

/** The published answers, one collapsible section per dimension (plain <details>: no script needed). */
export function DimensionDetails(props: {
  m: Messages;
  locale: Locale;
  version: CriteriaVersion;
  entry: PublishedEntry;
  label: Label;
}) {
  const { m, locale, version, entry, label } = props;
  const answers = new Map(entry.answers.map((answer) => [answer.criterionId, answer]));
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">{m.label.detailsTitle}</h2>
      {label.outcomes.map((outcome) => {
        const criteria = version.criteria.filter((criterion) => criterion.dimension === outcome.dimension);
        return (
          <details class="card dimension-details" id={`published-${outcome.dimension}`}>
            <summary>
              <strong>{m.dimensions.items[outcome.dimension].name}</strong> —{' '}
              {outcomeText(m, outcome, label.openness)}
            </summary>
            {criteria.map((criterion) => (
              <article class="published-answer" id={`answer-${criterion.id}`}>
                <h3>
                  {criterion.id} {textOf(criterion, locale).title}
                </h3>
                <AnswerView
                  answer={
                    answers.get(criterion.id) ?? { status: null, explanation: '', links: [], files: [] }
                  }
                  m={m}
                />
              </article>
            ))}
          </details>
        );
      })}
    </section>
  );
}

/** The label on a page of its own, to print or save: the product, its maker and the label. */
export function LabelSheet(props: {
  m: Messages;
  locale: Locale;
  facts: LabelFacts;
  entry: PublishedEntry;
  latest?: LatestSecurity;
}) {
  const { m, locale, facts, entry, latest } = props;
  const productPage = `/${locale}/products/${facts.id}`;
  return (
    <>
      <h1 class="entry-title">{entry.product.name}</h1>
      <p class="muted">
        {entry.company.name} · {entry.product.modelNumbers.join(', ')}
      </p>
      <ConsumerLabel m={m} locale={locale} facts={facts} answersAt={productPage} latest={latest} />
      <p class="no-print">
        <a href={productPage}>← {m.label.backToProduct}</a>
      </p>
    </>
  );
}

/** A registry card: picture, name, maker, status, support end and the five outcomes. */
export function ProductCard(props: { m: Messages; locale: Locale; item: CardItem; subheading?: boolean }) {
  const { m, locale, item } = props;
  const { row, entry, facts, status } = item;
  const name = <a href={`/${locale}/products/${row.id}`}>{row.product_name}</a>;
  const image = entry.product.image;
  return (
    <li class="card product-card">
      {image ? (
        <img
          src={`/${locale}/products/${row.id}/image`}
          alt={m.products.imageAlt(entry.product.name)}
          loading="lazy"
          width="288"
          height="144"
        />
      ) : null}
      {props.subheading ? <h3>{name}</h3> : <h2>{name}</h2>}
      <p class="muted">
        {row.company_name} · {m.products.categories[row.category] ?? row.category}
      </p>
      <p>
        <span class={`tag status-${status}`}>{m.registry.statuses[status] ?? status}</span>{' '}
        {facts?.monthsLeft === undefined
          ? m.label.supportEndedShort
          : m.label.supportEnd(formatDate(locale, entry.product.supportEndDate))}
      </p>
      {facts ? (
        <ul class="card-outcomes">
          {facts.label.outcomes.map((outcome) => (
            <li>
              <strong>{m.label.dimensionNames[outcome.dimension]}:</strong>{' '}
              {cardOutcome(m, outcome, facts.label.openness)}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
