import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/web/env';
import { platformRoleSchema } from './schemas';
import { parseForm } from '../../platform/web/forms';
import { signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { renderNotFound } from '../../platform/web/views/error-page';
import { changePlatformRole } from './staff-actions';
import { userSearchLength, usersPage } from './pages/users-page';

const searchSchema = z.object({ q: z.string().trim().max(userSearchLength).catch('') });

export function registerStaffRoutes(routes: RouteRegistry, services: AppServices): void {
  const { users } = services;

  const showUsers = async (c: Context<AppEnv>, problem?: string) => {
    const { q } = searchSchema.parse({ q: c.req.query('q') ?? '' });
    const list = await users.search(q);
    const changedId = c.req.query('changed');
    const changed = changedId ? list.find((user) => user.id === changedId) : undefined;
    return usersPage(c, { list, q, changed, problem });
  };

  routes.get('/:locale/admin/users', 'admin', (c) => showUsers(c));

  routes.post('/:locale/admin/users/:userId/role', 'admin', async (c) => {
    const m = c.get('m');
    const userId = c.req.param('userId') ?? '';
    const form = parseForm(platformRoleSchema(m), await c.req.parseBody());
    if (!form.ok) return showUsers(c, form.errors['role']);
    const result = await changePlatformRole(services, {
      actor: signedInPrincipal(c),
      userId,
      role: form.data.role,
    });
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'own-role') return showUsers(c, m.admin.cannotChangeOwnRole);
    return c.redirect(`/${c.get('locale')}/admin/users?changed=${encodeURIComponent(userId)}`, 303);
  });
}
