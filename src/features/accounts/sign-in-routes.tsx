import type { Context } from 'hono';
import { codeAlreadyUsed } from '../../platform/auth/single-use-totp';
import type { Messages } from '../../platform/i18n';
import type { AppEnv } from '../../platform/web/env';
import { attempt, forwardCookies, type AuthOutcome } from '../../platform/web/auth-calls';
import { secondFactorFieldLength, secondFactorSchema, signInSchema } from './schemas';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import { AccountThrottle, limitSubmissions } from '../../platform/web/rate-limits';
import { safeNextPath, type RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { EmailField, Field, PageHeader, PasswordField, PostForm } from '../../platform/web/views/components';
import { page } from '../../platform/web/views/layout';

interface FormState {
  errors?: FieldErrors;
  values?: FormValues;
  status?: 200 | 401 | 422 | 429;
  next?: string;
}

/** What a refused second factor means, in the user's words. */
function secondFactorProblem(m: Messages, code: string, throttle: AccountThrottle): string {
  if (code === 'INVALID_CODE') return m.auth.invalidCode;
  if (code === codeAlreadyUsed) return m.auth.codeAlreadyUsed;
  if (code === 'INVALID_BACKUP_CODE') return m.auth.invalidBackupCode;
  if (code === 'ACCOUNT_TEMPORARILY_LOCKED') return throttledMessage(m, throttle);
  return m.auth.twoFactorExpired;
}

function throttledMessage(m: Messages, throttle: AccountThrottle): string {
  return m.auth.accountThrottled(Math.ceil(throttle.rule.windowMs / 60_000));
}

/**
 * Signing in: the password step, then the second factor for accounts that have it on. Both are limited
 * per client address and, against guessers who rotate addresses, per account.
 */
export function registerSignInRoutes(routes: RouteRegistry, services: AppServices): void {
  const { auth, config, rateLimits, rateLimitCounters } = services;
  const limitPerAddress = () =>
    limitSubmissions('signIn', rateLimits.signIn, config.trustProxy, rateLimitCounters);
  const passwordThrottle = new AccountThrottle(rateLimitCounters, 'accountSignIn', rateLimits.accountSignIn);
  const secondFactorThrottle = new AccountThrottle(
    rateLimitCounters,
    'accountSecondFactor',
    rateLimits.accountSecondFactor,
  );
  const nextOf = (c: Context<AppEnv>, value: unknown) => safeNextPath(value, `/${c.get('locale')}/account`);

  const signInForm = (c: Context<AppEnv>, state: FormState = {}) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const next = state.next ?? nextOf(c, c.req.query('next'));
    return page(
      c,
      { title: m.auth.signInTitle, status: state.status ?? 200, indexable: false },
      <>
        <PageHeader title={m.auth.signInTitle} />
        <PostForm
          action={`/${locale}/sign-in`}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.auth.signIn}
        >
          <input type="hidden" name="next" value={next} />
          <EmailField label={m.auth.email} {...state} autocomplete="username" />
          <PasswordField label={m.auth.password} {...state} purpose="current" />
        </PostForm>
        <p>
          <a href={`/${locale}/forgot-password`}>{m.auth.forgotPassword}</a>
        </p>
        <p>
          {m.auth.noAccount} <a href={`/${locale}/sign-up`}>{m.auth.createAccount}</a>
        </p>
      </>,
    );
  };

  routes.get('/:locale/sign-in', 'public', (c) =>
    c.get('user') ? c.redirect(nextOf(c, c.req.query('next')), 303) : signInForm(c),
  );

  routes.post('/:locale/sign-in', 'public', limitPerAddress(), async (c) => {
    const m = c.get('m');
    const body = await c.req.parseBody();
    const next = nextOf(c, body['next']);
    const form = parseForm(signInSchema(m), body);
    if (!form.ok) return signInForm(c, { errors: form.errors, values: form.values, status: 422, next });
    const account = form.data.email;
    const values = { email: account };
    if (!(await passwordThrottle.admit(account))) {
      const errors = { form: throttledMessage(m, passwordThrottle) };
      return signInForm(c, { errors, values, status: 429, next });
    }
    const outcome = await attempt(() =>
      auth.api.signInEmail({ body: form.data, headers: c.req.raw.headers, asResponse: true }),
    );
    if (!outcome.ok) {
      const unverified = outcome.code === 'EMAIL_NOT_VERIFIED';
      if (unverified) await passwordThrottle.forgive(account);
      const errors = { form: unverified ? m.auth.emailNotVerified : m.auth.invalidCredentials };
      return signInForm(c, { errors, values, status: 401, next });
    }
    await passwordThrottle.forgive(account);
    forwardCookies(c, outcome.value);
    const result = (await outcome.value.json()) as { twoFactorRedirect?: boolean };
    if (!result.twoFactorRedirect) return c.redirect(next, 303);
    return c.redirect(`/${c.get('locale')}/sign-in/two-factor?next=${encodeURIComponent(next)}`, 303);
  });

  const twoFactorForm = (c: Context<AppEnv>, state: FormState = {}) => {
    const m = c.get('m');
    const next = state.next ?? nextOf(c, c.req.query('next'));
    return page(
      c,
      { title: m.auth.twoFactorTitle, status: state.status ?? 200, indexable: false },
      <>
        <PageHeader title={m.auth.twoFactorTitle} lead={m.auth.twoFactorLead} />
        <PostForm
          action={`/${c.get('locale')}/sign-in/two-factor`}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.auth.verify}
          liveValidation={false}
        >
          <input type="hidden" name="next" value={next} />
          {/* A backup code has letters and a dash, so this is not the digits-only field of set-up. */}
          <Field
            name="code"
            label={m.auth.code}
            autocomplete="one-time-code"
            maxLength={secondFactorFieldLength}
            {...state}
          />
        </PostForm>
      </>,
    );
  };

  /** An app code (six digits) or a backup code, which Better Auth stores with its dash. */
  const verifySecondFactor = (c: Context<AppEnv>, code: string): Promise<AuthOutcome<Response>> => {
    const headers = c.req.raw.headers;
    if (/^\d{6}$/.test(code)) {
      return attempt(() => auth.api.verifyTOTP({ body: { code }, headers, asResponse: true }));
    }
    const backupCode = code.includes('-') ? code : `${code.slice(0, 5)}-${code.slice(5)}`;
    return attempt(() =>
      auth.api.verifyBackupCode({ body: { code: backupCode }, headers, asResponse: true }),
    );
  };

  routes.get('/:locale/sign-in/two-factor', 'public', (c) => twoFactorForm(c));

  routes.post('/:locale/sign-in/two-factor', 'public', limitPerAddress(), async (c) => {
    const m = c.get('m');
    const body = await c.req.parseBody();
    const next = nextOf(c, body['next']);
    const form = parseForm(secondFactorSchema(m), body);
    if (!form.ok) return twoFactorForm(c, { errors: form.errors, status: 422, next });
    const pending = await auth.api.secondFactorUser({ headers: c.req.raw.headers });
    const account = pending.userId;
    if (account && !(await secondFactorThrottle.admit(account))) {
      const errors = { form: throttledMessage(m, secondFactorThrottle) };
      return twoFactorForm(c, { errors, status: 429, next });
    }
    const outcome = await verifySecondFactor(c, form.data.code);
    if (!outcome.ok) {
      const errors = { form: secondFactorProblem(m, outcome.code, secondFactorThrottle) };
      return twoFactorForm(c, { errors, status: outcome.status === 429 ? 429 : 401, next });
    }
    if (account) await secondFactorThrottle.forgive(account);
    forwardCookies(c, outcome.value);
    return c.redirect(next, 303);
  });
}
