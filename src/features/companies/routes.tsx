import type { Context } from 'hono';
import {
  canPerform,
  checkRemoval,
  checkRoleChange,
  invitableRoles,
  isCompanyRole,
  type CompanyRole,
  type RoleChangeRefusal,
} from './rules';
import { formatDate, messagesFor } from '../../platform/i18n';
import type { AppEnv } from '../../platform/web/env';
import { attempt } from '../../platform/web/auth-calls';
import { companySchema, inviteSchema, memberRoleSchema, transferSchema } from '../../web/form-schemas';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import { currentUser } from '../../platform/web/session';
import type { AppServices } from '../../app/services';
import {
  ButtonForm,
  EmailField,
  Field,
  Notice,
  PageHeader,
  PostForm,
  TableRegion,
} from '../../platform/web/views/components';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';

type Ctx = Context<AppEnv>;

export function registerCompanyRoutes(routes: RouteRegistry, services: AppServices): void {
  const { auth } = services;

  /** The company and the signed-in user's place in it, or null when they are not a member. */
  async function loadCompany(c: Ctx) {
    const outcome = await attempt(() =>
      auth.api.getFullOrganization({
        query: { organizationSlug: c.req.param('slug') },
        headers: c.req.raw.headers,
      }),
    );
    if (!outcome.ok || !outcome.value) return null;
    const company = outcome.value;
    const me = company.members.find((member) => member.userId === currentUser(c).id);
    if (!me || !isCompanyRole(me.role)) return null;
    return { company, me: { ...me, role: me.role as CompanyRole } };
  }

  // Outsiders get the same "not found" as for a company that does not exist.
  const refuse = (c: Ctx, refusal: RoleChangeRefusal) =>
    renderError(c, 403, c.get('m').errors.forbiddenTitle, c.get('m').company.refusals[refusal]);
  const changeFailed = (c: Ctx) =>
    renderError(c, 409, c.get('m').errors.title, c.get('m').company.changeFailed);
  const companyPath = (c: Ctx, notice?: string) =>
    `/${c.get('locale')}/companies/${encodeURIComponent(c.req.param('slug') ?? '')}${notice ? `?notice=${notice}` : ''}`;

  const newCompanyForm = (
    c: Ctx,
    state: { errors?: FieldErrors; values?: FormValues; status?: 200 | 422 } = {},
  ) => {
    const m = c.get('m');
    return page(
      c,
      { title: m.company.newTitle, status: state.status ?? 200, indexable: false },
      <>
        <PageHeader title={m.company.newTitle} lead={m.company.newLead} />
        <PostForm
          action={`/${c.get('locale')}/companies`}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.company.create}
        >
          <Field name="name" label={m.company.name} autocomplete="organization" maxLength={100} {...state} />
          <Field
            name="slug"
            label={m.company.slug}
            hint={m.company.slugHint}
            maxLength={48}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            {...state}
          />
        </PostForm>
      </>,
    );
  };

  routes.get('/:locale/companies/new', 'signed-in', (c) => newCompanyForm(c));

  routes.post('/:locale/companies', 'signed-in', async (c) => {
    const m = c.get('m');
    const form = parseForm(companySchema(m), await c.req.parseBody());
    if (!form.ok) return newCompanyForm(c, { errors: form.errors, values: form.values, status: 422 });
    const outcome = await attempt(() =>
      auth.api.createOrganization({
        body: { name: form.data.name, slug: form.data.slug },
        headers: c.req.raw.headers,
      }),
    );
    if (!outcome.ok) {
      const values = { name: form.data.name, slug: form.data.slug };
      return newCompanyForm(c, { errors: { slug: m.company.slugTaken }, values, status: 422 });
    }
    return c.redirect(`/${c.get('locale')}/companies/${form.data.slug}?notice=created`, 303);
  });

  const companyPage = async (
    c: Ctx,
    state: { errors?: FieldErrors; values?: FormValues; status?: 200 | 422 } = {},
  ) => {
    const loaded = await loadCompany(c);
    if (!loaded) return renderNotFound(c);
    const { company, me } = loaded;
    const m = c.get('m');
    const locale = c.get('locale');
    const base = companyPath(c);
    const notices: Record<string, string> = {
      created: m.company.created,
      invited: m.company.inviteSent(c.req.query('email') ?? ''),
      cancelled: m.company.cancelled,
      'role-changed': m.company.roleChanged,
      removed: m.company.removed,
      transferred: m.company.transferred,
      accepted: m.company.accepted(company.name),
    };
    const notice = notices[c.req.query('notice') ?? ''];
    const pending = company.invitations.filter((invitation) => invitation.status === 'pending');
    const transferCandidates = company.members.filter((member) => member.id !== me.id);
    const canManage = canPerform(me.role, 'manage-members');
    return page(
      c,
      { title: company.name, status: state.status ?? 200, indexable: false },
      <>
        <PageHeader title={company.name} />
        {notice ? <Notice>{notice}</Notice> : null}
        <p>
          <a class="button" href={`${base}/products`}>
            {m.products.title}
          </a>
        </p>
        <section class="card">
          <h2>{m.company.members}</h2>
          <TableRegion label={m.company.members}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{m.company.member}</th>
                  <th scope="col">{m.company.role}</th>
                  {canManage ? <th scope="col">{m.company.changeRole}</th> : null}
                </tr>
              </thead>
              <tbody>
                {company.members.map((member) => (
                  <tr>
                    <td>
                      {member.user.name} {member.id === me.id ? m.company.you : null}
                      <br />
                      <span class="muted">{member.user.email}</span>
                    </td>
                    <td>{m.company.roles[member.role] ?? member.role}</td>
                    {canManage ? (
                      <td>
                        {member.role !== 'owner' && member.id !== me.id ? (
                          <div class="row-actions">
                            <form
                              method="post"
                              action={`${base}/members/${member.id}/role`}
                              class="inline-form"
                            >
                              <label for={`role-${member.id}`} class="visually-hidden">
                                {`${m.company.changeRole}: ${member.user.name}`}
                              </label>
                              <select id={`role-${member.id}`} name="role">
                                {(['member', 'admin'] as const).map((role) => (
                                  <option value={role} selected={member.role === role}>
                                    {m.company.roles[role]}
                                  </option>
                                ))}
                              </select>
                              <button type="submit" class="button button-small">
                                {m.company.save}
                              </button>
                            </form>
                            <ButtonForm
                              action={`${base}/members/${member.id}/remove`}
                              label={m.company.remove}
                              look="small-danger"
                              subject={member.user.name}
                            />
                          </div>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
        {canPerform(me.role, 'invite') ? (
          <>
            <section class="card">
              <h2>{m.company.pendingInvitations}</h2>
              {pending.length === 0 ? (
                <p>{m.company.noPendingInvitations}</p>
              ) : (
                <ul class="plain-list">
                  {pending.map((invitation) => (
                    <li>
                      {invitation.email} · {m.company.roles[invitation.role] ?? invitation.role} ·{' '}
                      {m.company.expires} {formatDate(locale, invitation.expiresAt)}
                      <ButtonForm
                        action={`${base}/invitations/${invitation.id}/cancel`}
                        label={m.company.cancel}
                        look="link"
                        subject={invitation.email}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section class="card">
              <h2>{m.company.invite}</h2>
              <PostForm
                action={`${base}/invitations`}
                errorTitle={m.errors.formProblems}
                errors={state.errors}
                submitLabel={m.company.sendInvite}
              >
                <EmailField label={m.company.inviteEmail} {...state} />
                <div class="field">
                  <label for="invite-role">{m.company.inviteRole}</label>
                  <select id="invite-role" name="role">
                    {invitableRoles(me.role).map((role) => (
                      <option value={role} selected={state.values?.['role'] === role}>
                        {m.company.roles[role]}
                      </option>
                    ))}
                  </select>
                </div>
              </PostForm>
            </section>
          </>
        ) : null}
        {canPerform(me.role, 'transfer-ownership') ? (
          <section class="card">
            <h2>{m.company.transferTitle}</h2>
            <p>{m.company.transferLead}</p>
            {transferCandidates.length === 0 ? (
              <p>{m.company.noTransferCandidates}</p>
            ) : (
              <form method="post" action={`${base}/transfer`} class="form">
                <div class="field">
                  <label for="transfer-member">{m.company.transferTo}</label>
                  <select id="transfer-member" name="memberId">
                    {transferCandidates.map((member) => (
                      <option value={member.id}>{`${member.user.name} (${member.user.email})`}</option>
                    ))}
                  </select>
                </div>
                <button type="submit" class="button button-danger">
                  {m.company.transfer}
                </button>
              </form>
            )}
          </section>
        ) : null}
        {canPerform(me.role, 'close') ? (
          <section class="card" aria-labelledby="close-title">
            <h2 id="close-title">{m.company.closeTitle}</h2>
            <p>{m.company.closeLead}</p>
            <PostForm
              action={`${base}/close`}
              errorTitle={m.errors.formProblems}
              errors={state.errors}
              submitLabel={m.company.close}
              liveValidation={false}
            >
              <Field
                name="confirmSlug"
                label={m.company.closeConfirm(company.slug)}
                maxLength={48}
                autocomplete="off"
                errors={state.errors}
                values={{}}
              />
            </PostForm>
          </section>
        ) : null}
      </>,
    );
  };

  routes.get('/:locale/companies/:slug', 'signed-in', (c) => companyPage(c));

  routes.post('/:locale/companies/:slug/invitations', 'signed-in', async (c) => {
    const loaded = await loadCompany(c);
    if (!loaded) return renderNotFound(c);
    if (!canPerform(loaded.me.role, 'invite')) return refuse(c, 'not-allowed');
    const m = c.get('m');
    const form = parseForm(inviteSchema(m), await c.req.parseBody());
    if (!form.ok) return companyPage(c, { errors: form.errors, values: form.values, status: 422 });
    const { email, role } = form.data;
    if (loaded.company.members.some((member) => member.user.email === email)) {
      return companyPage(c, {
        errors: { email: m.company.alreadyMember },
        values: { email, role },
        status: 422,
      });
    }
    const outcome = await attempt(() =>
      auth.api.createInvitation({
        body: { email, role, organizationId: loaded.company.id, resend: true },
        headers: c.req.raw.headers,
      }),
    );
    if (!outcome.ok) {
      return companyPage(c, {
        errors: { email: m.company.alreadyInvited },
        values: { email, role },
        status: 422,
      });
    }
    return c.redirect(`${companyPath(c, 'invited')}&email=${encodeURIComponent(email)}`, 303);
  });

  routes.post('/:locale/companies/:slug/invitations/:invitationId/cancel', 'signed-in', async (c) => {
    const loaded = await loadCompany(c);
    if (!loaded) return renderNotFound(c);
    if (!canPerform(loaded.me.role, 'invite')) return refuse(c, 'not-allowed');
    const invitationId = c.req.param('invitationId') ?? '';
    if (!loaded.company.invitations.some((invitation) => invitation.id === invitationId))
      return renderNotFound(c);
    await attempt(() => auth.api.cancelInvitation({ body: { invitationId }, headers: c.req.raw.headers }));
    return c.redirect(companyPath(c, 'cancelled'), 303);
  });

  routes.post('/:locale/companies/:slug/members/:memberId/role', 'signed-in', async (c) => {
    const loaded = await loadCompany(c);
    if (!loaded) return renderNotFound(c);
    const target = loaded.company.members.find((member) => member.id === c.req.param('memberId'));
    if (!target || !isCompanyRole(target.role)) return renderNotFound(c);
    const form = parseForm(memberRoleSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return companyPage(c, { errors: form.errors, status: 422 });
    const refusal = checkRoleChange(loaded.me.role, target.role, form.data.role);
    if (refusal) return refuse(c, refusal);
    const outcome = await attempt(() =>
      auth.api.updateMemberRole({
        body: { memberId: target.id, role: form.data.role, organizationId: loaded.company.id },
        headers: c.req.raw.headers,
      }),
    );
    if (!outcome.ok) return changeFailed(c);
    return c.redirect(companyPath(c, 'role-changed'), 303);
  });

  routes.post('/:locale/companies/:slug/members/:memberId/remove', 'signed-in', async (c) => {
    const loaded = await loadCompany(c);
    if (!loaded) return renderNotFound(c);
    const target = loaded.company.members.find((member) => member.id === c.req.param('memberId'));
    if (!target || !isCompanyRole(target.role)) return renderNotFound(c);
    const refusal = checkRemoval(loaded.me.role, target.role);
    if (refusal) return refuse(c, refusal);
    const outcome = await attempt(() =>
      auth.api.removeMember({
        body: { memberIdOrEmail: target.id, organizationId: loaded.company.id },
        headers: c.req.raw.headers,
      }),
    );
    if (!outcome.ok) return changeFailed(c);
    return c.redirect(companyPath(c, 'removed'), 303);
  });

  routes.post('/:locale/companies/:slug/close', 'signed-in', async (c) => {
    const loaded = await loadCompany(c);
    if (!loaded) return renderNotFound(c);
    if (!canPerform(loaded.me.role, 'close')) return refuse(c, 'not-allowed');
    const m = c.get('m');
    const body = await c.req.parseBody();
    if (body['confirmSlug'] !== loaded.company.slug)
      return companyPage(c, { errors: { confirmSlug: m.company.closeMismatch }, status: 422 });
    const { id, name } = loaded.company;
    const closed = await services.departures.closeCompany(
      { id, name },
      currentUser(c).id,
      messagesFor('en').company.closedReason,
      async () =>
        (
          await attempt(() =>
            auth.api.deleteOrganization({ body: { organizationId: id }, headers: c.req.raw.headers }),
          )
        ).ok,
    );
    if (!closed) return changeFailed(c);
    return page(
      c,
      { title: m.company.closedTitle, indexable: false },
      <PageHeader title={m.company.closedTitle} lead={m.company.closedLead(name)} />,
    );
  });

  routes.post('/:locale/companies/:slug/transfer', 'signed-in', async (c) => {
    const loaded = await loadCompany(c);
    if (!loaded) return renderNotFound(c);
    if (!canPerform(loaded.me.role, 'transfer-ownership')) return refuse(c, 'not-allowed');
    const form = parseForm(transferSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return companyPage(c, { errors: form.errors, status: 422 });
    const target = loaded.company.members.find((member) => member.id === form.data.memberId);
    if (!target || target.id === loaded.me.id) return renderNotFound(c);
    const organizationId = loaded.company.id;
    const headers = c.req.raw.headers;
    // Promote first, then step down: the company is never without an owner in between.
    const promoted = await attempt(() =>
      auth.api.updateMemberRole({ body: { memberId: target.id, role: 'owner', organizationId }, headers }),
    );
    if (!promoted.ok) return changeFailed(c);
    const steppedDown = await attempt(() =>
      auth.api.updateMemberRole({ body: { memberId: loaded.me.id, role: 'admin', organizationId }, headers }),
    );
    if (!steppedDown.ok) return changeFailed(c);
    return c.redirect(companyPath(c, 'transferred'), 303);
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
    const m = c.get('m');
    const invitation = await loadInvitation(c);
    if (!invitation) return renderError(c, 404, m.errors.notFoundTitle, m.company.invitationGone);
    const base = `/${c.get('locale')}/invitations/${invitation.id}`;
    const role = m.company.roles[invitation.role] ?? invitation.role;
    return page(
      c,
      { title: m.company.invitationTitle(invitation.organizationName), indexable: false },
      <>
        <PageHeader
          title={m.company.invitationTitle(invitation.organizationName)}
          lead={m.company.invitationLead(invitation.inviterEmail, invitation.organizationName, role)}
        />
        <div class="actions">
          <ButtonForm action={`${base}/accept`} label={m.company.accept} />
          <ButtonForm action={`${base}/decline`} label={m.company.decline} look="secondary" />
        </div>
      </>,
    );
  });

  routes.post('/:locale/invitations/:invitationId/accept', 'signed-in', async (c) => {
    const m = c.get('m');
    const invitation = await loadInvitation(c);
    if (!invitation) return renderError(c, 404, m.errors.notFoundTitle, m.company.invitationGone);
    const outcome = await attempt(() =>
      auth.api.acceptInvitation({ body: { invitationId: invitation.id }, headers: c.req.raw.headers }),
    );
    if (!outcome.ok) return renderError(c, 404, m.errors.notFoundTitle, m.company.invitationGone);
    return c.redirect(`/${c.get('locale')}/companies/${invitation.organizationSlug}?notice=accepted`, 303);
  });

  routes.post('/:locale/invitations/:invitationId/decline', 'signed-in', async (c) => {
    const m = c.get('m');
    const invitation = await loadInvitation(c);
    if (!invitation) return renderError(c, 404, m.errors.notFoundTitle, m.company.invitationGone);
    await attempt(() =>
      auth.api.rejectInvitation({ body: { invitationId: invitation.id }, headers: c.req.raw.headers }),
    );
    return c.redirect(`/${c.get('locale')}/account?notice=declined`, 303);
  });
}
