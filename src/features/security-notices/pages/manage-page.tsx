import type { Context } from 'hono';
import type { CertificationRow } from '../../../platform/db/schema';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import type { Messages } from '../../../platform/i18n';
import { Field, Notice, PageHeader, PostForm, SelectField } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { severities } from '../rules';
import { noticeSchema, releaseSchema } from '../schemas';
import type { SecurityInformation } from '../store';
import { SecurityInformationSection } from './public-section';

type Ctx = Context<AppEnv>;

/** A form shown again after a refusal: which one, what was typed and what was wrong. */
export interface ManageFormState {
  form: 'notice' | 'release';
  errors: FieldErrors;
  values: FormValues;
}

export interface ManageView {
  certification: CertificationRow;
  information: SecurityInformation;
  now: Date;
  /** The address of this page; the forms post below it. */
  path: string;
  /** Owners and administrators publish; other members read what was published. */
  mayPublish: boolean;
  state?: ManageFormState;
  status?: 200 | 422;
}

/** The company's page for a certified product's security notices and firmware releases. */
export function securityManagePage(c: Ctx, view: ManageView) {
  const m = c.get('m');
  const locale = c.get('locale');
  const title = m.security.manageTitle(view.certification.product_name);
  const notices: Record<string, string> = {
    'notice-published': m.security.noticePublished,
    'release-published': m.security.releasePublished,
  };
  const notice = notices[c.req.query('notice') ?? ''];
  const security = {
    certificationId: view.certification.id,
    supportEndDate: view.certification.support_end_date,
    now: view.now,
    information: view.information,
  };
  return page(
    c,
    { title, status: view.status ?? 200, indexable: false },
    <>
      <PageHeader title={title} lead={m.security.manageLead} />
      {notice ? <Notice>{notice}</Notice> : null}
      <p>
        <a href={`/${locale}/products/${view.certification.id}#security`}>{m.markKit.publicPage}</a>
      </p>
      {view.mayPublish ? (
        <>
          <NoticeForm m={m} action={`${view.path}/notices`} state={view.state} />
          <ReleaseForm m={m} action={`${view.path}/releases`} state={view.state} />
        </>
      ) : (
        <p>{m.security.notAllowed}</p>
      )}
      <SecurityInformationSection m={m} locale={locale} security={security} />
    </>,
  );
}

function stateFor(state: ManageFormState | undefined, form: ManageFormState['form']) {
  return state?.form === form ? { errors: state.errors, values: state.values } : {};
}

function NoticeForm({
  m,
  action,
  state,
}: {
  m: Messages;
  action: string;
  state?: ManageFormState | undefined;
}) {
  const limits = fieldLimits(noticeSchema(m, new Date()));
  const own = stateFor(state, 'notice');
  return (
    <section class="card" aria-labelledby="add-notice-title">
      <h2 id="add-notice-title">{m.security.addNotice}</h2>
      <PostForm
        action={action}
        errorTitle={m.errors.formProblems}
        errors={own.errors}
        submitLabel={m.security.publishNotice}
      >
        <Field name="title" label={m.security.noticeTitle} maxLength={limits['title']} {...own} />
        <Field name="date" type="date" label={m.security.noticeDate} {...own} />
        <SelectField
          name="severity"
          label={m.security.severity}
          options={severities.map((value) => ({ value, label: m.security.severities[value] ?? value }))}
          selected={own.values?.['severity']}
        />
        <Field
          name="affectedVersions"
          label={m.security.affectedVersions}
          hint={m.security.affectedHint}
          maxLength={limits['affectedVersions']}
          {...own}
        />
        <Field
          name="fixedVersion"
          label={m.security.fixedVersion}
          maxLength={limits['fixedVersion']}
          {...own}
        />
        <Field
          name="advisoryUrl"
          type="url"
          label={m.security.advisoryUrl}
          maxLength={limits['advisoryUrl']}
          {...own}
        />
        <Field
          name="csafUrl"
          type="url"
          label={m.security.csafUrl}
          required={false}
          maxLength={limits['csafUrl']}
          {...own}
        />
      </PostForm>
    </section>
  );
}

function ReleaseForm({
  m,
  action,
  state,
}: {
  m: Messages;
  action: string;
  state?: ManageFormState | undefined;
}) {
  const limits = fieldLimits(releaseSchema(m, new Date()));
  const own = stateFor(state, 'release');
  return (
    <section class="card" aria-labelledby="add-release-title">
      <h2 id="add-release-title">{m.security.addRelease}</h2>
      <PostForm
        action={action}
        errorTitle={m.errors.formProblems}
        errors={own.errors}
        submitLabel={m.security.publishRelease}
      >
        <Field name="version" label={m.security.releaseVersion} maxLength={limits['version']} {...own} />
        <Field name="releasedOn" type="date" label={m.security.releaseDate} {...own} />
        <Field
          name="notesUrl"
          type="url"
          label={m.security.notesUrl}
          maxLength={limits['notesUrl']}
          {...own}
        />
      </PostForm>
    </section>
  );
}
