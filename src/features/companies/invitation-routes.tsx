import type { Context } from 'hono';
import type { RoleChangeRefusal } from './rules';
import type { AppEnv } from '../../platform/web/env';
import { attempt } from '../../platform/web/auth-calls';
import { parseForm } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import type { FormState } from './pages/company-page';
import type { CompanyActions } from './actions';
import { currentUser } from '../../platform/web/session';
import { invitationPage } from './pages/invitation-page';
import { inviteSchema } from './schemas';

type Ctx = Context<AppEnv>;

export interface CompanyRouteParts {
  actions: CompanyActions;
  showCompany(c: Ctx, state?: FormState): Promise<Response>;
  refuse(c: Ctx, refusal: RoleChangeRefusal): Response | Promise<Response>;
  pathOf(c: Ctx, notice?: string): string;
}

/**
 * Invitations into a company: sent and cancelled through the company's use cases, answered by the
 * invitee through Better Auth, which makes the membership.
 */
export function registerInvitationRoutes(
  routes: RouteRegistry,
  services: AppServices,
  parts: CompanyRouteParts,
): void {
  const { auth } = services;
  const { actions, showCompany, refuse, pathOf } = parts;
  const actor = (c: Ctx) => ({ userId: currentUser(c).id });
  const slugOf = (c: Ctx) => c.req.param('slug') ?? '';
  const gone = (c: Ctx) =>
    renderError(c, 404, c.get('m').errors.notFoundTitle, c.get('m').company.invitationGone);

  routes.post('/:locale/companies/:slug/invitations', 'signed-in', async (c) => {
    const m = c.get('m');
    const form = parseForm(inviteSchema(m), await c.req.parseBody());
    if (!form.ok) return showCompany(c, { errors: form.errors, values: form.values, status: 422 });
    const { email, role } = form.data;
    const result = await actions.invite(actor(c), { slug: slugOf(c), email, role });
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'refused') return refuse(c, result.refusal);
    if (result.kind !== 'invited') {
      const problem = result.kind === 'already-member' ? m.company.alreadyMember : m.company.alreadyInvited;
      return showCompany(c, { errors: { email: problem }, values: { email, role }, status: 422 });
    }
    return c.redirect(`${pathOf(c, 'invited')}&email=${encodeURIComponent(email)}`, 303);
  });

  routes.post('/:locale/companies/:slug/invitations/:invitationId/cancel', 'signed-in', async (c) => {
    const request = { slug: slugOf(c), invitationId: c.req.param('invitationId') ?? '' };
    const result = await actions.cancelInvitation(actor(c), request);
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'refused') return refuse(c, result.refusal);
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
