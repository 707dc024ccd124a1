import type { Context } from 'hono';
import type { AuditEntryWithActor, AuditFilter } from '../../platform/audit/store';
import { toCsv } from '../../platform/web/csv';
import type { AppEnv } from '../../platform/web/env';
import { auditFilterSchema } from './schemas';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { auditPage } from './pages/audit-page';

type Ctx = Context<AppEnv>;

/** Rows shown on the page; the CSV carries up to `exportLimit`. */
const pageLimit = 200;
const exportLimit = 50_000;

const csvColumns = [
  'occurred_at',
  'actor_id',
  'actor_name',
  'actor_email',
  'action',
  'application_id',
  'subject_id',
  'reason',
  'details',
] as const satisfies readonly (keyof AuditEntryWithActor)[];

/** The filter from the query string, or what is wrong with it. */
function readFilter(c: Ctx) {
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
}

/**
 * The audit log viewer: read-only by construction (there is no route that changes an entry), filtered
 * by actor, application, product, kind and time, and exported as CSV with the same filter.
 */
export function registerAuditAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { audit } = services;
  const viewer = async (
    c: Ctx,
    state: { rows: AuditEntryWithActor[]; errors?: FieldErrors; values: FormValues },
  ) => auditPage(c, { ...state, kinds: await audit.actions(), limit: pageLimit });

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
      toCsv([[...csvColumns], ...rows.map((entry) => csvColumns.map((column) => entry[column]))]),
    );
  });
}
