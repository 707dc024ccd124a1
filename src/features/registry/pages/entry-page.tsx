import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { CertificationEventRow, CertificationRow } from '../../../platform/db/schema';
import type { AppEnv } from '../../../platform/web/env';
import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import { page } from '../../../platform/web/views/layout';
import { PublicConcerns } from '../../concerns';
import { acceptsConcerns } from '../../concerns/rules';
import type { CriteriaVersion } from '../../criteria/rules';
import type { CertificationStatus } from '../rules';
import type { PublishedEntry } from '../store';
import { SecurityInformationSection, type PublicSecurity } from '../../security-notices';
import { EvidenceChangedNotice } from '../../evidence';
import type { LabelFacts } from '../label-rules';
import { ConsumerLabel, DimensionDetails, LabelSheet, type LatestSecurity } from './label';

type Ctx = Context<AppEnv>;

/** Everything the public page of one certification shows, read by the route. */
export interface EntryView {
  row: CertificationRow;
  entry: PublishedEntry;
  version: CriteriaVersion | undefined;
  status: CertificationStatus;
  events: CertificationEventRow[];
  /** Each event's position in the transparency log, and the log's signed size. */
  logIndex: Map<string, number>;
  logSize: number;
  hasCredential: boolean;
  decidedConcerns: Parameters<typeof PublicConcerns>[0]['decided'];
  baseUrl: string;
  /** The support period, security notices and firmware releases (security-notices feature). */
  security?: PublicSecurity;
  /** Set when a re-check found evidence changed since the review (features/evidence). */
  evidenceChanges?: Parameters<typeof EvidenceChangedNotice>[0]['changes'];
  /** The consumer label; undefined when the criteria version is unknown to this build. */
  label: LabelFacts | undefined;
}

interface Parts {
  m: Messages;
  locale: Locale;
  view: EntryView;
}

export function entryPage(c: Ctx, view: EntryView) {
  const m = c.get('m');
  const locale = c.get('locale');
  const { row, entry, status } = view;
  const parts = { m, locale, view };
  return page(
    c,
    { title: entry.product.name },
    <>
      <script type="application/ld+json">
        {raw(JSON.stringify(jsonLdOf(m, view)).replace(/</g, '\\u003c'))}
      </script>
      <p>
        <a href={`/${locale}/products`}>← {m.registry.backToList}</a>
      </p>
      <h1 class="entry-title">{entry.product.name}</h1>
      {row.status_reason ? (
        <p class={`notice notice-warning`}>
          {m.registry.statusReason(m.registry.statuses[status] ?? status, row.status_reason)}
        </p>
      ) : null}
      <EvidenceChangedNotice changes={view.evidenceChanges} locale={locale} />
      {view.label ? (
        <ConsumerLabel m={m} locale={locale} facts={view.label} answersAt="" latest={latestOf(view)} />
      ) : null}
      {view.label ? (
        <p>
          <a href={`/${locale}/products/${row.id}/label`}>{m.label.printable}</a>
        </p>
      ) : null}
      <p class="lead">{entry.product.description}</p>
      <p>
        <img src={`/badge/${row.id}.svg`} alt={m.registry.badgeAlt(m.registry.statuses[status] ?? status)} />
      </p>
      <CertificationFacts {...parts} />
      {view.security ? <SecurityInformationSection m={m} locale={locale} security={view.security} /> : null}
      {view.version && view.label ? (
        <DimensionDetails
          m={m}
          locale={locale}
          version={view.version}
          entry={entry}
          label={view.label.label}
        />
      ) : null}
      <EmbedSection {...parts} />
      {view.hasCredential ? <CredentialSection {...parts} /> : null}
      <PublicConcerns
        locale={locale}
        m={m}
        certificationId={row.id}
        open={acceptsConcerns(status)}
        decided={view.decidedConcerns}
      />
      <HistorySection {...parts} />
    </>,
  );
}

/** The label's printable view (/{locale}/products/{id}/label). */
export function labelPage(c: Ctx, view: EntryView) {
  const m = c.get('m');
  const locale = c.get('locale');
  const { entry, label } = view;
  if (!label) return undefined;
  return page(
    c,
    { title: `${m.label.printable}: ${entry.product.name}` },
    <LabelSheet m={m} locale={locale} facts={label} entry={entry} latest={latestOf(view)} />,
  );
}

/** schema.org's account of the product, for search engines. */
function jsonLdOf(m: Messages, { entry, status }: EntryView) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: entry.product.name,
    description: entry.product.description,
    url: entry.product.webPageUrl,
    brand: { '@type': 'Organization', name: entry.company.name },
    model: entry.product.modelNumbers.join(', '),
    category: m.products.categories[entry.product.category] ?? entry.product.category,
    award: `Trustmark – ${m.registry.statuses[status]}`,
  };
}

