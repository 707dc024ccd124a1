import type { Context } from 'hono';
import type { CertificationRow } from '../../../platform/db/schema';
import { formatDate } from '../../../platform/i18n';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits } from '../../../platform/web/forms';
import { AdminNav, Notice, PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { liveStatus } from '../rules';
import { statusChangeSchema } from '../schemas';
import { OverdueEvidence } from '../../evidence';

/** Every certification, for admins to suspend, reinstate or revoke with a public reason. */
export function certificationsAdminPage(
  c: Context<AppEnv>,
  rows: CertificationRow[],
  now: Date,
  problem?: string,
  overdueEvidence: Parameters<typeof OverdueEvidence>[0]['items'] = [],
) {
  const m = c.get('m');
  const locale = c.get('locale');
  const notice = c.req.query('notice') === 'changed' ? m.registryAdmin.changed : undefined;
  const limits = fieldLimits(statusChangeSchema(m));
  return page(
    c,
    { title: m.registryAdmin.title, indexable: false, status: problem ? 422 : 200 },
    <>
      {notice ? <Notice>{notice}</Notice> : null}
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      <AdminNav locale={locale} m={m} />
      <PageHeader title={m.registryAdmin.title} lead={m.registryAdmin.lead} />
      <OverdueEvidence items={overdueEvidence} locale={locale} />
      {rows.length === 0 ? <p>{m.registryAdmin.none}</p> : null}
      {rows.map((row) => {
        const status = liveStatus(row.status, row.valid_until, now);
        return (
          <article class="card review-item">
            <h2>
              <a href={`/${locale}/products/${row.id}`}>{row.product_name}</a>{' '}
              <span class="muted">
                {row.company_name} · {m.registry.statuses[status]} · {formatDate(locale, row.valid_until)}
              </span>
            </h2>
            {status !== 'revoked' ? (
              <form method="post" action={`/${locale}/admin/certifications/${row.id}/status`} class="form">
                <div class="field">
                  <label for={`action-${row.id}`}>{m.registryAdmin.action}</label>
                  <select id={`action-${row.id}`} name="action">
                    {status === 'active' ? (
                      <option value="suspend">{m.registryAdmin.actions.suspend}</option>
                    ) : null}
                    {status === 'suspended' ? (
                      <option value="reinstate">{m.registryAdmin.actions.reinstate}</option>
                    ) : null}
                    <option value="revoke">{m.registryAdmin.actions.revoke}</option>
                  </select>
                </div>
                <div class="field">
                  <label for={`reason-${row.id}`}>{m.registryAdmin.reason}</label>
                  <input
                    id={`reason-${row.id}`}
                    name="reason"
                    type="text"
                    maxlength={limits['reason']}
                    required
                  />
                </div>
                <button type="submit" class="button button-secondary">
                  {m.registryAdmin.apply}
                </button>
              </form>
            ) : null}
          </article>
        );
      })}
    </>,
  );
}
