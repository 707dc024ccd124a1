import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthEndpoint, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { symmetricDecrypt } from 'better-auth/crypto';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/dialect';
import type { Database } from '../db/schema';

/** Better Auth's TOTP settings (its defaults, which the twoFactor plugin uses here). */
const periodSeconds = 30;
const digits = 6;
/** Better Auth accepts the previous, the current and the next code, for clocks that drift. */
const window = 1;

/** Refused when a valid code has already been used by its account. */
export const codeAlreadyUsed = 'CODE_ALREADY_USED';

/** RFC 4226 HOTP for one counter, keyed as Better Auth keys it (the secret's UTF-8 bytes). */
function hotp(secret: string, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', Buffer.from(secret, 'utf8')).update(message).digest();
  const offset = (digest.at(-1) ?? 0) & 0x0f;
  const number = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(number % 10 ** digits).padStart(digits, '0');
}

/** The time step within the accepted window whose code `code` is, if any. */
export function matchingTimeStep(secret: string, code: string, now: Date): number | undefined {
  const current = Math.floor(now.getTime() / 1000 / periodSeconds);
  for (let step = current - window; step <= current + window; step++) {
    const expected = Buffer.from(hotp(secret, step));
    const given = Buffer.from(code);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return step;
  }
  return undefined;
}

/**
 * Records that `userId` used the code of `step`; false when it already had. The primary key decides,
 * so two instances accepting the same code at once cannot both succeed. Steps that have left every
 * window are removed on the way.
 */
export async function claimTimeStep(
  db: Kysely<Database>,
  userId: string,
  step: number,
  now: Date,
): Promise<boolean> {
  await db
    .deleteFrom('used_totp_code')
    .where('user_id', '=', userId)
    .where('time_step', '<', step - 2 * window - 1)
    .execute();
  try {
    await db
      .insertInto('used_totp_code')
      .values({ user_id: userId, time_step: step, used_at: now.toISOString() })
      .execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/**
 * The account a second-factor request is for: the signed-in user (setting two-factor up), or the one
 * whose password step issued the signed two-factor cookie (signing in). Null when neither holds.
 */
async function secondFactorUserId(ctx: HookContext): Promise<string | null> {
  const session = await getSessionFromCtx(ctx).catch(() => null);
  if (session) return session.user.id;
  const cookie = ctx.context.createAuthCookie('two_factor');
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return null;
  const pending = await ctx.context.internalAdapter.findVerificationValue(identifier);
  return pending && pending.expiresAt > new Date() ? pending.value : null;
}

/**
 * Makes each TOTP code work once per account (RFC 6238 §5.2): before Better Auth verifies a code, the
 * time step it matches is claimed in the database, and a code whose step was already claimed is
 * refused. A code that matches nothing is left to Better Auth, which counts the failure.
 * Also offers `secondFactorUser`, so the site can throttle second-factor attempts per account.
 */
export function singleUseTotp(db: Kysely<Database>) {
  return {
    id: 'single-use-totp',
    endpoints: {
      secondFactorUser: createAuthEndpoint.serverOnly({ method: 'POST' }, async (ctx) =>
        ctx.json({ userId: await secondFactorUserId(ctx) }),
      ),
    },
    hooks: {
      before: [
        {
          matcher: (context) => context.path === '/two-factor/verify-totp',
          handler: createAuthMiddleware(async (ctx) => {
            const code: unknown = (ctx.body as { code?: unknown } | undefined)?.code;
            if (typeof code !== 'string') return;
            const userId = await secondFactorUserId(ctx);
            if (!userId) return;
            const twoFactor = await ctx.context.adapter.findOne<{ secret: string }>({
              model: 'twoFactor',
              where: [{ field: 'userId', value: userId }],
            });
            if (!twoFactor) return;
            const secret = await symmetricDecrypt({ key: ctx.context.secretConfig, data: twoFactor.secret });
            const now = new Date();
            const step = matchingTimeStep(secret, code, now);
            if (step === undefined) return;
            if (!(await claimTimeStep(db, userId, step, now))) {
              throw new APIError('UNAUTHORIZED', {
                code: codeAlreadyUsed,
                message: 'This code has already been used.',
              });
            }
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
