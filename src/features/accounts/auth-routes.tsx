import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { attempt, forwardCookies } from '../../platform/web/auth-calls';
import { forgotPasswordSchema, resetPasswordSchema, signUpSchema } from './schemas';
import { parseForm } from '../../platform/web/forms';
import { limitSubmissions } from '../../platform/web/rate-limits';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { registerSignInRoutes } from './sign-in-routes';
import {
  checkEmailPage,
  forgotPasswordPage,
  resetDonePage,
  resetPasswordPage,
  resetSentPage,
  signUpPage,
  verifiedPage,
  verifyFailedPage,
} from './pages/auth-pages';

export function registerAuthRoutes(routes: RouteRegistry, services: AppServices): void {
  const { auth, config, rateLimits } = services;
  const limit = (name: keyof typeof rateLimits) =>
    limitSubmissions(name, rateLimits[name], config.trustProxy, services.rateLimitCounters);
  const accountPath = (c: Context<AppEnv>) => `/${c.get('locale')}/account`;

  routes.get('/:locale/sign-up', 'public', (c) =>
    c.get('user') ? c.redirect(accountPath(c), 303) : signUpPage(c),
  );

  routes.post('/:locale/sign-up', 'public', limit('signUp'), async (c) => {
    const m = c.get('m');
    const form = parseForm(signUpSchema(m), await c.req.parseBody());
    if (!form.ok) return signUpPage(c, { errors: form.errors, values: form.values, status: 422 });
    const { name, email, password } = form.data;
    const outcome = await attempt(() =>
      auth.api.signUpEmail({
        body: { name, email, password, locale: c.get('locale') },
        headers: c.req.raw.headers,
      }),
    );
    if (outcome.ok) return checkEmailPage(c, email);
    const errors = {
      form: outcome.code === 'USER_ALREADY_EXISTS' ? m.auth.emailTaken : m.errors.serverError,
    };
    return signUpPage(c, { errors, values: { name, email }, status: 422 });
  });

  registerSignInRoutes(routes, services);

  routes.post('/:locale/sign-out', 'public', async (c) => {
    const outcome = await attempt(() => auth.api.signOut({ headers: c.req.raw.headers, asResponse: true }));
    if (outcome.ok) forwardCookies(c, outcome.value);
    return c.redirect(`/${c.get('locale')}`, 303);
  });

  routes.get('/:locale/verify-email', 'public', async (c) => {
    const query = { token: c.req.query('token') ?? '' };
    const outcome = await attempt(() =>
      auth.api.verifyEmail({ query, headers: c.req.raw.headers, asResponse: true }),
    );
    if (!outcome.ok) return verifyFailedPage(c);
    forwardCookies(c, outcome.value);
    return verifiedPage(c, accountPath(c));
  });

  routes.get('/:locale/forgot-password', 'public', (c) => forgotPasswordPage(c));

  routes.post('/:locale/forgot-password', 'public', limit('passwordReset'), async (c) => {
    const form = parseForm(forgotPasswordSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return forgotPasswordPage(c, { errors: form.errors, values: form.values, status: 422 });
    // The answer is the same whether or not the address has an account.
    await attempt(() =>
      auth.api.requestPasswordReset({ body: { email: form.data.email }, headers: c.req.raw.headers }),
    );
    return resetSentPage(c);
  });

  routes.get('/:locale/reset-password', 'public', (c) => resetPasswordPage(c, c.req.query('token') ?? ''));

  routes.post('/:locale/reset-password', 'public', limit('passwordReset'), async (c) => {
    const m = c.get('m');
    const body = await c.req.parseBody();
    const token = typeof body['token'] === 'string' ? body['token'].slice(0, 200) : '';
    const form = parseForm(resetPasswordSchema(m), body);
    if (!form.ok) return resetPasswordPage(c, token, { errors: form.errors, status: 422 });
    const { newPassword } = form.data;
    const outcome = await attempt(() =>
      auth.api.resetPassword({ body: { newPassword, token: form.data.token } }),
    );
    if (!outcome.ok)
      return resetPasswordPage(c, token, { errors: { form: m.auth.resetInvalid }, status: 422 });
    return resetDonePage(c);
  });
}
