import type { Context } from 'hono';
import type { AppServices } from '../../app/services';
import type { AppEnv } from '../../platform/web/env';
import { parseForm } from '../../platform/web/forms';
import { signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import { renderError } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import {
  acceptReviewerInvitation,
  inviteReviewer,
  listInvitations,
  openInvitation,
  type InvitationDependencies,
} from './invitations';
import { AcceptInvitationPage, ReviewerInvitationsPage, type FormState } from './pages/reviewer-invitations';
import { acceptInvitationSchema, invitationSchema } from './pool-schemas';

type Ctx = Context<AppEnv>;

export function invitationDependenciesOf(services: AppServices): InvitationDependencies {
  return {
    ...services,
    dialect: services.database.dialect,
    baseUrl: services.config.baseUrl,
    hashPassword: async (password) => (await services.auth.$context).password.hash(password),
  };
}

/** Admins invite reviewers by mail; the invitee opens the link once to create a reviewer account. */
export function registerInvitationRoutes(routes: RouteRegistry, services: AppServices): void {
  const deps = invitationDependenciesOf(services);

  routes.get('/:locale/admin/reviewer-invitations', 'admin', (c) => invitationsPage(c, deps));

  routes.post('/:locale/admin/reviewer-invitations', 'admin', async (c) => {
    const m = c.get('m');
    const form = parseForm(invitationSchema(m), await c.req.parseBody());
    if (!form.ok) return invitationsPage(c, deps, { errors: form.errors, values: form.values, status: 422 });
    const result = await inviteReviewer(deps, {
      actor: signedInPrincipal(c),
      ...form.data,
      locale: c.get('locale'),
    });
    if (result.kind === 'already-registered')
      return invitationsPage(c, deps, {
        errors: { email: m.reviewerPool.alreadyRegistered },
        values: { email: form.data.email, name: form.data.name },
        status: 409,
      });
    if (result.kind === 'not-allowed')
      return renderError(c, 403, m.errors.forbiddenTitle, m.errors.forbidden);
    // The address stays out of the URL (and so out of access logs and history): the page names the
    // invitation by its id and shows the address from its own list.
    return c.redirect(`/${c.get('locale')}/admin/reviewer-invitations?sent=${result.id}`, 303);
  });

  routes.get('/:locale/reviewer-invitations/:token', 'public', async (c) => {
    withoutReferrer(c);
    const token = c.req.param('token') ?? '';
    const invitation = await openInvitation(deps, token);
    if (!invitation) return invalidLink(c);
    return acceptPage(c, token, invitation);
  });

  routes.post('/:locale/reviewer-invitations/:token', 'public', async (c) => {
    withoutReferrer(c);
    const token = c.req.param('token') ?? '';
    const invitation = await openInvitation(deps, token);
    if (!invitation) return invalidLink(c);
    const form = parseForm(acceptInvitationSchema(c.get('m'), invitation.email), await c.req.parseBody());
    if (!form.ok)
      return acceptPage(c, token, invitation, { errors: form.errors, values: form.values, status: 422 });
    const result = await acceptReviewerInvitation(deps, { token, ...form.data });
    if (result.kind !== 'created') return invalidLink(c);
    // Signing in leads straight to setting up the second factor, which every reviewer page requires.
    const locale = c.get('locale');
    const next = `/${locale}/account/two-factor?required=1`;
    return c.redirect(`/${locale}/sign-in?next=${encodeURIComponent(next)}`, 303);
  });
}

/**
 * The page's address is the invitation's one-time token: its styles and script, and the sign-in page it
 * leads to, would otherwise be requested with that address as Referer, which the proxy's access log keeps.
 */
function withoutReferrer(c: Ctx): void {
  c.header('Referrer-Policy', 'no-referrer');
}

async function invitationsPage(c: Ctx, deps: InvitationDependencies, state: FormState = {}) {
  const m = c.get('m');
  const sentId = c.req.query('sent');
  const invitations = await listInvitations(deps);
  const sent = invitations.find((invitation) => invitation.id === sentId);
  return page(
    c,
    { title: m.reviewerPool.invitations, indexable: false, status: state.status ?? 200 },
    <ReviewerInvitationsPage
      m={m}
      locale={c.get('locale')}
      notice={sent ? m.reviewerPool.invited(sent.email) : undefined}
      invitations={invitations}
      state={state}
      now={deps.now()}
    />,
  );
}

function acceptPage(
  c: Ctx,
  token: string,
  invitation: { email: string; name: string },
  state: FormState = {},
) {
  const m = c.get('m');
  return page(
    c,
    { title: m.reviewerPool.acceptTitle, indexable: false, status: state.status ?? 200 },
    <AcceptInvitationPage
      m={m}
      locale={c.get('locale')}
      token={token}
      email={invitation.email}
      name={invitation.name}
      state={state}
    />,
  );
}

/** Used, expired, forged or malformed: one answer, which tells nobody which. */
function invalidLink(c: Ctx) {
  const m = c.get('m');
  return renderError(c, 404, m.reviewerPool.invalidTitle, m.reviewerPool.invalid);
}
