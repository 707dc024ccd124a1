import { formatDate, type Locale } from '../../../platform/i18n';
import type { Criterion } from '../../criteria/rules';
import { evidenceDe } from '../messages.de';
import { evidenceEn, type EvidenceMessages } from '../messages.en';
import { ageOf, kindOf, siteOf, sizeLabel, verdictOf, type CheckFacts } from '../rules';
import type { SecurityTxtCheck } from '../store';

const wordsFor = (locale: Locale): EvidenceMessages => (locale === 'de' ? evidenceDe : evidenceEn);

/** The evidence checks of one application, as the workspace hands them to each criterion. */
export interface EvidenceView {
  links: ReadonlyMap<string, CheckFacts>;
  securityTxt: SecurityTxtCheck | undefined;
  now: Date;
}

/** "200, PDF, 1.2 MB, checked 2 h ago", "404, checked …", "redirects to another site (…)". */
export function checkSummary(check: CheckFacts, locale: Locale, now: Date): string {
  const e = wordsFor(locale);
  const age = ageOf(check.checkedAt, now);
  const checked = e.checkedAgo(e.ago[age.unit](age.count));
  const verdict = verdictOf(check);
  if (verdict === 'failed') return `${e.outcomes[check.outcome] ?? check.outcome}, ${checked}`;
  const parts: string[] = [String(check.statusCode)];
  if (verdict !== 'http-error') {
    const kind = kindOf(check.contentType);
    if (kind) parts.push(kind);
    if (check.outcome === 'too-large') parts.push(e.largerThan(sizeLabel(check.sizeBytes ?? 0, locale)));
    else if (check.sizeBytes !== null) parts.push(sizeLabel(check.sizeBytes, locale));
  }
  if (verdict === 'other-site') parts.push(e.redirectsElsewhere(siteOf(check.finalUrl ?? '') ?? ''));
  parts.push(checked);
  return parts.join(', ');
}

function securityTxtSummary(check: SecurityTxtCheck | undefined, locale: Locale): string {
  const e = wordsFor(locale).securityTxt;
  if (!check) return e.notChecked;
  if (check.outcome !== 'fetched') return e.unreachable;
  if (!check.reading) return e.missing(String(check.statusCode ?? ''));
  const { reading } = check;
  if (reading.valid)
    return e.valid(reading.contacts.join(', '), reading.expires ? formatDate(locale, reading.expires) : '');
  return reading.problems.map((problem) => e.problems[problem] ?? problem).join(', ');
}

/** Marks the criterion that asks for a vulnerability disclosure policy, whatever its id in a version. */
const asksForDisclosure = (criterion: Criterion) =>
  criterion.mappings.usLabel.includes('vulnerabilityDisclosure');

/**
 * Beside an answer in the review workspace: what the worker found at each of its links and, with the
 * vulnerability-disclosure criterion, at the product's security.txt.
 */
export function EvidenceCheckNotes(props: {
  evidence: EvidenceView;
  answer: { links: readonly { id: string; title: string }[] } | undefined;
  criterion: Criterion;
  locale: Locale;
}) {
  const { evidence, answer, criterion, locale } = props;
  const e = wordsFor(locale);
  const links = answer?.links ?? [];
  const disclosure = asksForDisclosure(criterion);
  if (links.length === 0 && !disclosure) return null;
  return (
    <div class="evidence-checks">
      <p class="muted">{e.checksHeading}</p>
      <ul class="plain-list">
        {links.map((link) => {
          const check = evidence.links.get(link.id);
          return (
            <li>
              {link.title}: {check ? checkSummary(check, locale, evidence.now) : e.notChecked}
            </li>
          );
        })}
        {disclosure ? (
          <li>
            {e.securityTxt.heading}: {securityTxtSummary(evidence.securityTxt, locale)}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/** At the top of the public product page: that evidence changed since the review, never what. */
export function EvidenceChangedNotice(props: {
  changes: { reviewedAt: string; count: number } | undefined;
  locale: Locale;
}) {
  if (!props.changes) return null;
  const e = wordsFor(props.locale);
  return (
    <div class="notice notice-warning" role="status">
      <p>
        <strong>{e.changedNotice(formatDate(props.locale, props.changes.reviewedAt))}</strong>
      </p>
      <p>{e.changedLead}</p>
    </div>
  );
}

/** On the company's own product page: evidence changed since review, and where to update it. */
export function EvidenceUpdateNotice(props: {
  changes: { reviewedAt: string; count: number } | undefined;
  href: string;
  locale: Locale;
}) {
  if (!props.changes) return null;
  const e = wordsFor(props.locale);
  return (
    <div class="notice notice-warning" role="status">
      <p>
        <strong>{e.changedNotice(formatDate(props.locale, props.changes.reviewedAt))}</strong>
      </p>
      <p>
        <a href={props.href}>{e.update.start}</a>
      </p>
    </div>
  );
}

/** For admins: changed evidence whose period to update it is over. */
export function OverdueEvidence(props: {
  items: readonly {
    id: string;
    certification_id: string;
    criterion_id: string;
    url: string;
    change: string | null;
    changed_at: string | null;
    product_name: string;
  }[];
  locale: Locale;
}) {
  const { items, locale } = props;
  if (items.length === 0) return null;
  const e = wordsFor(locale);
  return (
    <section class="card" aria-labelledby="overdue-evidence">
      <h2 id="overdue-evidence">{e.overdueHeading}</h2>
      <p class="muted">{e.overdueLead}</p>
      <ul>
        {items.map((item) => (
          <li>
            <a href={`/${locale}/products/${item.certification_id}`}>{item.product_name}</a>{' '}
            {e.overdueItem(
              item.criterion_id,
              e.changes[item.change ?? 'changed'] ?? '',
              item.changed_at ? formatDate(locale, item.changed_at) : '',
            )}{' '}
            <a href={`/${locale}/admin/evidence/${item.id}`}>{e.pin.title(item.criterion_id)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
