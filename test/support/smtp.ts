import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

/**
 * A real SMTP server in the test process: the app sends over TCP exactly as in production,
 * and tests read what arrived.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  private waiters: Array<() => void> = [];
  private server = this.createServer();
  port = 0;

  private createServer(): SMTPServer {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const recipients = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
            this.received.push({
              to: recipients.flatMap((address) => address.value.map((entry) => entry.address ?? '')),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              messageId: parsed.messageId ?? '',
            });
            for (const wake of this.waiters.splice(0)) wake();
            callback();
          })
          .catch(callback);
      },
    });
    // A sender killed mid-message (the crash tests) resets its connection: its mail was not accepted, and
    // the job that sent it tries again. Without a listener the reset would be thrown in the test process.
    server.on('error', () => undefined);
    return server;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  /** The mail server goes away (connections are refused) until `start` brings it back on the same port. */
  async outage(): Promise<void> {
    await this.stop();
    this.server = this.createServer();
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves with the first mail (received or still to come) to `address` whose subject matches. */
  async waitFor(address: string, subject: RegExp, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((mail) => mail.to.includes(address) && subject.test(mail.subject));
      if (found) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const seen = this.received.map((mail) => `${mail.to.join(',')}: ${mail.subject}`).join('; ');
        throw new Error(`No mail to ${address} matching ${subject} arrived. Received: ${seen || 'none'}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((url) => url.startsWith(prefix));
  if (!link) throw new Error(`No link starting with ${prefix} in mail "${mail.subject}":\n${mail.text}`);
  return link;
}
