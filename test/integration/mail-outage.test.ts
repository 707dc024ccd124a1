import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyWithOwner, newUser } from '../support/flows';
import { changesRequested, decideAs, reviewerPair, submittedProduct } from '../support/review';
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

  it('lets reviewers decide while it is down, and delivers every decision mail once afterwards', async () => {
    const { owner } = await companyWithOwner(server, 'outage-co');
    const reviewers = await reviewerPair(server);
    const certified = await submittedProduct(server, owner, 'outage-co', { name: 'Outage Lamp' });
    const questioned = await submittedProduct(server, owner, 'outage-co', {
      name: 'Outage Plug',
      modelNumbers: 'OUT-2',
    });
    await server.running.jobs.drain();
    const mailJobs = () =>
      server.running.services.database.db
        .selectFrom('job')
        .select(['id', 'status'])
        .where('kind', '=', 'mail')
        .execute();
    const sentBefore = new Set((await mailJobs()).map((job) => job.id));
    const receivedBefore = server.smtp.received.length;

    await server.smtp.outage();
    // Both helpers assert that every request (verdicts, decisions) answers 303 while the mail server is away.
    await decideAs(server, reviewers, certified.applicationId, 'certify');
    await changesRequested(server, reviewers, questioned.applicationId, 'How is data protected in transit?');
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect(server.smtp.received).toHaveLength(receivedBefore);
    const waiting = (await mailJobs()).filter((job) => !sentBefore.has(job.id));
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(waiting.every((job) => job.status !== 'done')).toBe(true);

    await server.smtp.start();
    for (
      let tries = 0;
      tries < 100 && server.smtp.received.length < receivedBefore + waiting.length;
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await server.running.jobs.drain();
    const afterwards = server.smtp.received.slice(receivedBefore);
    expect(afterwards).toHaveLength(waiting.length);
    expect(new Set(afterwards.map((mail) => mail.messageId)).size).toBe(waiting.length);
    expect((await mailJobs()).every((job) => job.status === 'done')).toBe(true);
    process.stdout.write(
      `mail outage during decisions: ${waiting.length} mails written while the server was down, ` +
        `${afterwards.length} delivered after it returned, ${new Set(afterwards.map((mail) => mail.messageId)).size} distinct\n`,
    );
  }, 90_000);
});
