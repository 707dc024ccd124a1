import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import type { JobQueue } from '../jobs/queue';
import type { JobHandler } from '../jobs/worker';
import type { Mailer, OutgoingMail } from './mailer';

export const mailJobKind = 'mail';

const mailPayload = z.object({
  to: z.string().min(1),
  subject: z.string(),
  text: z.string(),
  replyTo: z.string().optional(),
});

/**
 * Mail leaves through the job queue: a request never waits for the mail server, and mail to a server that
 * is down is sent once it is back. Each job carries its own Message-ID, so should a job run twice (its worker
 * died between handing the mail over and recording it), the two copies are one message to mail software.
 */
export function mailJobHandler(transport: Mailer, messageIdDomain: string): JobHandler {
  return async (payload, job) => {
    const mail = mailPayload.parse(payload);
    await transport.send({ ...stripUndefined(mail), messageId: `<${job.id}@${messageIdDomain}>` });
  };
}

export interface QueuedMailer extends Mailer {
  /** Mail that follows a change: enqueued in the change's transaction, so it goes if and only if the change holds. */
  sendIn(trx: Kysely<Database>, mail: OutgoingMail, dedupeKey?: string): Promise<void>;
}

export function createQueuedMailer(queue: JobQueue): QueuedMailer {
  const sendIn: QueuedMailer['sendIn'] = (trx, mail, dedupeKey) =>
    queue.enqueue(trx, {
      kind: mailJobKind,
      payload: stripUndefined({ to: mail.to, subject: mail.subject, text: mail.text, replyTo: mail.replyTo }),
      ...(dedupeKey ? { dedupeKey } : {}),
    });
  return {
    sendIn,
    send: (mail) => queue.transaction((trx) => sendIn(trx, mail)),
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
