import type { Context } from 'hono';
import { formatDateTime } from '../../../platform/i18n';
import type { AppEnv } from '../../../platform/web/env';
import { PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { evidenceDe } from '../messages.de';
import { evidenceEn } from '../messages.en';
import type { EvidencePinRow } from '../store';

/** For admins: one pinned evidence link as it was reviewed and as the last re-check found it. */
export function pinPage(c: Context<AppEnv>, pin: EvidencePinRow) {
  const locale = c.get('locale');
  const e = (locale === 'de' ? evidenceDe : evidenceEn).pin;
  const when = (iso: string | null) => (iso ? formatDateTime(locale, iso) : '–');
  return page(
    c,
    { title: e.title(pin.criterion_id), indexable: false },
    <>
      <p>
        <a href={`/${locale}/admin/certifications`}>← {e.back}</a>
      </p>
      <PageHeader title={e.title(pin.criterion_id)} lead={pin.title} />
      <dl class="facts">
        <dt>{e.address}</dt>
        <dd>{pin.url}</dd>
        <dt>{e.reviewed}</dt>
        <dd>
          {when(pin.reviewed_checked_at)} · {pin.reviewed_status ?? '–'} ·{' '}
          <code>{pin.reviewed_sha256 ?? '–'}</code>
        </dd>
        <dt>{e.lastCheck}</dt>
        <dd>
          {when(pin.last_checked_at)} · {pin.last_status ?? pin.last_outcome ?? '–'} ·{' '}
          <code>{pin.last_sha256 ?? '–'}</code>
        </dd>
        <dt>{e.changedSince}</dt>
        <dd>{when(pin.changed_at)}</dd>
        <dt>{e.due}</dt>
        <dd>{when(pin.update_due_at)}</dd>
      </dl>
      <section class="card" aria-labelledby="snapshot-title">
        <h2 id="snapshot-title">{e.snapshot}</h2>
        {pin.reviewed_text === null ? (
          <p class="muted">{e.noSnapshot}</p>
        ) : (
          <pre class="preserve-lines">{pin.reviewed_text}</pre>
        )}
      </section>
    </>,
  );
}
