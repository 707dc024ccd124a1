import { randomUUID } from 'node:crypto';
import { partnerKinds } from './rules';
import type { Partner } from '../../platform/db/schema';
import type { PartnerFields } from './partners-store';
import { partnerSchema } from './schemas';
import { fieldLimits, parseForm, valuesOf, type FormValues } from '../../platform/web/forms';
import { servePicture } from '../../platform/web/pictures';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import {
  AdminNav,
  ButtonForm,
  Field,
  Notice,
  PageHeader,
  PostForm,
  SelectField,
  UploadForm,
} from '../../platform/web/views/components';
import { renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import { recordChange, registerPictureRoutes, type Ctx, type FormState } from './admin-parts';

const partnerValues = (partner: Partner): FormValues => ({
  name: partner.name,
  url: partner.url,
  kind: partner.kind,
  descriptionEn: partner.description_en,
  descriptionDe: partner.description_de,
  sortOrder: String(partner.sort_order),
  updatedAt: partner.updated_at,
});

/** The partner organisations on the partners page, kept by admins with their logos; every change audited. */
export function registerPartnerAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { partners, files } = services;

  const partnerList = async (c: Ctx, state: FormState = {}) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const list = await partners.list();
    const notice = { deleted: m.contentAdmin.partnerDeleted }[c.req.query('notice') ?? ''];
    return page(
      c,
      { title: m.contentAdmin.partnersTitle, indexable: false, status: state.status ?? 200 },
      <>
        <AdminNav locale={locale} m={m} />
        {notice ? <Notice>{notice}</Notice> : null}
        <PageHeader title={m.contentAdmin.partnersTitle} lead={m.contentAdmin.partnersLead} />
        {list.length === 0 ? (
          <p>{m.contentAdmin.noPartners}</p>
        ) : (
          <ul class="plain-list">
            {list.map((partner) => (
              <li>
                {partner.sort_order}. <a href={`/${locale}/admin/partners/${partner.id}`}>{partner.name}</a>{' '}
                <span class="muted">{m.partners.kinds[partner.kind] ?? partner.kind}</span>
              </li>
            ))}
          </ul>
        )}
        <section class="card" aria-labelledby="new-partner-title">
          <h2 id="new-partner-title">{m.contentAdmin.newPartner}</h2>
          <PartnerForm
            c={c}
            action={`/${locale}/admin/partners`}
            state={state}
            values={state.values ?? { sortOrder: String(list.length) }}
          />
        </section>
      </>,
    );
  };

  function PartnerForm({
    c,
    action,
    state,
    values,
  }: {
    c: Ctx;
    action: string;
    state: FormState;
    values: FormValues;
  }) {
    const m = c.get('m');
    return (
      <PostForm
        action={action}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.contentAdmin.savePartner}
      >
        <input type="hidden" name="updatedAt" value={values['updatedAt'] ?? ''} />
        <Field
          name="name"
          label={m.contentAdmin.partnerName}
          maxLength={120}
          errors={state.errors}
          values={values}
        />
        <Field
          name="url"
          label={m.contentAdmin.partnerUrl}
          type="url"
          maxLength={2000}
          errors={state.errors}
          values={values}
        />
        <SelectField
          name="kind"
          label={m.contentAdmin.partnerKind}
          options={partnerKinds.map((value) => ({ value, label: m.partners.kinds[value] ?? value }))}
          selected={values['kind']}
        />
        <Field
          name="descriptionEn"
          label={m.contentAdmin.descriptionEn}
          multiline
          maxLength={1000}
          errors={state.errors}
          values={values}
        />
        <Field
          name="descriptionDe"
          label={m.contentAdmin.descriptionDe}
          multiline
          maxLength={1000}
          errors={state.errors}
          values={values}
        />
        <Field
          name="sortOrder"
          label={m.contentAdmin.sortOrder}
          hint={m.contentAdmin.sortOrderHint}
          inputMode="numeric"
          maxLength={3}
          errors={state.errors}
          values={values}
        />
      </PostForm>
    );
  }

  const partnerPage = async (c: Ctx, partner: Partner, state: FormState = {}) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const base = `/${locale}/admin/partners/${partner.id}`;
    const notices: Record<string, string> = {
      saved: m.contentAdmin.partnerSaved,
      'picture-saved': m.contentAdmin.logoSaved,
    };
    const notice = notices[c.req.query('notice') ?? ''];
    return page(
      c,
      { title: m.contentAdmin.editPartner(partner.name), indexable: false, status: state.status ?? 200 },
      <>
        <AdminNav locale={locale} m={m} />
        {notice ? <Notice>{notice}</Notice> : null}
        {state.problem ? <Notice tone="warning">{state.problem}</Notice> : null}
        <p>
          <a href={`/${locale}/admin/partners`}>← {m.contentAdmin.partnersTitle}</a>
        </p>
        <PageHeader title={m.contentAdmin.editPartner(partner.name)} />
        <PartnerForm c={c} action={base} state={state} values={state.values ?? partnerValues(partner)} />
        <section class="card" aria-labelledby="logo-title">
          <h2 id="logo-title">{m.contentAdmin.logo}</h2>
          {partner.logo_key ? (
            <>
              <img
                src={`/partner-logos/${partner.id}`}
                alt={m.contentAdmin.logoAlt(partner.name)}
                class="partner-logo"
              />
              <ButtonForm action={`${base}/logo/remove`} label={m.contentAdmin.removeLogo} look="secondary" />
            </>
          ) : null}
          <UploadForm
            action={`${base}/logo`}
            name="logo"
            label={m.contentAdmin.logo}
            accept="image/png,image/jpeg,image/webp"
            buttonLabel={m.contentAdmin.uploadLogo}
          />
        </section>
        <ButtonForm action={`${base}/delete`} label={m.contentAdmin.deletePartner} look="danger" />
      </>,
    );
  };

  async function readPartner(c: Ctx, onError: (state: FormState) => Promise<Response>) {
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

  const loadPartner = (c: Ctx) => partners.find(c.req.param('partnerId') ?? '');

  routes.get('/:locale/admin/partners', 'admin', (c) => partnerList(c));

  routes.post('/:locale/admin/partners', 'admin', async (c) => {
    const read = await readPartner(c, (state) => partnerList(c, state));
    if ('page' in read) return read.page;
    const id = randomUUID();
    await partners.insert({ id, ...read.fields, updated_at: services.now().toISOString() });
    await recordChange(services, c, 'partner-saved', id, { name: read.fields.name });
    return c.redirect(`/${c.get('locale')}/admin/partners/${id}?notice=saved`, 303);
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
    if (!(await partners.update(partner.id, read.seen, read.fields, services.now()))) {
      const current = (await loadPartner(c)) ?? partner;
      return partnerPage(c, current, {
        values: { ...read.values, updatedAt: current.updated_at },
        problem: c.get('m').contentAdmin.conflict,
        status: 409,
      });
    }
    await recordChange(services, c, 'partner-saved', partner.id, { name: read.fields.name });
    return c.redirect(`/${c.get('locale')}/admin/partners/${partner.id}?notice=saved`, 303);
  });

  registerPictureRoutes(routes, services, {
    path: '/:locale/admin/partners/:partnerId/logo',
    field: 'logo',
    load: loadPartner,
    explain: (c, partner, state) => partnerPage(c, partner, state),
    attach: partners.setLogo,
    pictureOf: (partner) => partner.logo_key,
    auditPrefix: 'partner-logo',
    pageOf: (c, partner) => `/${c.get('locale')}/admin/partners/${partner.id}`,
  });

  routes.post('/:locale/admin/partners/:partnerId/delete', 'admin', async (c) => {
    const partner = await loadPartner(c);
    if (!partner || !(await partners.remove(partner.id))) return renderNotFound(c);
    await services.releaseFiles([partner.logo_key]);
    await recordChange(services, c, 'partner-deleted', partner.id, { name: partner.name });
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
