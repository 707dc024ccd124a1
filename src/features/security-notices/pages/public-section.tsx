import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import { securityUpdatesEnded, supportMonthsLeft } from '../rules';
import type { SecurityInformation } from '../store';

/** What a public page shows of a certified product's security: the support period, notices and releases. */
export interface PublicSecurity {
  certificationId: string;
  supportEndDate: string;
  now: Date;
  information: SecurityInformation;
}

export const securityFeedPath = (locale: Locale, certificationId: string) =>
  `/${locale}/products/${certificationId}/security.atom`;

/** The product page's security section (linked to as #security). */
export function SecurityInformationSection({
  m,
  locale,
  security,
}: {
  m: Messages;
  locale: Locale;
  security: PublicSecurity;
}) {
  const { information, supportEndDate, now } = security;
  const ended = securityUpdatesEnded(supportEndDate, now);
  const end = formatDate(locale, supportEndDate);
  return (
    <section class="card" id="security" aria-labelledby="security-title">
      <h2 id="security-title">{m.security.title}</h2>
      {ended ? (
        <p class="notice notice-warning">
          <strong>{m.security.updatesEnded}.</strong> {m.security.updatesEndedOn(end)}
        </p>
      ) : (
        <p>{m.security.updatesUntil(end, supportMonthsLeft(supportEndDate, now))}</p>
      )}
      <h3>{m.security.notices}</h3>
      {information.notices.length === 0 ? <p>{m.security.noNotices}</p> : null}
      {information.notices.map((notice) => (
        <article class="security-notice">
          <h4>{notice.title}</h4>
          <dl class="facts">
            <dt>{m.security.date}</dt>
            <dd>{formatDate(locale, notice.date)}</dd>
            <dt>{m.security.severity}</dt>
            <dd>{m.security.severities[notice.severity] ?? notice.severity}</dd>
            <dt>{m.security.affected}</dt>
            <dd>{notice.affectedVersions}</dd>
            <dt>{m.security.fixedIn}</dt>
            <dd>{notice.fixedVersion}</dd>
          </dl>
          <p>
            <a href={notice.advisoryUrl} rel="nofollow ugc noopener">
              {m.security.advisory}
            </a>
            {notice.csafUrl ? (
              <>
                {' · '}
                <a href={notice.csafUrl} rel="nofollow ugc noopener" type="application/json">
                  {m.security.csaf}
                </a>
              </>
            ) : null}
          </p>
        </article>
      ))}
      <h3>{m.security.releases}</h3>
      {information.releases.length === 0 ? (
        <p>{m.security.noReleases}</p>
      ) : (
        <ul class="plain-list">
          {information.releases.map((release) => (
            <li>
              {formatDate(locale, release.date)} · {m.security.version} {release.version} ·{' '}
              <a href={release.notesUrl} rel="nofollow ugc noopener">
                {m.security.releaseNotes}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={securityFeedPath(locale, security.certificationId)} type="application/atom+xml">
          {m.security.feed}
        </a>
      </p>
    </section>
  );
}
