import type { Context } from 'hono';
import { isCompanyRole, type CompanyRole, type RoleChangeRefusal } from './rules';
import { messagesFor } from '../../platform/i18n';
import type { AppEnv } from '../../platform/web/env';
import { attempt } from '../../platform/web/auth-calls';
import { closeSchema, companySchema, memberRoleSchema, transferSchema } from './schemas';
import { parseForm } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import { currentUser } from '../../platform/web/session';
import type { AppServices } from '../../app/services';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { createCompanyActions, type MemberChangeResult } from './actions';
import {
  closedPage,
  companyPage,
  companyPath,
  newCompanyPage,
  type FormState,
  type LoadedCompany,
} from './pages/company-page';
import { registerInvitationRoutes } from './invitation-routes';

type Ctx = Context<AppEnv>;

const slugOf = (c: Ctx) => c.req.param('slug') ?? '';
const pathOf = (c: Ctx, notice?: string) => companyPath(c.get('locale'), slugOf(c), notice);

// Outsiders get the same "not found" as for a company that does not exist.
const refuse = (c: Ctx, refusal: RoleChangeRefusal) =>
  renderError(c, 403, c.get('m').errors.forbiddenTitle, c.get('m').company.refusals[refusal]);
const changeFailed = (c: Ctx) =>
  renderError(c, 409, c.get('m').errors.title, c.get('m').company.changeFailed);

/** Maps a membership change's result to the company page with a notice, or the refusal. */
function answerChange(c: Ctx, result: MemberChangeResult, notice: string) {
  if (result.kind === 'not-found') return renderNotFound(c);
  if (result.kind === 'refused') return refuse(c, result.refusal);
  if (result.kind === 'conflict') return changeFailed(c);
  return c.redirect(pathOf(c, notice), 303);
}

export function registerCompanyRoutes(routes: RouteRegistry, services: AppServices): void {
  const { auth } = services;
  const actions = createCompanyActions(services);
  const actor = (c: Ctx) => ({ userId: currentUser(c).id });

  /** The company and the signed-in user's place in it, or null when they are not a member. */
  async function loadCompany(c: Ctx): Promise<LoadedCompany | null> {
    const outcome = await attempt(() =>
      auth.api.getFullOrganization({ query: { organizationSlug: slugOf(c) }, headers: c.req.raw.headers }),
    );
    if (!outcome.ok || !outcome.value) return null;
    const company = outcome.value;
    const me = company.members.find((member) => member.userId === currentUser(c).id);
    if (!me || !isCompanyRole(me.role)) return null;
    return { company, me: { ...me, role: me.role as CompanyRole } };
  }

  /** The company page again, with what was wrong in the form; not found for outsiders. */
  async function showCompany(c: Ctx, state: FormState = {}) {
    const loaded = await loadCompany(c);
    return loaded ? companyPage(c, loaded, state) : renderNotFound(c);
  }

  routes.get('/:locale/companies/new', 'signed-in', (c) => newCompanyPage(c));

  routes.post('/:locale/companies', 'signed-in', async (c) => {
    const m = c.get('m');
    const form = parseForm(companySchema(m), await c.req.parseBody());
    if (!form.ok) return newCompanyPage(c, { errors: form.errors, values: form.values, status: 422 });
    const { name, slug } = form.data;
    const outcome = await attempt(() =>
      auth.api.createOrganization({ body: { name, slug }, headers: c.req.raw.headers }),
    );
    if (!outcome.ok)
      return newCompanyPage(c, {
        errors: { slug: m.company.slugTaken },
        values: { name, slug },
        status: 422,
      });
    return c.redirect(`/${c.get('locale')}/companies/${slug}?notice=created`, 303);
  });

  routes.get('/:locale/companies/:slug', 'signed-in', (c) => showCompany(c));

  routes.post('/:locale/companies/:slug/members/:memberId/role', 'signed-in', async (c) => {
    const form = parseForm(memberRoleSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return showCompany(c, { errors: form.errors, status: 422 });
    const request = { slug: slugOf(c), memberId: c.req.param('memberId') ?? '', role: form.data.role };
    return answerChange(c, await actions.changeRole(actor(c), request), 'role-changed');
  });

  routes.post('/:locale/companies/:slug/members/:memberId/remove', 'signed-in', async (c) => {
    const request = { slug: slugOf(c), memberId: c.req.param('memberId') ?? '' };
    return answerChange(c, await actions.removeMember(actor(c), request), 'removed');
  });

  routes.post('/:locale/companies/:slug/transfer', 'signed-in', async (c) => {
    const form = parseForm(transferSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return showCompany(c, { errors: form.errors, status: 422 });
    const request = { slug: slugOf(c), memberId: form.data.memberId };
    return answerChange(c, await actions.transferOwnership(actor(c), request), 'transferred');
  });

  routes.post('/:locale/companies/:slug/close', 'signed-in', async (c) => {
    const m = c.get('m');
    const form = parseForm(closeSchema(m), await c.req.parseBody());
    const confirmSlug = form.ok ? form.data.confirmSlug : '';
    // The public reason is published with the ended marks, in the registry's language.
    const publicReason = messagesFor('en').company.closedReason;
    const result = await actions.close(actor(c), { slug: slugOf(c), confirmSlug, publicReason });
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'refused') return refuse(c, result.refusal);
    if (result.kind === 'mismatch')
      return showCompany(c, { errors: { confirmSlug: m.company.closeMismatch }, status: 422 });
    return closedPage(c, result.name);
  });

  registerInvitationRoutes(routes, services, { actions, showCompany, refuse, pathOf });
}
