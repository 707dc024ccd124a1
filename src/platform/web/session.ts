import type { Context, MiddlewareHandler } from 'hono';
import { isPlatformRole } from '../auth/access';
import { isLocale } from '../i18n';
import type { Auth } from '../auth/auth';
import type { SessionReader } from '../auth/session-read';
import type { AppEnv, SessionUser } from './env';

/** Better Auth's session cookie, with or without the __Secure- prefix used over HTTPS. */
const sessionCookiePattern = /(?:^|;\s*)(?:__Secure-)?trustmark\.session_token=/;

/** Whether a Cookie header carries a session: only requests without one may share a cached page. */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return cookieHeader !== undefined && sessionCookiePattern.test(cookieHeader);
}

/**
 * Loads the signed-in user, if any. Visitors without a session cookie cost no database query,
 * which keeps public pages fast and cookie-free. A live session that needs nothing but reading is read
 * with one query (`readSession`); everything else — renewal, expiry, a cookie that does not verify — is
 * Better Auth's getSession, as before.
 */
export function loadSession(auth: Auth, readSession: SessionReader): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    const cookieHeader = c.req.header('cookie');
    if (!hasSessionCookie(cookieHeader)) return next();
    const read = cookieHeader === undefined ? undefined : await readSession(cookieHeader);
    if (read) {
      c.set('user', toSessionUser(read));
      return next();
    }
    const { headers, response: session } = await auth.api.getSession({
      headers: c.req.raw.headers,
      returnHeaders: true,
    });
    if (session) c.set('user', toSessionUser(session.user));
    await next();
    // Once a day an active session is extended; its cookie must be renewed with it, unless the route
    // itself set the cookie (signing in or out), whose word is final.
    const routeSetCookies = c.res.headers.getSetCookie().join('\n');
    for (const cookie of headers.getSetCookie()) {
      const name = cookie.slice(0, cookie.indexOf('='));
      if (!routeSetCookies.includes(`${name}=`)) c.res.headers.append('Set-Cookie', cookie);
    }
  };
}

function toSessionUser(user: {
  id: string;
  name: string;
  email: string;
  role?: unknown;
  locale?: unknown;
  twoFactorEnabled?: unknown;
}): SessionUser {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: isPlatformRole(user.role) ? user.role : 'applicant',
    locale: isLocale(user.locale) ? user.locale : 'en',
    twoFactorEnabled: user.twoFactorEnabled === true,
  };
}

/** The signed-in user of a route whose access policy already required one. */
export function currentUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user)
    throw new Error(
      `${c.req.method} ${c.req.path} needs a signed-in user, but its access policy let a visitor in`,
    );
  return user;
}
