import type { Partner } from '../../../platform/db/schema';
import type { Messages } from '../../../platform/i18n';
import { fieldLimits, type FormValues } from '../../../platform/web/forms';
import {
  AdminNav,
  ButtonForm,
  Field,
  Notice,
  PageHeader,
  PostForm,
  SelectField,
  UploadForm,
} from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { partnerKinds } from '../rules';
import { partnerSchema, sortOrderLimit } from '../schemas';
import type { Ctx, FormState } from '../admin-parts';

const partnerValues = (partner: Partner): FormValues => ({
  name: partner.name,
  url: partner.url,
  kind: partner.kind,
  descriptionEn: partner.description_en,
  descriptionDe: partner.description_de,
  sortOrder: String(partner.sort_order),
  updatedAt: partner.updated_at,
});

/** Every partner, with the form for a new one. */
export function partnerListPage(c: Ctx, list: Partner[], state: FormState = {}) {
  const m = c.get('m');
  const locale = c.get('locale');
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
          m={m}
          action={`/${locale}/admin/partners`}
          state={state}
          values={state.values ?? { sortOrder: String(list.length) }}
        />
      </section>
    </>,
  );
}

/** One partner: its details and its logo. */
export function partnerPage(c: Ctx, partner: Partner, state: FormState = {}) {
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
      <PartnerForm m={m} action={base} state={state} values={state.values ?? partnerValues(partner)} />
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
}

function PartnerForm(props: { m: Messages; action: string; state: FormState; values: FormValues }) {
  const { m, state, values } = props;
  const limits = fieldLimits(partnerSchema(m));
  return (
    <PostForm
      action={props.action}
      errorTitle={m.errors.formProblems}
      errors={state.errors}
      submitLabel={m.contentAdmin.savePartner}
    >
      <input type="hidden" name="updatedAt" value={values['updatedAt'] ?? ''} />
      <Field
        name="name"
        label={m.contentAdmin.partnerName}
        maxLength={limits['name']}
        errors={state.errors}
        values={values}
      />
      <Field
        name="url"
        label={m.contentAdmin.partnerUrl}
        type="url"
        maxLength={limits['url']}
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
        maxLength={limits['descriptionEn']}
        errors={state.errors}
        values={values}
      />
      <Field
        name="descriptionDe"
        label={m.contentAdmin.descriptionDe}
        multiline
        maxLength={limits['descriptionDe']}
        errors={state.errors}
        values={values}
      />
      <Field
        name="sortOrder"
        label={m.contentAdmin.sortOrder}
        hint={m.contentAdmin.sortOrderHint}
        inputMode="numeric"
        maxLength={String(sortOrderLimit).length}
        errors={state.errors}
        values={values}
      />
    </PostForm>
  );
}
