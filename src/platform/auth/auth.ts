import { betterAuth } from 'better-auth';
import { organization, twoFactor } from 'better-auth/plugins';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DialectName } from '../db/dialect';
import type { Database } from '../db/schema';
import { isLocale, messagesFor, type Locale } from '../i18n';
import type { Mailer } from '../mail/mailer';
import { composeMail } from '../mail/compose';
import { maximumPasswordLength, minimumPasswordLength } from './password-policy';
import { singleUseTotp } from './single-use-totp';

export interface AuthDependencies {
  // Better Auth manages its own tables, so it takes the untyped database.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>;
  dialect: DialectName;
  baseUrl: string;
  secret: string;
  mailer: Mailer;
  logger: Logger;
}

function localeOf(user: unknown): Locale {
  const locale = (user as { locale?: unknown }).locale;
  return isLocale(locale) ? locale : 'en';
}

/**
 * Accounts, sessions, companies (Better Auth organisations) and two-factor authentication.
 * Only the server calls it (through auth.api); its HTTP handler is not exposed, so every request
 * passes the site's own validation, CSRF check and rate limits first.
 */
export function createAuth({ db, dialect, baseUrl, secret, mailer, logger }: AuthDependencies) {
  return betterAuth({
    appName: 'Trustmark',
    baseURL: baseUrl,
    secret,
    database: { db, type: dialect },
    telemetry: { enabled: false },
    // Better Auth's own messages (e.g. "Invalid password") join the structured log at debug level or above.
    logger: {
      level: 'warn',
      log: (level, message) =>
        logger[level === 'error' ? 'error' : level === 'warn' ? 'warn' : 'debug'](
          { source: 'better-auth' },
          message,
        ),
    },
    // The site's own middleware limits sign-in, sign-up and reset per client address.
    rateLimit: { enabled: false },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'applicant', input: false },
        locale: { type: 'string', required: false, defaultValue: 'en', input: true },
      },
      // Deletion is offered on the account page after the site's own checks (no company still owned).
      deleteUser: { enabled: true },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: minimumPasswordLength,
      maxPasswordLength: maximumPasswordLength,
      autoSignIn: false,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      // Signing up with a registered address looks the same as a new sign-up (no account enumeration);
      // the owner of the address learns of it by mail instead.
      async onExistingUserSignUp({ user }) {
        const locale = localeOf(user);
        const m = messagesFor(locale);
        const body = m.mail.existingBody(
          `${baseUrl}/${locale}/sign-in`,
          `${baseUrl}/${locale}/forgot-password`,
        );
        await mailer.send(composeMail(m, user.email, user.name, m.mail.existingSubject, body));
      },
      async sendResetPassword({ user, token }) {
        const locale = localeOf(user);
        const m = messagesFor(locale);
        const url = `${baseUrl}/${locale}/reset-password?token=${encodeURIComponent(token)}`;
        await mailer.send(composeMail(m, user.email, user.name, m.mail.resetSubject, m.mail.resetBody(url)));
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60,
      async sendVerificationEmail({ user, token }) {
        const locale = localeOf(user);
        const m = messagesFor(locale);
        const url = `${baseUrl}/${locale}/verify-email?token=${encodeURIComponent(token)}`;
        await mailer.send(
          composeMail(m, user.email, user.name, m.mail.verifySubject, m.mail.verifyBody(url)),
        );
      },
    },
    advanced: {
      cookiePrefix: 'trustmark',
      useSecureCookies: baseUrl.startsWith('https://'),
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true },
    },
    plugins: [
      organization({
        creatorRole: 'owner',
        invitationExpiresIn: 60 * 60 * 24 * 7,
        cancelPendingInvitationsOnReInvite: true,
        requireEmailVerificationOnInvitation: true,
        async sendInvitationEmail({ id, email, organization: company, inviter }) {
          const locale = localeOf(inviter.user);
          const m = messagesFor(locale);
          const url = `${baseUrl}/${locale}/invitations/${encodeURIComponent(id)}`;
          await mailer.send(
            composeMail(
              m,
              email,
              '',
              m.mail.inviteSubject(company.name),
              m.mail.inviteBody(inviter.user.name, company.name, url),
            ),
          );
        },
      }),
      twoFactor({ issuer: 'Trustmark' }),
      singleUseTotp(db as Kysely<Database>),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
