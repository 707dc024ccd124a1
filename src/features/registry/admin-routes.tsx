import type { Context } from 'hono';
import { z } from 'zod';
import { liveStatus } from './rules';
import { formatDate } from '../../platform/i18n';
import type { AppEnv } from '../../platform/web/env';
import { parseForm } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { AdminNav, Notice, PageHeader } from '../../platform/web/views/components';
import { renderError } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import type { Messages } from '../../platform/i18n';

type Ctx = Context<AppEnv>;

const statusChangeSchema = (m: Messages) =>
  z.object({
    action: z.enum(['suspend', 'reinstate', 'revoke'], { message: m.validation.choice }),
    reason: z
      .string({ message: m.validation.required })
      .trim()
      .min(1, m.registryAdmin.reasonNeeded)
      .max(1000, m.validation.tooLong(1000)),
  });

/** Admins suspend, reinstate or revoke certifications, each with a reason that is shown publicly. */
export function registerCertificationAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { registry, lifecycle } = services;

  const listPage = async (c: Ctx, problem?: string) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const rows = await registry.all();
    const notice = c.req.query('notice') === 'changed' ? m.registryAdmin.changed : undefined;
    return page(
      c,
      { title: m.registryAdmin.title, indexable: false, status: problem ? 422 : 200 },
      <>
        {notice ? <Notice>{notice}</Notice> : null}
        {problem ? <Notice tone="warning">{problem}</Notice> : null}
        <AdminNav locale={locale} m={m} />
        <PageHeader title={m.registryAdmin.title} lead={m.registryAdmin.lead} />
        {rows.length === 0 ? <p>{m.registryAdmin.none}</p> : null}
        {rows.map((row) => {
          const status = liveStatus(row.status, row.valid_until, services.now());
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
                    <input id={`reason-${row.id}`} name="reason" type="text" maxlength={1000} required />
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
  };

  routes.get('/:locale/admin/certifications', 'admin', (c) => listPage(c));

  routes.post('/:locale/admin/certifications/:certificationId/status', 'admin', async (c) => {
    const m = c.get('m');
    const row = await registry.find(c.req.param('certificationId') ?? '');
    if (!row) return renderError(c, 404, m.errors.notFoundTitle, m.errors.notFound);
    const form = parseForm(statusChangeSchema(m), await c.req.parseBody());
    if (!form.ok) return listPage(c, form.errors['reason'] ?? form.errors['action']);
    if (!(await lifecycle.change(row.id, form.data.action, form.data.reason, currentUser(c).id)))
      return renderError(c, 409, m.errors.title, m.registryAdmin.notAllowed);
    return c.redirect(`/${c.get('locale')}/admin/certifications?notice=changed`, 303);
  });
}
