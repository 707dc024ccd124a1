import type { Messages } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobQueue } from '../../platform/jobs/queue';
import type { FormGuard } from '../../platform/web/form-guard';

export interface ContactDependencies {
  jobs: Pick<JobQueue, 'transaction'>;
  mailer: Pick<QueuedMailer, 'sendIn'>;
  formGuard: Pick<FormGuard, 'check'>;
  config: { contactTo: string };
}

export interface ContactMessage {
  name: string;
  email: string;
  message: string;
  /** The token the form carried: too fresh is a bot, too old a stale page. */
  formToken: string;
}

export type ContactResult = { kind: 'sent' } | { kind: 'expired' } | { kind: 'too-fast' };

/**
 * Passes a visitor's message on to the program's contact address, with their address to reply to. The
 * mail is queued in its own transaction: once this answers, it goes, even if the mail server is down now.
 */
export async function sendContactMessage(
  deps: ContactDependencies,
  m: Messages,
  contact: ContactMessage,
): Promise<ContactResult> {
  const guard = deps.formGuard.check(contact.formToken);
  if (guard !== 'ok') return { kind: guard === 'expired' ? 'expired' : 'too-fast' };
  const { name, email, message } = contact;
  const mail = composeMail(
    m,
    deps.config.contactTo,
    '',
    m.contact.mailSubject(name),
    `${message}\n\n— ${name} <${email}>`,
  );
  await deps.jobs.transaction((trx) => deps.mailer.sendIn(trx, { ...mail, replyTo: email }));
  return { kind: 'sent' };
}
