import type { Context } from 'hono';
import type { RoleChangeRefusal } from './rules';
import { canPerform } from './rules';
import type { AppEnv } from '../../platform/web/env';
import { attempt } from '../../platform/web/auth-calls';
import { parseForm } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import type { FormState, LoadedCompany } from './pages/company-page';
import { invitationPage } from './pages/invitation-page';
import { inviteSchema } from './schemas';

type Ctx = Context<AppEnv>;

export interface CompanyRouteParts {
  loadCompany(c: Ctx): Promise<LoadedCompany | null>;
  showCompany(c: Ctx, state?: FormState): Promise<Response>;
  refuse(c: Ctx, refusal: RoleChangeRefusal): Response | Promise<Response>;
  pathOf(c: Ctx, notice?: string): string;
}

/**
 * Invitations into a company, sent and answered. Better Auth keeps the invitations (and sends its mail
 * through the queued mailer), so these routes call its API rather than a use case of their own.
 */
export function registerInvitationRoutes(
  routes: RouteRegistry,
  services: AppServices,
  parts: CompanyRouteParts,
): void {
  const { auth } = services;
  const { loadCompany, showCompany, refuse, pathOf } = parts;
  const gone = (c: Ctx) =>
    renderError(c, 404, c.get('m').errors.notFoundTitle, c.get('m').company.invitationGone);

  routes.post('/:locale/companies/:slug/invitations', 'signed-in', async (c) => {
    const loaded = await loadCompany(c);
    if (!loaded) return renderNotFound(c);
    if (!canPerform(loaded.me.role, 'invite')) return refuse(c, 'not-allowed');
    const m = c.get('m');
    const form = parseForm(inviteSchema(m), await c.req.parseBody());
    if (!form.ok) return showCompany(c, { errors: form.errors, values: form.values, status: 422 });
    const { email, role } = form.data;
    if (loaded.company.members.some((member) => member.user.email === email))
      return showCompany(c, {
        errors: { email: m.company.alreadyMember },
        values: { email, role },
        status: 422,
      });
    const outcome = await attempt(() =>
      auth.api.createInvitation({
        body: { email, role, organizationId: loaded.company.id, resend: true },
        headers: c.req.raw.headers,
      }),
    );
    if (!outcome.ok)
      return showCompany(c, {
        errors: { email: m.company.alreadyInvited },
        values: { email, role },
        status: 422,
      });
    return c.redirect(`${pathOf(c, 'invited')}&email=${encodeURIComponent(email)}`, 303);
  });

  routes.post('/:locale/companies/:slug/invitations/:invitationId/cancel', 'signed-in', async (c) => {
    const loaded = await loadCompany(c);
    if (!loaded) return renderNotFound(c);
    if (!canPerform(loaded.me.role, 'invite')) return refuse(c, 'not-allowed');
    const invitationId = c.req.param('invitationId') ?? '';
    if (!loaded.company.invitations.some((invitation) => invitation.id === invitationId))
      return renderNotFound(c);
    await attempt(() => auth.api.cancelInvitation({ body: { invitationId }, headers: c.req.raw.headers }));
    return c.redirect(pathOf(c, 'cancelled'), 303);
  });

  async function loadInvitation(c: Ctx) {
    const outcome = await attempt(() =>
      auth.api.getInvitation({
        query: { id: c.req.param('invitationId') ?? '' },
        headers: c.req.raw.headers,
      }),
    );
    return outcome.ok && outcome.value?.status === 'pending' ? outcome.value : null;
  }

  routes.get('/:locale/invitations/:invitationId', 'signed-in', async (c) => {
    const invitation = await loadInvitation(c);
    return invitation ? invitationPage(c, invitation) : gone(c);
  });

  routes.post('/:locale/invitations/:invitationId/accept', 'signed-in', async (c) => {
    const invitation = await loadInvitation(c);
    if (!invitation) return gone(c);
    const outcome = await attempt(() =>
      auth.api.acceptInvitation({ body: { invitationId: invitation.id }, headers: c.req.raw.headers }),
    );
    if (!outcome.ok) return gone(c);
    return c.redirect(`/${c.get('locale')}/companies/${invitation.organizationSlug}?notice=accepted`, 303);
  });

  routes.post('/:locale/invitations/:invitationId/decline', 'signed-in', async (c) => {
    const invitation = await loadInvitation(c);
    if (!invitation) return gone(c);
    await attempt(() =>
      auth.api.rejectInvitation({ body: { invitationId: invitation.id }, headers: c.req.raw.headers }),
    );
    return c.redirect(`/${c.get('locale')}/account?notice=declined`, 303);
  });
}
