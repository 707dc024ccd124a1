import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { attempt, forwardCookies } from '../../platform/web/auth-calls';
import { confirmPasswordSchema, enableTwoFactorSchema } from './schemas';
import { fillAssignmentsJob } from '../review';
import { parseForm, type FieldErrors } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import { currentUser } from '../../platform/web/session';
import type { AppServices } from '../../app/services';
import { accountDeletionBlockers, deleteAccount, saveMailPreferences } from './account-actions';
import { accountDeletedPage, accountPage, deleteAccountPage } from './pages/account-pages';
import { twoFactorPasswordPage, twoFactorScanPage, type ScanStep } from './pages/two-factor-pages';

type Ctx = Context<AppEnv>;

/**
 * The scan step as a refused confirmation sent it back (the key and backup codes ride along in hidden
 * fields), or undefined when what came back is no key at all.
 */
function scanStepFromForm(body: Record<string, unknown>): ScanStep | undefined {
  const uri = body['totpUri'];
  if (typeof uri !== 'string' || !uri.startsWith('otpauth://')) return undefined;
  const codes = body['backupCodes'];
  return {
    totpUri: uri.slice(0, 500),
    backupCodes: typeof codes === 'string' ? codes.slice(0, 2000).split(' ').filter(Boolean) : [],
  };
}

export function registerAccountRoutes(routes: RouteRegistry, services: AppServices): void {
  const { auth } = services;
  const deletePage = async (c: Ctx, errors?: FieldErrors, status: 200 | 401 | 409 | 422 = 200) =>
    deleteAccountPage(c, await accountDeletionBlockers(services, currentUser(c)), errors, status);

  routes.get('/:locale/account', 'signed-in', async (c) => {
    const headers = c.req.raw.headers;
    const [companies, invitations, disabledMail] = await Promise.all([
      auth.api.listOrganizations({ headers }),
      auth.api.listUserInvitations({ headers }),
      services.mailPreferences.disabledKinds(currentUser(c).id),
    ]);
    const pending = invitations.filter((invitation) => invitation.status === 'pending');
    return accountPage(c, { companies, invitations: pending, disabledMail });
  });

  routes.post('/:locale/account/mail', 'signed-in', async (c) => {
    const body = await c.req.parseBody();
    // An unticked checkbox sends nothing: every optional kind not sent is turned off.
    await saveMailPreferences(services, currentUser(c).id, (kind) => body[kind] === 'on');
    return c.redirect(`/${c.get('locale')}/account?notice=mail-saved`, 303);
  });

  routes.get('/:locale/account/export.json', 'signed-in', async (c) => {
    const data = await services.accountData.exportFor(currentUser(c).id, services.now());
    if (!data) return c.notFound();
    c.header('Content-Disposition', 'attachment; filename="trustmark-account-data.json"');
    c.header('Cache-Control', 'private, no-store');
    return c.json(data);
  });

  routes.get('/:locale/account/delete', 'signed-in', (c) => deletePage(c));

  routes.post('/:locale/account/delete', 'signed-in', async (c) => {
    const m = c.get('m');
    const form = parseForm(confirmPasswordSchema(m), await c.req.parseBody());
    if (!form.ok) return deletePage(c, form.errors, 422);
    const request = { user: currentUser(c), password: form.data.password, headers: c.req.raw.headers };
    const result = await deleteAccount(services, request);
    if (result.kind === 'blocked') return deletePage(c, undefined, 409);
    if (result.kind === 'wrong-password') return deletePage(c, { password: m.account.wrongPassword }, 401);
    forwardCookies(c, result.response);
    c.set('user', null);
    return accountDeletedPage(c);
  });

  routes.get('/:locale/account/two-factor', 'signed-in', (c) => twoFactorPasswordPage(c));

  routes.post('/:locale/account/two-factor', 'signed-in', async (c) => {
    const m = c.get('m');
    const form = parseForm(confirmPasswordSchema(m), await c.req.parseBody());
    if (!form.ok) return twoFactorPasswordPage(c, form.errors, 422);
    const body = { password: form.data.password, method: 'totp' as const };
    const outcome = await attempt(() => auth.api.enableTwoFactor({ body, headers: c.req.raw.headers }));
    if (!outcome.ok || outcome.value.method !== 'totp')
      return twoFactorPasswordPage(c, { password: m.account.wrongPassword }, 401);
    return twoFactorScanPage(c, { totpUri: outcome.value.totpURI, backupCodes: outcome.value.backupCodes });
  });

  routes.post('/:locale/account/two-factor/confirm', 'signed-in', async (c) => {
    const m = c.get('m');
    const body = await c.req.parseBody();
    const form = parseForm(enableTwoFactorSchema(m), body);
    if (!form.ok) {
      const step = scanStepFromForm(body);
      return step ? twoFactorScanPage(c, step, form.errors, 422) : twoFactorPasswordPage(c, undefined, 422);
    }
    const { code, totpUri, backupCodes } = form.data;
    const headers = c.req.raw.headers;
    const outcome = await attempt(() => auth.api.verifyTOTP({ body: { code }, headers, asResponse: true }));
    const step = { totpUri, backupCodes: backupCodes.split(' ').filter(Boolean) };
    if (!outcome.ok) return twoFactorScanPage(c, step, { code: m.auth.invalidCode }, 422);
    forwardCookies(c, outcome.value);
    // Reviewers without a second factor are never assigned: now they can be, so waiting work finds them.
    if (currentUser(c).role === 'reviewer')
      await services.jobs.transaction((trx) =>
        services.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null }),
      );
    return c.redirect(`/${c.get('locale')}/account?notice=two-factor-enabled`, 303);
  });
}
