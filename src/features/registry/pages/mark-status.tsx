import type { ApplicationRow, CertificationRow } from '../../../platform/db/schema';
import { liveStatus, renewal, statusDate } from '../rules';
import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import { ButtonForm } from '../../../platform/web/views/components';

interface MarkProps {
  certification: CertificationRow;
  now: Date;
  locale: Locale;
  m: Messages;
}

/**
 * The status of a company's mark as the public sees it now (certified, suspended, revoked or expired),
 * with its date and the public reason, for the company's own pages: the application's status alone
 * would still say "certified" after a revocation.
 */
export function MarkStatus({ certification, now, locale, m }: MarkProps) {
  const status = liveStatus(certification.status, certification.valid_until, now);
  const describe = m.products.markStatuses[status];
  const date = formatDate(locale, statusDate(certification, now));
  return (
    <>
      <p class={`mark-status status-${status}`}>
        {describe ? describe(date) : `${m.registry.statuses[status] ?? status}: ${date}`}
      </p>
      {certification.status_reason ? <p>{m.products.markReason(certification.status_reason)}</p> : null}
    </>
  );
}

/**
 * The mark's status and where its public parts are: the registry entry always (it tells the public
 * what happened), and while the mark is live the badge code and QR code and the signed credential.
 */
export function MarkCard({ certification, now, locale, m }: MarkProps) {
  const live = liveStatus(certification.status, certification.valid_until, now) === 'active';
  const entry = `/${locale}/products/${certification.id}`;
  return (
    <>
      <MarkStatus certification={certification} now={now} locale={locale} m={m} />
      <ul class="plain-list">
        <li>
          <a href={entry}>{m.products.registryEntry}</a>
        </li>
        {live ? (
          <>
            <li>
              <a href={`${entry}#mark`}>{m.products.markCode}</a>
            </li>
            <li>
              <a href={`/credentials/${certification.id}`} download>
                {m.registry.credentialDownload}
              </a>
            </li>
          </>
        ) : null}
      </ul>
    </>
  );
}

/**
 * An application's status for its company: a certified application shows its mark's live status
 * instead, so a suspended, revoked or expired mark never reads "Certified".
 */
export function applicationStatusLabel(
  application: { id: string; status: string },
  certifications: readonly CertificationRow[],
  now: Date,
  m: Messages,
): string {
  const certification =
    application.status === 'certified'
      ? certifications.find((row) => row.application_id === application.id)
      : undefined;
  if (!certification) return m.applications.statuses[application.status] ?? application.status;
  const status = liveStatus(certification.status, certification.valid_until, now);
  return m.registry.statuses[status] ?? status;
}

/** A product's applications, each a link with its criteria version and status (its mark's, once certified). */
export function ApplicationLinks(props: {
  applications: readonly { id: string; criteria_version: number; status: string }[];
  certifications: readonly CertificationRow[];
  now: Date;
  locale: Locale;
  m: Messages;
}) {
  const { m } = props;
  return (
    <ul class="plain-list">
      {props.applications.map((application) => (
        <li>
          <a href={`/${props.locale}/applications/${application.id}`}>
            {m.applications.criteriaVersion(application.criteria_version)}
          </a>{' '}
          · {applicationStatusLabel(application, props.certifications, props.now, m)}
        </li>
      ))}
    </ul>
  );
}

/** The status of a product's newest mark in the company's product list, if it ever had one. */
export function LatestMark(
  props: Omit<MarkProps, 'certification'> & { certifications: readonly CertificationRow[] },
) {
  const { certifications, ...mark } = props;
  const [latest] = certifications;
  return latest ? <MarkStatus {...mark} certification={latest} /> : null;
}

/** The product's latest certification as the company sees it, with the way to renew it. */
export function CertificationCard({
  openApplication,
  startAction,
  ...mark
}: MarkProps & { openApplication: ApplicationRow | undefined; startAction: string }) {
  const { certification, now, locale, m } = mark;
  const state = renewal(
    liveStatus(certification.status, certification.valid_until, now),
    Boolean(openApplication),
  );
  return (
    <section class="card" aria-labelledby="certification-title">
      <h2 id="certification-title">{m.products.certification}</h2>
      <MarkCard {...mark} />
      {state === 'available' ? (
        <>
          <p>{m.products.renewLead}</p>
          <ButtonForm action={startAction} label={m.products.renew}>
            <input type="hidden" name="sourceApplicationId" value={certification.application_id} />
          </ButtonForm>
        </>
      ) : null}
      {state === 'under-way' && openApplication ? (
        <p>
          {m.products.renewalUnderWay}{' '}
          <a href={`/${locale}/applications/${openApplication.id}`}>
            {m.applications.statuses[openApplication.status]}
          </a>
        </p>
      ) : null}
    </section>
  );
}
