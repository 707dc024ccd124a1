import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toBoolean } from '../db/dialect';
import type { Database } from '../db/schema';
import type { Auth } from './auth';

/** The user of a live session, as stored. */
export interface StoredSessionUser {
  id: string;
  name: string;
  email: string;
  role: string;
  locale: string;
  twoFactorEnabled: boolean;
}

/** What Better Auth decided for this instance: read once, so both readings of a session agree. */
interface SessionSettings {
  secret: string;
  tokenCookie: string;
  /** Cookies with which Better Auth's getSession does more than read (see below). */
  otherCookies: string[];
  expiresInMs: number;
  updateAgeMs: number;
}

/**
 * Reads a request's session the way Better Auth's getSession does when reading is all it would do: the
 * signed token cookie checked against the secret (HMAC-SHA256, as better-call signs it), then the session
 * and its user in one query, every time, so a session that was signed out, revoked by a password reset or
 * a second factor, or deleted with its account is refused at the next request. No copy of a session is
 * kept anywhere (Better Auth's cookieCache would keep one in the browser, valid until it expires).
 *
 * The answer is `undefined` whenever Better Auth would do anything else — no cookie, a signature or token
 * it would refuse, an expired session (whose cookie it clears), one due for renewal (whose expiry and
 * cookie it extends), the "don't remember me" or session data cookies — and the caller then asks Better
 * Auth itself, whose word is final. getSession costs ~0.5 ms of the event loop (its endpoint machinery,
 * two WebCrypto jobs on the thread pool, two queries); this costs one query and a synchronous HMAC.
 */
export function createSessionReader(db: Kysely<Database>, auth: Auth) {
  let settings: SessionSettings | undefined;
  const settingsOf = async (): Promise<SessionSettings> => {
    const context = await auth.$context;
    return {
      secret: context.secret,
      tokenCookie: context.authCookies.sessionToken.name,
      otherCookies: [context.authCookies.dontRememberToken.name, context.authCookies.sessionData.name],
      expiresInMs: context.sessionConfig.expiresIn * 1000,
      updateAgeMs: context.sessionConfig.updateAge * 1000,
    };
  };

  return async function readSession(
    cookieHeader: string,
    now = Date.now(),
  ): Promise<StoredSessionUser | undefined> {
    settings ??= await settingsOf();
    if (settings.otherCookies.some((name) => cookieHeader.includes(name))) return undefined;
    const token = verifiedToken(cookieValue(cookieHeader, settings.tokenCookie), settings.secret);
    if (token === undefined) return undefined;
    const row = await db
      .selectFrom('session')
      .innerJoin('user', 'user.id', 'session.userId')
      .select(['session.expiresAt', 'user.id', 'user.name', 'user.email', 'user.role', 'user.locale'])
      .select('user.twoFactorEnabled')
      .where('session.token', '=', token)
      .executeTakeFirst();
    if (!row) return undefined;
    const expiresAt = new Date(row.expiresAt).getTime();
    // Better Auth renews a session once `updateAge` has passed since its expiry was last set.
    const renewalDue = expiresAt - settings.expiresInMs + settings.updateAgeMs <= now;
    if (!(expiresAt > now) || renewalDue) return undefined;
    const { id, name, email, role, locale } = row;
    return { id, name, email, role, locale, twoFactorEnabled: toBoolean(row.twoFactorEnabled) };
  };
}

export type SessionReader = ReturnType<typeof createSessionReader>;

/** The first cookie of that name, as better-call parses it: trimmed, unquoted, percent-decoded. */
export function cookieValue(header: string, name: string): string | undefined {
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1 || pair.slice(0, separator).trim() !== name) continue;
    let value = pair.slice(separator + 1).trim();
    if (value.startsWith('"')) value = value.slice(1, -1);
    try {
      return value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The token of a `token.signature` cookie value if the signature is this secret's HMAC of the token. */
export function verifiedToken(value: string | undefined, secret: string): string | undefined {
  if (value === undefined) return undefined;
  const dot = value.lastIndexOf('.');
  if (dot < 1) return undefined;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(createHmac('sha256', secret).update(token).digest('base64'));
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : undefined;
}
