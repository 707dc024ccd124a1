import type { CertificationRow } from '../../../platform/db/schema';
import type { Messages } from '../../../platform/i18n';
import { liveStatus } from '../../registry/rules';
import { offersMarkKit } from '../rules';

/** On the company's product page: the way to the mark kit and to the security information. */
export function MarkKitLinks({
  m,
  here,
  certification,
  now,
}: {
  m: Messages;
  /** The company's product page. */
  here: string;
  certification: CertificationRow | undefined;
  now: Date;
}) {
  if (!certification) return null;
  const kit = offersMarkKit(liveStatus(certification.status, certification.valid_until, now));
  return (
    <section class="card" aria-labelledby="kit-links-title">
      <h2 id="kit-links-title">{m.markKit.linksTitle}</h2>
      <ul class="plain-list">
        {kit ? (
          <li>
            <a href={`${here}/kit`}>{m.markKit.link}</a>
          </li>
        ) : null}
        <li>
          <a href={`${here}/security`}>{m.security.manageLink}</a>
        </li>
      </ul>
    </section>
  );
}
