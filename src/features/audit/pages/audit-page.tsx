import type { Context } from 'hono';
import { formatDateTime, type Locale, type Messages } from '../../../platform/i18n';
import type { AuditEntryWithActor } from '../../../platform/audit/store';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import {
  AdminNav,
  ErrorSummary,
  Field,
  PageHeader,
  SelectField,
} from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { auditFilterSchema } from '../schemas';

type Ctx = Context<AppEnv>;

export interface AuditViewState {
  rows: AuditEntryWithActor[];
  /** The kinds of entry there are, to filter by. */
  kinds: string[];
  /** How many rows the page shows at most. */
  limit: number;
  errors?: FieldErrors | undefined;
  values: FormValues;
}

/** An actor whose account was deleted keeps only the bare id on the record. */
export function actorOf(m: Messages, entry: AuditEntryWithActor): string {
  return entry.actor_id
    ? `${entry.actor_name ?? m.account.deletedAccount} <${entry.actor_email ?? entry.actor_id}>`
    : m.audit.platform;
}

/** The audit log viewer: the filter, the link to the CSV with the same filter, and the entries. */
export function auditPage(c: Ctx, state: AuditViewState) {
  const m = c.get('m');
  const locale = c.get('locale');
  const query = new URL(c.req.url).search;
  return page(
    c,
    { title: m.audit.title, indexable: false, status: state.errors ? 422 : 200 },
    <>
      <AdminNav locale={locale} m={m} />
      <PageHeader title={m.audit.title} lead={m.audit.lead} />
      <AuditFilterForm m={m} locale={locale} state={state} />
      {state.errors ? null : (
        <>
          <p>
            <a href={`/${locale}/admin/audit.csv${query}`} download>
              {m.audit.download}
            </a>
          </p>
          <p>{state.rows.length === 0 ? m.audit.none : m.audit.shown(state.rows.length, state.limit)}</p>
        </>
      )}
      {state.rows.length > 0 ? <AuditTable m={m} locale={locale} rows={state.rows} /> : null}
    </>,
  );
}

function AuditFilterForm({ m, locale, state }: { m: Messages; locale: string; state: AuditViewState }) {
  const limits = fieldLimits(auditFilterSchema(m));
  const fieldState = { errors: state.errors, values: state.values };
  return (
    <form method="get" action={`/${locale}/admin/audit`} class="form filters">
      <ErrorSummary title={m.errors.formProblems} errors={state.errors} />
      <Field
        name="actor"
        label={m.audit.actor}
        required={false}
        maxLength={limits['actor']}
        {...fieldState}
      />
      <Field
        name="application"
        label={m.audit.application}
        required={false}
        maxLength={limits['application']}
        {...fieldState}
      />
      <Field
        name="product"
        label={m.audit.product}
        required={false}
        maxLength={limits['product']}
        {...fieldState}
      />
      <SelectField
        name="kind"
        label={m.audit.kind}
        any={m.audit.anyKind}
        options={state.kinds.map((kind) => ({ value: kind, label: kind }))}
        selected={state.values['kind']}
      />
      <Field name="from" type="date" label={m.audit.from} required={false} {...fieldState} />
      <Field name="to" type="date" label={m.audit.to} required={false} {...fieldState} />
      <button type="submit" class="button">
        {m.audit.filter}
      </button>
    </form>
  );
}

function AuditTable({ m, locale, rows }: { m: Messages; locale: Locale; rows: AuditEntryWithActor[] }) {
  return (
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
          {rows.map((entry) => (
            <tr data-testid="audit-entry">
              <td>{formatDateTime(locale, entry.occurred_at)}</td>
              <td>{actorOf(m, entry)}</td>
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
  );
}
