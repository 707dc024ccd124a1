import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/flows';
import { inputValue } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Mail leaves through the job queue: while the mail server is down, requests still succeed, and every
 * message arrives once it is back — each exactly once.
 */
describe('a mail server outage', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      rateLimits: { contact: { windowMs: 60_000, limit: 100 } },
      jobs: { pollIntervalMs: 200, retryPolicy: { firstDelayMs: 250, maxDelayMs: 1000 } },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function sendContactMessage(name: string) {
    const client = server.client();
    const formToken = inputValue((await client.get('/en/contact')).text, 'formToken');
    return client.post('/en/contact', {
      name,
      email: 'buyer@example.test',
      message: `A question from ${name}.`,
      website: '',
      formToken,
    });
  }

  it('loses no message and sends none twice', async () => {
    await server.smtp.outage();
    const names = Array.from({ length: 5 }, (_, n) => `Outage Sender ${n}`);
    const statuses = [];
    for (const name of names) statuses.push((await sendContactMessage(name)).status);
    const applicant = newUser('outage');
    const signUp = await server.client().post('/en/sign-up', { ...applicant });
    expect([...statuses, signUp.status]).toEqual([200, 200, 200, 200, 200, 200]);

    // Ten seconds without a mail server: the worker keeps trying and nothing arrives.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect(server.smtp.received).toEqual([]);
    const waiting = await server.running.services.database.db
      .selectFrom('job')
      .select(['status', 'attempts', 'last_error'])
      .execute();
    expect(waiting).toHaveLength(6);
    expect(waiting.every((job) => job.status !== 'done' && job.attempts >= 2)).toBe(true);
    expect(waiting[0]?.last_error).toMatch(/ECONNREFUSED/);

    await server.smtp.start();
    for (const name of names) {
      await server.smtp.waitFor('program@trustmark.test', new RegExp(`message from ${name}$`), 15_000);
    }
    await server.smtp.waitFor(applicant.email, /Verify your email/, 15_000);
    await server.running.jobs.drain();
    const subjects = server.smtp.received.map((mail) => mail.subject);
    expect(subjects).toHaveLength(6);
    expect(new Set(subjects).size).toBe(6);
    expect(new Set(server.smtp.received.map((mail) => mail.messageId)).size).toBe(6);
  }, 60_000);
});
