import type { Context } from 'hono';
import { formatDateTime } from '../../platform/i18n';
import type { AuditEntryWithActor, AuditFilter } from '../../platform/audit/store';
import { toCsv } from '../../platform/web/csv';
import type { AppEnv } from '../../platform/web/env';
import { auditFilterSchema } from './schemas';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { AdminNav, ErrorSummary, Field, PageHeader, SelectField } from '../../platform/web/views/components';
import { page } from '../../platform/web/views/layout';

type Ctx = Context<AppEnv>;

/** Rows shown on the page; the CSV carries up to `exportLimit`. */
const pageLimit = 200;
const exportLimit = 50_000;

/**
 * The audit log viewer: read-only by construction (there is no route that changes an entry), filtered
 * by actor, application, product, kind and time, and exported as CSV with the same filter.
 */
export function registerAuditAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { audit } = services;

  const readFilter = (c: Ctx) => {
    const values = c.req.query();
    const form = parseForm(auditFilterSchema(c.get('m')), values);
    if (!form.ok) return { errors: form.errors, values: form.values } as const;
    const { actor, application, product, kind, from, to } = form.data;
    const filter: AuditFilter = {
      actor: actor || undefined,
      applicationId: application || undefined,
      productId: product || undefined,
      action: kind || undefined,
      from: from || undefined,
      to: to || undefined,
    };
    return { filter, values } as const;
  };

  // An actor whose account was deleted keeps only the bare id on the record.
  const actorOf = (c: Ctx, entry: AuditEntryWithActor) =>
    entry.actor_id
      ? `${entry.actor_name ?? c.get('m').account.deletedAccount} <${entry.actor_email ?? entry.actor_id}>`
      : c.get('m').audit.platform;

  const viewer = async (
    c: Ctx,
    state: { rows: AuditEntryWithActor[]; errors?: FieldErrors; values: FormValues },
  ) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const query = new URL(c.req.url).search;
    const kinds = await audit.actions();
    return page(
      c,
      { title: m.audit.title, indexable: false, status: state.errors ? 422 : 200 },
      <>
        <AdminNav locale={locale} m={m} />
        <PageHeader title={m.audit.title} lead={m.audit.lead} />
        <form method="get" action={`/${locale}/admin/audit`} class="form filters">
          <ErrorSummary title={m.errors.formProblems} errors={state.errors} />
          <Field name="actor" label={m.audit.actor} required={false} maxLength={200} {...state} />
          <Field name="application" label={m.audit.application} required={false} maxLength={100} {...state} />
          <Field name="product" label={m.audit.product} required={false} maxLength={100} {...state} />
          <SelectField
            name="kind"
            label={m.audit.kind}
            any={m.audit.anyKind}
            options={kinds.map((kind) => ({ value: kind, label: kind }))}
            selected={state.values['kind']}
          />
          <Field name="from" type="date" label={m.audit.from} required={false} {...state} />
          <Field name="to" type="date" label={m.audit.to} required={false} {...state} />
          <button type="submit" class="button">
            {m.audit.filter}
          </button>
        </form>
        {state.errors ? null : (
          <>
            <p>
              <a href={`/${locale}/admin/audit.csv${query}`} download>
                {m.audit.download}
              </a>
            </p>
            <p>{state.rows.length === 0 ? m.audit.none : m.audit.shown(state.rows.length, pageLimit)}</p>
          </>
        )}
        {state.rows.length > 0 ? (
          <div class="table-scroll" tabindex={0} role="region" aria-label={m.audit.title}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{m.audit.time}</th>
                  <th scope="col">{m.audit.actor}</th>
                  <th scope="col">{m.audit.kind}</th>
                  <th scope="col">{m.audit.application}</th>
                  <th scope="col">{m.audit.subject}</th>
                  <th scope="col">{m.audit.reason}</th>
                  <th scope="col">{m.audit.details}</th>
                </tr>
              </thead>
              <tbody>
                {state.rows.map((entry) => (
                  <tr data-testid="audit-entry">
                    <td>{formatDateTime(locale, entry.occurred_at)}</td>
                    <td>{actorOf(c, entry)}</td>
                    <td>{entry.action}</td>
                    <td>{entry.application_id ?? ''}</td>
                    <td>{entry.subject_id ?? ''}</td>
                    <td>{entry.reason}</td>
                    <td>
                      <code>{entry.details === '{}' ? '' : entry.details}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </>,
    );
  };

  routes.get('/:locale/admin/audit', 'admin', async (c) => {
    const read = readFilter(c);
    if ('errors' in read) return viewer(c, { rows: [], errors: read.errors, values: read.values });
    return viewer(c, { rows: await audit.search(read.filter, pageLimit), values: read.values });
  });

  routes.get('/:locale/admin/audit.csv', 'admin', async (c) => {
    const read = readFilter(c);
    if ('errors' in read) return viewer(c, { rows: [], errors: read.errors, values: read.values });
    const rows = await audit.search(read.filter, exportLimit);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="trustmark-audit-log.csv"');
    c.header('Cache-Control', 'private, no-store');
    return c.body(
      toCsv([
        [
          'occurred_at',
          'actor_id',
          'actor_name',
          'actor_email',
          'action',
          'application_id',
          'subject_id',
          'reason',
          'details',
        ],
        ...rows.map((entry) => [
          entry.occurred_at,
          entry.actor_id,
          entry.actor_name,
          entry.actor_email,
          entry.action,
          entry.application_id,
          entry.subject_id,
          entry.reason,
          entry.details,
        ]),
      ]),
    );
  });
}
