import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/web/env';
import type { Messages } from '../../../platform/i18n';
import { currentUser } from '../../../platform/web/session';
import { requiresTwoFactor } from '../../../platform/auth/access';
import { optionalMailKinds } from '../../review/notification-rules';
import { mayDelete, type DeletionBlockers } from '../../privacy/rules';
import type { FieldErrors } from '../../../platform/web/forms';
import { Notice, PageHeader, PasswordField, PostForm } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';

type Ctx = Context<AppEnv>;

export interface AccountOverview {
  companies: { name: string; slug: string }[];
  /** Pending invitations to join a company. */
  invitations: { id: string; organizationName: string }[];
  /** The optional mail kinds the user turned off. */
  disabledMail: Set<string>;
}

/** The account page: profile, mail settings, invitations, companies, the user's data, security. */
export function accountPage(c: Ctx, overview: AccountOverview) {
  const m = c.get('m');
  const locale = c.get('locale');
  const user = currentUser(c);
  const notices: Record<string, string> = {
    'two-factor-enabled': m.account.twoFactorEnabled,
    declined: m.company.declined,
    'mail-saved': m.account.mailSaved,
  };
  const notice = notices[c.req.query('notice') ?? ''];
  return page(
    c,
    { title: m.account.title, indexable: false },
    <>
      <PageHeader title={m.account.title} />
      {notice ? <Notice>{notice}</Notice> : null}
      {requiresTwoFactor(user.role) && !user.twoFactorEnabled ? (
        <Notice tone="warning">
          {m.account.twoFactorRequired}{' '}
          <a href={`/${locale}/account/two-factor`}>{m.account.setUpTwoFactor}</a>
        </Notice>
      ) : null}
      <section class="card">
        <h2>{m.account.profile}</h2>
        <dl class="facts">
          <dt>{m.auth.name}</dt>
          <dd>{user.name}</dd>
          <dt>{m.auth.email}</dt>
          <dd>{user.email}</dd>
          <dt>{m.account.role}</dt>
          <dd>{m.account.roles[user.role]}</dd>
        </dl>
      </section>
      <MailSettings m={m} locale={locale} disabled={overview.disabledMail} />
      <Invitations m={m} locale={locale} invitations={overview.invitations} />
      <Companies m={m} locale={locale} companies={overview.companies} />
      <section class="card" aria-labelledby="data-title">
        <h2 id="data-title">{m.account.dataTitle}</h2>
        <p>{m.account.dataLead}</p>
        <p class="actions">
          <a class="button button-secondary" href={`/${locale}/account/export.json`} download>
            {m.account.exportData}
          </a>
          <a class="button button-danger" href={`/${locale}/account/delete`}>
            {m.account.deleteAccount}
          </a>
        </p>
      </section>
      <section class="card">
        <h2>{m.account.security}</h2>
        <p>{user.twoFactorEnabled ? m.account.twoFactorOn : m.account.twoFactorOff}</p>
        {user.twoFactorEnabled ? null : (
          <p>
            <a href={`/${locale}/account/two-factor`}>{m.account.setUpTwoFactor}</a>
          </p>
        )}
      </section>
    </>,
  );
}

function MailSettings({ m, locale, disabled }: { m: Messages; locale: string; disabled: Set<string> }) {
  return (
    <section class="card" aria-labelledby="mail-title">
      <h2 id="mail-title">{m.account.mail}</h2>
      <p>{m.account.mailLead}</p>
      <form method="post" action={`/${locale}/account/mail`} class="form">
        <fieldset class="field">
          <legend>{m.account.mailOptional}</legend>
          {optionalMailKinds.map((kind) => (
            <label class="choice">
              <input type="checkbox" name={kind} checked={!disabled.has(kind)} /> {m.account.mailKinds[kind]}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button button-secondary">
          {m.account.mailSave}
        </button>
      </form>
    </section>
  );
}

function Invitations(props: { m: Messages; locale: string; invitations: AccountOverview['invitations'] }) {
  const { m, locale, invitations } = props;
  if (invitations.length === 0) return null;
  return (
    <section class="card">
      <h2>{m.account.invitations}</h2>
      <ul>
        {invitations.map((invitation) => (
          <li>
            <a href={`/${locale}/invitations/${invitation.id}`}>
              {m.company.invitationTitle(invitation.organizationName)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Companies({
  m,
  locale,
  companies,
}: {
  m: Messages;
  locale: string;
  companies: AccountOverview['companies'];
}) {
  return (
    <section class="card">
      <h2>{m.account.companies}</h2>
      {companies.length === 0 ? (
        <p>{m.account.noCompanies}</p>
      ) : (
        <ul>
          {companies.map((company) => (
            <li>
              <a href={`/${locale}/companies/${company.slug}`}>{company.name}</a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button button-secondary" href={`/${locale}/companies/new`}>
          {m.account.createCompany}
        </a>
      </p>
    </section>
  );
}

/** Deleting one's account: what stands in the way, or the password that confirms it. */
export function deleteAccountPage(
  c: Ctx,
  blockers: DeletionBlockers,
  errors?: FieldErrors,
  status: 200 | 401 | 409 | 422 = 200,
) {
  const m = c.get('m');
  const locale = c.get('locale');
  const owned = blockers.ownedCompanies;
  return page(
    c,
    { title: m.account.deleteTitle, status, indexable: false },
    <>
      <PageHeader title={m.account.deleteTitle} lead={m.account.deleteLead} />
      {blockers.lastAdministrator ? <Notice tone="warning">{m.account.lastAdministrator}</Notice> : null}
      {owned.length > 0 ? (
        <Notice tone="warning">
          {m.account.deleteBlocked}
          <ul>
            {owned.map((company) => (
              <li>
                <a href={`/${locale}/companies/${company.companySlug}`}>{company.companyName}</a>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {mayDelete(blockers) ? (
        <PostForm
          action={`/${locale}/account/delete`}
          errorTitle={m.errors.formProblems}
          errors={errors}
          submitLabel={m.account.deleteConfirm}
          liveValidation={false}
        >
          <PasswordField label={m.account.confirmPassword} errors={errors} purpose="current" />
        </PostForm>
      ) : null}
    </>,
  );
}

/** The page that confirms a deletion: the first a signed-out visitor sees. */
export function accountDeletedPage(c: Ctx) {
  const m = c.get('m');
  return page(
    c,
    { title: m.account.deletedTitle, indexable: false },
    <PageHeader title={m.account.deletedTitle} lead={m.account.deletedLead} />,
  );
}
