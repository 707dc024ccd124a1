import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { attempt, forwardCookies } from '../../platform/web/auth-calls';
import { forgotPasswordSchema, resetPasswordSchema, signUpSchema } from './schemas';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import { limitSubmissions } from '../../platform/web/rate-limits';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import {
  EmailField,
  Field,
  Notice,
  PageHeader,
  PasswordField,
  PostForm,
} from '../../platform/web/views/components';
import { page } from '../../platform/web/views/layout';
import { registerSignInRoutes } from './sign-in-routes';

interface FormState {
  errors?: FieldErrors;
  values?: FormValues;
  status?: 200 | 401 | 422;
}

export function registerAuthRoutes(routes: RouteRegistry, services: AppServices): void {
  const { auth, config, rateLimits } = services;
  const limit = (name: keyof typeof rateLimits) =>
    limitSubmissions(name, rateLimits[name], config.trustProxy);
  const accountPath = (c: Context<AppEnv>) => `/${c.get('locale')}/account`;

  const signUpForm = (c: Context<AppEnv>, state: FormState = {}) => {
    const m = c.get('m');
    const locale = c.get('locale');
    return page(
      c,
      { title: m.auth.signUpTitle, status: state.status ?? 200 },
      <>
        <PageHeader title={m.auth.signUpTitle} lead={m.auth.signUpLead} />
        <PostForm
          action={`/${locale}/sign-up`}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.auth.createAccount}
        >
          <Field name="name" label={m.auth.name} autocomplete="name" maxLength={100} {...state} />
          <EmailField label={m.auth.email} {...state} />
          <PasswordField label={m.auth.password} hint={m.auth.passwordHint} {...state} purpose="new" />
        </PostForm>
        <p>
          {m.auth.haveAccount} <a href={`/${locale}/sign-in`}>{m.auth.signIn}</a>
        </p>
      </>,
    );
  };

  routes.get('/:locale/sign-up', 'public', (c) =>
    c.get('user') ? c.redirect(accountPath(c), 303) : signUpForm(c),
  );

  routes.post('/:locale/sign-up', 'public', limit('signUp'), async (c) => {
    const m = c.get('m');
    const form = parseForm(signUpSchema(m), await c.req.parseBody());
    if (!form.ok) return signUpForm(c, { errors: form.errors, values: form.values, status: 422 });
    const { name, email, password } = form.data;
    const outcome = await attempt(() =>
      auth.api.signUpEmail({
        body: { name, email, password, locale: c.get('locale') },
        headers: c.req.raw.headers,
      }),
    );
    if (!outcome.ok) {
      const errors = {
        form: outcome.code === 'USER_ALREADY_EXISTS' ? m.auth.emailTaken : m.errors.serverError,
      };
      return signUpForm(c, { errors, values: { name, email }, status: 422 });
    }
    return page(
      c,
      { title: m.auth.checkEmailTitle, indexable: false },
      <>
        <PageHeader title={m.auth.checkEmailTitle} />
        <Notice tone="info">{m.auth.checkEmailBody(email)}</Notice>
      </>,
    );
  });

  registerSignInRoutes(routes, services);

  routes.post('/:locale/sign-out', 'public', async (c) => {
    const outcome = await attempt(() => auth.api.signOut({ headers: c.req.raw.headers, asResponse: true }));
    if (outcome.ok) forwardCookies(c, outcome.value);
    return c.redirect(`/${c.get('locale')}`, 303);
  });

  routes.get('/:locale/verify-email', 'public', async (c) => {
    const m = c.get('m');
    const token = c.req.query('token') ?? '';
    const outcome = await attempt(() =>
      auth.api.verifyEmail({ query: { token }, headers: c.req.raw.headers, asResponse: true }),
    );
    if (!outcome.ok) {
      return page(
        c,
        { title: m.auth.verifyFailed, status: 400, indexable: false },
        <>
          <PageHeader title={m.errors.title} lead={m.auth.verifyFailed} />
          <p>
            <a href={`/${c.get('locale')}/sign-in`}>{m.auth.signIn}</a>
          </p>
        </>,
      );
    }
    forwardCookies(c, outcome.value);
    return page(
      c,
      { title: m.auth.verifiedTitle, indexable: false },
      <>
        <PageHeader title={m.auth.verifiedTitle} lead={m.auth.verifiedBody} />
        <p>
          <a class="button" href={accountPath(c)}>
            {m.nav.account}
          </a>
        </p>
      </>,
    );
  });

  const forgotForm = (c: Context<AppEnv>, state: FormState = {}) => {
    const m = c.get('m');
    return page(
      c,
      { title: m.auth.forgotTitle, status: state.status ?? 200, indexable: false },
      <>
        <PageHeader title={m.auth.forgotTitle} lead={m.auth.forgotLead} />
        <PostForm
          action={`/${c.get('locale')}/forgot-password`}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.auth.sendResetLink}
        >
          <EmailField label={m.auth.email} {...state} />
        </PostForm>
      </>,
    );
  };

  routes.get('/:locale/forgot-password', 'public', (c) => forgotForm(c));

  routes.post('/:locale/forgot-password', 'public', limit('passwordReset'), async (c) => {
    const m = c.get('m');
    const form = parseForm(forgotPasswordSchema(m), await c.req.parseBody());
    if (!form.ok) return forgotForm(c, { errors: form.errors, values: form.values, status: 422 });
    // The answer is the same whether or not the address has an account.
    await attempt(() =>
      auth.api.requestPasswordReset({ body: { email: form.data.email }, headers: c.req.raw.headers }),
    );
    return page(
      c,
      { title: m.auth.forgotTitle, indexable: false },
      <>
        <PageHeader title={m.auth.forgotTitle} />
        <Notice tone="info">{m.auth.resetSentBody}</Notice>
      </>,
    );
  });

  const resetForm = (c: Context<AppEnv>, token: string, state: FormState = {}) => {
    const m = c.get('m');
    return page(
      c,
      { title: m.auth.resetTitle, status: state.status ?? 200, indexable: false },
      <>
        <PageHeader title={m.auth.resetTitle} />
        <PostForm
          action={`/${c.get('locale')}/reset-password`}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.auth.resetButton}
        >
          <input type="hidden" name="token" value={token} />
          <PasswordField
            name="newPassword"
            label={m.auth.newPassword}
            hint={m.auth.passwordHint}
            {...state}
            purpose="new"
          />
        </PostForm>
      </>,
    );
  };

  routes.get('/:locale/reset-password', 'public', (c) => resetForm(c, c.req.query('token') ?? ''));

  routes.post('/:locale/reset-password', 'public', limit('passwordReset'), async (c) => {
    const m = c.get('m');
    const body = await c.req.parseBody();
    const token = typeof body['token'] === 'string' ? body['token'].slice(0, 200) : '';
    const form = parseForm(resetPasswordSchema(m), body);
    if (!form.ok) return resetForm(c, token, { errors: form.errors, status: 422 });
    const outcome = await attempt(() =>
      auth.api.resetPassword({ body: { newPassword: form.data.newPassword, token: form.data.token } }),
    );
    if (!outcome.ok) return resetForm(c, token, { errors: { form: m.auth.resetInvalid }, status: 422 });
    return page(
      c,
      { title: m.auth.resetTitle, indexable: false },
      <>
        <PageHeader title={m.auth.resetTitle} />
        <Notice>{m.auth.resetDone}</Notice>
        <p>
          <a class="button" href={`/${c.get('locale')}/sign-in`}>
            {m.auth.signIn}
          </a>
        </p>
      </>,
    );
  });
}
