import { isAPIError } from 'better-auth/api';
import type { Context } from 'hono';

export type AuthOutcome<T> = { ok: true; value: T } | { ok: false; status: number; code: string };

/**
 * Runs a Better Auth server call and turns its refusals (thrown APIErrors, or error responses when
 * called with asResponse) into a plain outcome, so routes can answer with a sentence, not a 500.
 */
export async function attempt<T>(call: () => Promise<T>): Promise<AuthOutcome<T>> {
  let value: T;
  try {
    value = await call();
  } catch (error) {
    if (isAPIError(error)) {
      const body = error.body as { code?: unknown } | undefined;
      return {
        ok: false,
        status: error.statusCode,
        code: typeof body?.code === 'string' ? body.code : String(error.status),
      };
    }
    throw error;
  }
  if (value instanceof Response && !value.ok) {
    const body = (await value
      .clone()
      .json()
      .catch(() => ({}))) as { code?: unknown };
    return { ok: false, status: value.status, code: typeof body.code === 'string' ? body.code : '' };
  }
  return { ok: true, value };
}

/** Passes the cookies Better Auth set (session, two-factor step) on to the browser. */
export function forwardCookies(c: Context, response: Response): void {
  for (const cookie of response.headers.getSetCookie()) c.header('Set-Cookie', cookie, { append: true });
}
