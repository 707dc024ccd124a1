import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { shouldSend, type MailKind } from './notification-rules';
import { isLocale, messagesFor, type Locale, type Messages } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import { createMailPreferenceRepository } from '../accounts';

export interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: string;
}

export const localeOf = (recipient: Recipient): Locale =>
  isLocale(recipient.locale) ? recipient.locale : 'en';

/**
 * Enqueues one mail per recipient who wants this kind of mail, in their language, in the transaction of the
 * change it reports.
 */
export async function enqueueMails(
  trx: Kysely<Database>,
  mailer: QueuedMailer,
  mail: {
    kind: MailKind;
    recipients: readonly Recipient[];
    /** Names the event, so that asking twice for the same event's mail sends it once. */
    dedupeKey?: string;
    compose: (m: Messages, locale: Locale) => { subject: string; body: string };
  },
): Promise<void> {
  const preferences = createMailPreferenceRepository(trx);
  for (const recipient of mail.recipients) {
    if (!shouldSend(mail.kind, await preferences.disabledKinds(recipient.id))) continue;
    const locale = localeOf(recipient);
    const m = messagesFor(locale);
    const { subject, body } = mail.compose(m, locale);
    await mailer.sendIn(
      trx,
      composeMail(m, recipient.email, recipient.name, subject, body),
      mail.dedupeKey && `${mail.dedupeKey}:${recipient.id}`,
    );
  }
}
