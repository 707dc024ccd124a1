import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/web/env';
import { platformRoleSchema } from './schemas';
import { parseForm } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import { currentUser } from '../../platform/web/session';
import type { AppServices } from '../../app/services';
import { AdminNav, ErrorSummary, Notice, PageHeader, TableRegion } from '../../platform/web/views/components';
import { renderError } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';

const searchSchema = z.object({ q: z.string().trim().max(100).catch('') });

export function registerStaffRoutes(routes: RouteRegistry, services: AppServices): void {
  const { users, accounts, audit } = services;

  const usersPage = async (c: Context<AppEnv>, problem?: string) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const { q } = searchSchema.parse({ q: c.req.query('q') ?? '' });
    const list = await users.search(q);
    const changed = c.req.query('changed');
    const changedUser = changed ? list.find((user) => user.id === changed) : undefined;
    return page(
      c,
      { title: m.admin.users, status: problem ? 422 : 200, indexable: false },
      <>
        <AdminNav locale={locale} m={m} />
        <PageHeader title={`${m.admin.title}: ${m.admin.users}`} />
        {changedUser ? (
          <Notice>{m.admin.roleChanged(changedUser.name, m.account.roles[changedUser.role])}</Notice>
        ) : null}
        <ErrorSummary title={m.errors.formProblems} errors={problem ? { form: problem } : undefined} />
        <form method="get" action={`/${locale}/admin/users`} class="search-form" role="search">
          <label for="q">{m.admin.search}</label>
          <input id="q" name="q" type="search" value={q} maxlength={100} />
          <button type="submit" class="button button-small">
            {m.admin.searchButton}
          </button>
        </form>
        {list.length === 0 ? (
          <p>{m.admin.noUsers}</p>
        ) : (
          <TableRegion label={m.admin.users}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{m.admin.name}</th>
                  <th scope="col">{m.admin.email}</th>
                  <th scope="col">{m.admin.verified}</th>
                  <th scope="col">{m.admin.twoFactor}</th>
                  <th scope="col">{m.admin.role}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((user) => (
                  <tr>
                    <td>{user.name}</td>
                    <td>{user.email}</td>
                    <td>{user.emailVerified ? m.admin.yes : m.admin.no}</td>
                    <td>{user.twoFactorEnabled ? m.admin.yes : m.admin.no}</td>
                    <td>
                      <form
                        method="post"
                        action={`/${locale}/admin/users/${user.id}/role`}
                        class="inline-form"
                      >
                        <label for={`role-${user.id}`} class="visually-hidden">
                          {m.admin.changeRole(user.name)}
                        </label>
                        <select id={`role-${user.id}`} name="role">
                          {(['applicant', 'reviewer', 'admin'] as const).map((role) => (
                            <option value={role} selected={user.role === role}>
                              {m.account.roles[role]}
                            </option>
                          ))}
                        </select>
                        <button type="submit" class="button button-small">
                          {m.admin.save}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </>,
    );
  };

  routes.get('/:locale/admin/users', 'admin', (c) => usersPage(c));

  routes.post('/:locale/admin/users/:userId/role', 'admin', async (c) => {
    const m = c.get('m');
    const userId = c.req.param('userId') ?? '';
    const target = await users.findById(userId);
    if (!target) return renderError(c, 404, m.errors.notFoundTitle, m.errors.notFound);
    if (target.id === currentUser(c).id) return usersPage(c, m.admin.cannotChangeOwnRole);
    const form = parseForm(platformRoleSchema(m), await c.req.parseBody());
    if (!form.ok) return usersPage(c, form.errors['role']);
    await accounts.changeRole(target.id, form.data.role);
    // Granting or withdrawing review and admin rights is a decision like any other: on the record.
    await audit.append(
      {
        actorId: currentUser(c).id,
        action: 'role-changed',
        subjectId: target.id,
        details: { from: target.role, to: form.data.role },
      },
      services.now(),
    );
    return c.redirect(`/${c.get('locale')}/admin/users?changed=${encodeURIComponent(target.id)}`, 303);
  });
}
