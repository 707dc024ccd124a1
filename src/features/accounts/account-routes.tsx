import { optionalMailKinds } from '../review/notification-rules';
import { raw } from 'hono/html';
import type { Context } from 'hono';
import QRCode from 'qrcode';
import { requiresTwoFactor } from '../../platform/auth/access';
import { deletionBlockers, mayDelete } from '../privacy/rules';
import type { AppEnv } from '../../platform/web/env';
import { attempt, forwardCookies } from '../../platform/web/auth-calls';
import { confirmPasswordSchema, enableTwoFactorSchema } from './schemas';
import { fillAssignmentsJob } from '../review/decide';
import { parseForm, type FieldErrors } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import { currentUser } from '../../platform/web/session';
import type { AppServices } from '../../app/services';
import { CodeField, Notice, PageHeader, PasswordField, PostForm } from '../../platform/web/views/components';
import { page } from '../../platform/web/views/layout';

export function registerAccountRoutes(routes: RouteRegistry, services: AppServices): void {
  const { auth } = services;

  routes.get('/:locale/account', 'signed-in', async (c) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const user = currentUser(c);
    const headers = c.req.raw.headers;
    const [companies, invitations, disabledMail] = await Promise.all([
      auth.api.listOrganizations({ headers }),
      auth.api.listUserInvitations({ headers }),
      services.mailPreferences.disabledKinds(user.id),
    ]);
    const pending = invitations.filter((invitation) => invitation.status === 'pending');
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
        <section class="card" aria-labelledby="mail-title">
          <h2 id="mail-title">{m.account.mail}</h2>
          <p>{m.account.mailLead}</p>
          <form method="post" action={`/${locale}/account/mail`} class="form">
            <fieldset class="field">
              <legend>{m.account.mailOptional}</legend>
              {optionalMailKinds.map((kind) => (
                <label class="choice">
                  <input type="checkbox" name={kind} checked={!disabledMail.has(kind)} />{' '}
                  {m.account.mailKinds[kind]}
                </label>
              ))}
            </fieldset>
            <button type="submit" class="button button-secondary">
              {m.account.mailSave}
            </button>
          </form>
        </section>
        {pending.length > 0 ? (
          <section class="card">
            <h2>{m.account.invitations}</h2>
            <ul>
              {pending.map((invitation) => (
                <li>
                  <a href={`/${locale}/invitations/${invitation.id}`}>
                    {m.company.invitationTitle(invitation.organizationName)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
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
  });

  const passwordStep = (c: Context<AppEnv>, errors?: FieldErrors, status: 200 | 401 | 422 = 200) => {
    const m = c.get('m');
    const user = currentUser(c);
    const required = c.req.query('required') === '1' || requiresTwoFactor(user.role);
    return page(
      c,
      { title: m.account.twoFactorSetupTitle, status, indexable: false },
      <>
        <PageHeader title={m.account.twoFactorSetupTitle} lead={m.account.twoFactorSetupLead} />
        {required && !user.twoFactorEnabled ? (
          <Notice tone="warning">{m.account.twoFactorRequired}</Notice>
        ) : null}
        {user.twoFactorEnabled ? (
          <Notice>{m.account.twoFactorOn}</Notice>
        ) : (
          <PostForm
            action={`/${c.get('locale')}/account/two-factor`}
            errorTitle={m.errors.formProblems}
            errors={errors}
            submitLabel={m.account.continue}
            liveValidation={false}
          >
            <PasswordField label={m.account.confirmPassword} errors={errors} purpose="current" />
          </PostForm>
        )}
      </>,
    );
  };

  const scanStep = async (
    c: Context<AppEnv>,
    totpUri: string,
    backupCodes: string[],
    errors?: FieldErrors,
    status: 200 | 401 | 422 = 200,
  ) => {
    const m = c.get('m');
    const secret = new URL(totpUri).searchParams.get('secret') ?? '';
    const qr = await QRCode.toString(totpUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return page(
      c,
      { title: m.account.scanTitle, status, indexable: false },
      <>
        <PageHeader title={m.account.scanTitle} lead={m.account.scanLead} />
        <div class="two-columns">
          <figure class="qr" role="img" aria-label={m.account.qrAlt}>
            {raw(qr)}
          </figure>
          <div>
            <p>
              <strong>{m.account.manualKey}:</strong>
            </p>
            <p>
              <code class="secret" data-testid="totp-secret">
                {secret}
              </code>
            </p>
          </div>
        </div>
        {backupCodes.length > 0 ? (
          <section>
            <h2>{m.account.backupCodes}</h2>
            <p>{m.account.backupCodesLead}</p>
            <ul class="backup-codes">
              {backupCodes.map((code) => (
                <li>
                  <code>{code}</code>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <PostForm
          action={`/${c.get('locale')}/account/two-factor/confirm`}
          errorTitle={m.errors.formProblems}
          errors={errors}
          submitLabel={m.account.enable}
          liveValidation={false}
        >
          <input type="hidden" name="totpUri" value={totpUri} />
          <input type="hidden" name="backupCodes" value={backupCodes.join(' ')} />
          <CodeField label={m.auth.code} errors={errors} />
        </PostForm>
      </>,
    );
  };

  routes.post('/:locale/account/mail', 'signed-in', async (c) => {
    const body = await c.req.parseBody();
    const user = currentUser(c);
    // An unticked checkbox sends nothing: every optional kind not sent is turned off.
    for (const kind of optionalMailKinds) {
      await services.mailPreferences.set(user.id, kind, body[kind] === 'on');
    }
    return c.redirect(`/${c.get('locale')}/account?notice=mail-saved`, 303);
  });

  routes.get('/:locale/account/export.json', 'signed-in', async (c) => {
    const data = await services.accountData.exportFor(currentUser(c).id, services.now());
    if (!data) return c.notFound();
    c.header('Content-Disposition', 'attachment; filename="trustmark-account-data.json"');
    c.header('Cache-Control', 'private, no-store');
    return c.json(data);
  });

  const blockersOf = async (user: { id: string; role: string }) =>
    deletionBlockers(await services.accountData.memberships(user.id), {
      isAdmin: user.role === 'admin',
      administrators: await services.users.countWithRole('admin'),
    });

  const deletePage = async (
    c: Context<AppEnv>,
    errors?: FieldErrors,
    status: 200 | 401 | 409 | 422 = 200,
  ) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const blockers = await blockersOf(currentUser(c));
    const owned = blockers.ownedCompanies;
    return page(
      c,
      {
        title: m.account.deleteTitle,
        status,
        indexable: false,
      },
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
  };

  routes.get('/:locale/account/delete', 'signed-in', (c) => deletePage(c));

  routes.post('/:locale/account/delete', 'signed-in', async (c) => {
    const m = c.get('m');
    const user = currentUser(c);
    const form = parseForm(confirmPasswordSchema(m), await c.req.parseBody());
    if (!form.ok) return deletePage(c, form.errors, 422);
    // Checked again here: owners hand their companies on first, and the last administrator stays.
    if (!mayDelete(await blockersOf(user))) return deletePage(c, undefined, 409);
    const outcome = await attempt(() =>
      auth.api.deleteUser({
        body: { password: form.data.password },
        headers: c.req.raw.headers,
        asResponse: true,
      }),
    );
    if (!outcome.ok) return deletePage(c, { password: m.account.wrongPassword }, 401);
    forwardCookies(c, outcome.value);
    await services.departures.accountDeleted(user.id);
    // The page that confirms it is the first a signed-out visitor sees.
    c.set('user', null);
    return page(
      c,
      { title: m.account.deletedTitle, indexable: false },
      <PageHeader title={m.account.deletedTitle} lead={m.account.deletedLead} />,
    );
  });

  routes.get('/:locale/account/two-factor', 'signed-in', (c) => passwordStep(c));

  routes.post('/:locale/account/two-factor', 'signed-in', async (c) => {
    const m = c.get('m');
    const form = parseForm(confirmPasswordSchema(m), await c.req.parseBody());
    if (!form.ok) return passwordStep(c, form.errors, 422);
    const outcome = await attempt(() =>
      auth.api.enableTwoFactor({
        body: { password: form.data.password, method: 'totp' },
        headers: c.req.raw.headers,
      }),
    );
    if (!outcome.ok || outcome.value.method !== 'totp')
      return passwordStep(c, { password: m.account.wrongPassword }, 401);
    return scanStep(c, outcome.value.totpURI, outcome.value.backupCodes);
  });

  routes.post('/:locale/account/two-factor/confirm', 'signed-in', async (c) => {
    const m = c.get('m');
    const form = parseForm(enableTwoFactorSchema(m), await c.req.parseBody());
    if (!form.ok) {
      const body = await c.req.parseBody();
      const totpUri =
        typeof body['totpUri'] === 'string' && body['totpUri'].startsWith('otpauth://')
          ? body['totpUri'].slice(0, 500)
          : '';
      if (!totpUri) return passwordStep(c, undefined, 422);
      const codes =
        typeof body['backupCodes'] === 'string'
          ? body['backupCodes'].slice(0, 2000).split(' ').filter(Boolean)
          : [];
      return scanStep(c, totpUri, codes, form.errors, 422);
    }
    const { code, totpUri, backupCodes } = form.data;
    const outcome = await attempt(() =>
      auth.api.verifyTOTP({ body: { code }, headers: c.req.raw.headers, asResponse: true }),
    );
    if (!outcome.ok) {
      return scanStep(c, totpUri, backupCodes.split(' ').filter(Boolean), { code: m.auth.invalidCode }, 422);
    }
    forwardCookies(c, outcome.value);
    // Reviewers without a second factor are never assigned: now they can be, so waiting work finds them.
    if (currentUser(c).role === 'reviewer')
      await services.jobs.transaction((trx) =>
        services.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null }),
      );
    return c.redirect(`/${c.get('locale')}/account?notice=two-factor-enabled`, 303);
  });
}
