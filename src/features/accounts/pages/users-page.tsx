import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/web/env';
import type { Messages } from '../../../platform/i18n';
import type { UserSummary } from '../users-store';
import { platformRoles } from '../../../platform/auth/access';
import {
  AdminNav,
  ErrorSummary,
  Notice,
  PageHeader,
  TableRegion,
} from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';

/** The longest search term the users page takes. */
export const userSearchLength = 100;

export interface UsersPageState {
  list: UserSummary[];
  q: string;
  /** The user whose role was just changed. */
  changed?: UserSummary | undefined;
  problem?: string | undefined;
}

/** Staff user management: find people, change their platform role. */
export function usersPage(c: Context<AppEnv>, state: UsersPageState) {
  const m = c.get('m');
  const locale = c.get('locale');
  const { changed, problem } = state;
  return page(
    c,
    { title: m.admin.users, status: problem ? 422 : 200, indexable: false },
    <>
      <AdminNav locale={locale} m={m} />
      <PageHeader title={`${m.admin.title}: ${m.admin.users}`} />
      {changed ? <Notice>{m.admin.roleChanged(changed.name, m.account.roles[changed.role])}</Notice> : null}
      <ErrorSummary title={m.errors.formProblems} errors={problem ? { form: problem } : undefined} />
      <form method="get" action={`/${locale}/admin/users`} class="search-form" role="search">
        <label for="q">{m.admin.search}</label>
        <input id="q" name="q" type="search" value={state.q} maxlength={userSearchLength} />
        <button type="submit" class="button button-small">
          {m.admin.searchButton}
        </button>
      </form>
      {state.list.length === 0 ? (
        <p>{m.admin.noUsers}</p>
      ) : (
        <UsersTable m={m} locale={locale} list={state.list} />
      )}
    </>,
  );
}

function UsersTable({ m, locale, list }: { m: Messages; locale: string; list: UserSummary[] }) {
  return (
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
                <RoleForm m={m} locale={locale} user={user} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function RoleForm({ m, locale, user }: { m: Messages; locale: string; user: UserSummary }) {
  return (
    <form method="post" action={`/${locale}/admin/users/${user.id}/role`} class="inline-form">
      <label for={`role-${user.id}`} class="visually-hidden">
        {m.admin.changeRole(user.name)}
      </label>
      <select id={`role-${user.id}`} name="role">
        {platformRoles.map((role) => (
          <option value={role} selected={user.role === role}>
            {m.account.roles[role]}
          </option>
        ))}
      </select>
      <button type="submit" class="button button-small">
        {m.admin.save}
      </button>
    </form>
  );
}
