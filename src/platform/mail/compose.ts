import type { Messages } from '../i18n';
import type { OutgoingMail } from './mailer';

/** Wraps a message body in the greeting and signature of the recipient's language. */
export function composeMail(
  m: Messages,
  to: string,
  name: string,
  subject: string,
  body: string,
): OutgoingMail {
  const greeting = name ? m.mail.greeting(name) : m.mail.greetingWithoutName;
  return { to, subject, text: `${greeting}\n\n${body}\n\n${m.mail.signature}\n` };
}