function CertificationFacts({ m, locale, view }: Parts) {
  const { row, entry } = view;
  return (
    <section class="card" aria-labelledby="certification-title">
      <h2 id="certification-title">{m.registry.certification}</h2>
      <dl class="facts">
        <dt>{m.review.status}</dt>
        <dd>{m.registry.statuses[view.status]}</dd>
        <dt>{m.registry.issued}</dt>
        <dd>{formatDate(locale, row.issued_at)}</dd>
        <dt>{m.registry.validUntil}</dt>
        <dd>{formatDate(locale, row.valid_until)}</dd>
        <dt>{m.registry.updatesUntil}</dt>
        <dd>{m.registry.securityUpdatesUntil(formatDate(locale, entry.product.supportEndDate))}</dd>
        <dt>{m.registry.criteriaVersion}</dt>
        <dd>{row.criteria_version}</dd>
        <dt>{m.review.company}</dt>
        <dd>
          <a href={`/${locale}/products/company/${entry.company.slug}`}>{entry.company.name}</a>
        </dd>
        <dt>{m.products.modelNumbers}</dt>
        <dd>{entry.product.modelNumbers.join(', ')}</dd>
        <dt>{m.products.webPage}</dt>
        <dd>
          <a href={entry.product.webPageUrl} rel="nofollow ugc noopener">
            {entry.product.webPageUrl}
          </a>
        </dd>
        <dt>{m.products.firmwareVersion}</dt>
        <dd>{entry.product.firmwareVersion}</dd>
      </dl>
      {entry.product.image ? (
        <img
          class="product-image"
          src={`/${locale}/products/${row.id}/image`}
          alt={m.products.imageAlt(entry.product.name)}
        />
      ) : null}
    </section>
  );
}

/** Linked to as #mark from the company's pages and the decision mail. */
function EmbedSection({ m, locale, view }: Parts) {
  const { row, entry } = view;
  const pageUrl = `${view.baseUrl}/p/${row.id}`;
  const badgeUrl = `${view.baseUrl}/badge/${row.id}.svg`;
  return (
    <section class="card" id="mark" aria-labelledby="embed-title">
      <h2 id="embed-title">{m.registry.embed}</h2>
      <p>{m.registry.embedLead}</p>
      <label for="embed-html">HTML</label>
      <textarea id="embed-html" readonly rows={3}>
        {`<a href="${pageUrl}"><img src="${badgeUrl}" alt="Trustmark: ${entry.product.name}"></a>`}
      </textarea>
      <label for="embed-markdown">Markdown</label>
      <textarea id="embed-markdown" readonly rows={2}>
        {`[![Trustmark: ${entry.product.name}](${badgeUrl})](${pageUrl})`}
      </textarea>
      <p>
        <img src={`/${locale}/products/${row.id}/qr.svg`} alt={m.registry.qrAlt} width="160" height="160" />
      </p>
    </section>
  );
}

function CredentialSection({ m, locale, view }: Parts) {
  return (
    <section class="card" aria-labelledby="credential-title">
      <h2 id="credential-title">{m.registry.credentialTitle}</h2>
      <p>{m.registry.credentialLead}</p>
      <p>
        <a class="button button-secondary" href={`/credentials/${view.row.id}`} download>
          {m.registry.credentialDownload}
        </a>{' '}
        <a href={`/${locale}/verify`}>{m.registry.credentialVerify}</a>
      </p>
    </section>
  );
}

function HistorySection({ m, locale, view }: Parts) {
  return (
    <section class="card" aria-labelledby="events-title">
      <h2 id="events-title">{m.registry.history}</h2>
      <ul class="plain-list">
        {view.events.map((event) => (
          <li>
            {formatDate(locale, event.occurred_at)} · {m.registry.events[event.kind] ?? event.kind}
            {event.reason ? ` – ${event.reason}` : ''}
            <LogEntryLinks index={view.logIndex.get(event.id)} size={view.logSize} m={m} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Where an event sits in the public transparency log, with the proof that the log includes it. */
function LogEntryLinks({ index, size, m }: { index: number | undefined; size: number; m: Messages }) {
  // An event recorded after the latest checkpoint is shown once the next one is signed.
  if (index === undefined || index >= size) return null;
  return (
    <>
      {' · '}
      <a href={`/log/entries?start=${index}&end=${index + 1}`}>{m.registry.logEntry(index)}</a>
      {' · '}
      <a href={`/log/proof/inclusion?index=${index}&size=${size}`}>{m.registry.inclusionProof}</a>
    </>
  );
}

/** The newest notice and release the company published, for the label's live lines. */
function latestOf(view: EntryView): LatestSecurity | undefined {
  const information = view.security?.information;
  if (!information) return undefined;
  return { notice: information.notices[0], release: information.releases[0] };
}
