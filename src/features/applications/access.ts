import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { principalOf } from '../../platform/web/routing';
import { decideApplicationAccess, decideStaffAccess, type ApplicationRelation } from './access-rules';

/** Whether this request's user may read one application, as a member of its company or as staff. */
export function applicationAccessFor(c: Context<AppEnv>, relation: ApplicationRelation) {
  const principal = principalOf(c);
  return principal
    ? decideApplicationAccess(principal, relation)
    : ({ allowed: false, reason: 'not-found' } as const);
}

/** Whether this request's user may work on one application (or re-review) as staff. */
export function staffAccessFor(c: Context<AppEnv>, assigned: boolean, conflicted = false) {
  const principal = principalOf(c);
  return principal
    ? decideStaffAccess(principal, assigned, conflicted)
    : ({ allowed: false, reason: 'not-found' } as const);
}
