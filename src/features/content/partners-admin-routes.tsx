import { randomUUID } from 'node:crypto';
import type { Partner } from '../../platform/db/schema';
import type { PartnerFields } from './partners-store';
import { partnerSchema } from './schemas';
import { fieldLimits, parseForm, valuesOf } from '../../platform/web/forms';
import { servePicture } from '../../platform/web/pictures';
import { signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { renderNotFound } from '../../platform/web/views/error-page';
import { registerPictureRoutes, type Ctx, type FormState } from './admin-parts';
import { createPartner, deletePartner, setPartnerLogo, updatePartner } from './partner-actions';
import { partnerListPage, partnerPage } from './pages/partner-pages';

/** The partner organisations on the partners page, kept by admins with their logos; every change audited. */
export function registerPartnerAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { partners, files } = services;
  const partnerList = async (c: Ctx, state: FormState = {}) =>
    partnerListPage(c, await partners.list(), state);
  const loadPartner = (c: Ctx) => partners.find(c.req.param('partnerId') ?? '');

  /** Validates a partner form: the fields to store, or the page (from `onError`) that explains what is wrong. */
  async function readPartner(c: Ctx, onError: (state: FormState) => Response | Promise<Response>) {
    const body = await c.req.parseBody();
    const schema = partnerSchema(c.get('m'));
    const values = valuesOf(body, fieldLimits(schema));
    const form = parseForm(schema, body);
    if (!form.ok) return { page: await onError({ errors: form.errors, values, status: 422 }) };
    const { data } = form;
    const fields: PartnerFields = {
      name: data.name,
      url: data.url,
      kind: data.kind,
      description_en: data.descriptionEn,
      description_de: data.descriptionDe,
      sort_order: data.sortOrder,
    };
    return { fields, seen: data.updatedAt, values };
  }

  const saved = (c: Ctx, id: string) =>
    c.redirect(`/${c.get('locale')}/admin/partners/${id}?notice=saved`, 303);

  routes.get('/:locale/admin/partners', 'admin', (c) => partnerList(c));

  routes.post('/:locale/admin/partners', 'admin', async (c) => {
    const read = await readPartner(c, (state) => partnerList(c, state));
    if ('page' in read) return read.page;
    const result = await createPartner(services, signedInPrincipal(c), {
      id: randomUUID(),
      fields: read.fields,
    });
    return result.kind === 'saved' ? saved(c, result.id) : renderNotFound(c);
  });

  routes.get('/:locale/admin/partners/:partnerId', 'admin', async (c) => {
    const partner = await loadPartner(c);
    return partner ? partnerPage(c, partner) : renderNotFound(c);
  });

  routes.post('/:locale/admin/partners/:partnerId', 'admin', async (c) => {
    const partner = await loadPartner(c);
    if (!partner) return renderNotFound(c);
    const read = await readPartner(c, (state) => partnerPage(c, partner, state));
    if ('page' in read) return read.page;
    const edit = { id: partner.id, seen: read.seen, fields: read.fields };
    const result = await updatePartner(services, signedInPrincipal(c), edit);
    if (result.kind === 'saved') return saved(c, partner.id);
    if (result.kind === 'not-found') return renderNotFound(c);
    // Someone saved first: show their version above, keep this admin's text in the form.
    const current: Partner = (await loadPartner(c)) ?? partner;
    const values = { ...read.values, updatedAt: current.updated_at };
    return partnerPage(c, current, { values, problem: c.get('m').contentAdmin.conflict, status: 409 });
  });

  registerPictureRoutes(routes, services, {
    path: '/:locale/admin/partners/:partnerId/logo',
    field: 'logo',
    load: loadPartner,
    explain: (c, partner, state) => partnerPage(c, partner, state),
    setPicture: (actor, partnerId, logo) => setPartnerLogo(services, actor, partnerId, logo),
    pageOf: (c, partner) => `/${c.get('locale')}/admin/partners/${partner.id}`,
  });

  routes.post('/:locale/admin/partners/:partnerId/delete', 'admin', async (c) => {
    const result = await deletePartner(services, signedInPrincipal(c), c.req.param('partnerId') ?? '');
    if (result.kind === 'not-found') return renderNotFound(c);
    return c.redirect(`/${c.get('locale')}/admin/partners?notice=deleted`, 303);
  });

  routes.get('/partner-logos/:partnerId', 'public', async (c) => {
    const partner = await loadPartner(c);
    if (!partner?.logo_key || !partner.logo_type) return c.notFound();
    const bytes = await files.get(partner.logo_key);
    if (!bytes) return c.notFound();
    return servePicture(c, bytes, partner.logo_type, 'public, max-age=300');
  });
}
