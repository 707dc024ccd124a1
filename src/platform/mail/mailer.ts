import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  replyTo?: string;
  /** Set by the mail job, so that a message handed over twice is recognisably one. */
  messageId?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** Sends over SMTP; `smtpUrl` is e.g. smtp://user:pass@host:587 or smtps://host:465. */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}

export interface OutboxEntry extends OutgoingMail {
  id: string;
  from: string;
  writtenAt: string;
}

/**
 * For development without a mail server: each message becomes a JSON file in the outbox folder,
 * listed at /dev/outbox, so a developer can follow verification and invitation links.
 */
export type OutboxMailer = Mailer & { list(): Promise<OutboxEntry[]> };

export function createOutboxMailer(folder: string, from: string): OutboxMailer {
  return {
    async send(mail) {
      await mkdir(folder, { recursive: true });
      const writtenAt = new Date().toISOString();
      const id = `${writtenAt.replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
      const entry: OutboxEntry = { id, from, writtenAt, ...mail };
      await writeFile(join(folder, `${id}.json`), JSON.stringify(entry, null, 2), { mode: 0o600 });
    },
    async list() {
      const names = await readdir(folder).catch(() => [] as string[]);
      const entries = await Promise.all(
        names
          .filter((name) => name.endsWith('.json'))
          .map(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8')) as OutboxEntry),
      );
      return entries.sort((a, b) => b.writtenAt.localeCompare(a.writtenAt));
    },
  };
}

/** A given mailer (tests), else SMTP when configured, else the development outbox in the data folder. */
export function chooseMailer(
  config: { smtpUrl?: string | undefined; mailFrom: string; dataDir: string },
  override: Mailer | undefined,
): { mailer: Mailer; outbox: OutboxMailer | undefined } {
  if (override) return { mailer: override, outbox: undefined };
  if (config.smtpUrl) return { mailer: createSmtpMailer(config.smtpUrl, config.mailFrom), outbox: undefined };
  const outbox = createOutboxMailer(join(config.dataDir, 'outbox'), config.mailFrom);
  return { mailer: outbox, outbox };
}
