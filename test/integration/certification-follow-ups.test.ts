import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createLifecycle } from '../../src/features/registry/lifecycle';
import type { QueuedMailer } from '../../src/platform/mail/queued-mailer';
import { usingPostgres } from '../support/database';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certificationOf, decideAs, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * What follows a certification's status change — its transparency-log entry and, when it is issued, its
 * credential — is a job written in the change's own transaction: there if and only if the change is, and
 * run to the effect of once however often it runs.
 */
describe(`the follow-ups of a certification's status change (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  let server: TestServer;
  let reviewers: HttpClient[];
  let owner: HttpClient;
  let adminId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const staff = [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
    for (const reviewer of staff)
      await server.running.services.reviewers.saveProfile(reviewer.id, 100, true, new Date());
    reviewers = staff.map((reviewer) => reviewer.client);
    adminId = (await signedInUser(server, 'admin')).id;
    owner = (await companyWithOwner(server, 'follow')).owner;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  async function certified(name: string): Promise<string> {
    const { applicationId } = await submittedProduct(server, owner, 'follow', { name });
    await decideAs(server, reviewers, applicationId, 'certify');
    return certificationOf(server, applicationId);
  }

  const stateOf = async (certificationId: string) => {
    const { db } = server.running.services.database;
    const events = await db
      .selectFrom('certification_event')
      .select(['id', 'kind'])
      .where('certification_id', '=', certificationId)
      .execute();
    const jobs = await db
      .selectFrom('job')
      .select(['kind', 'dedupe_key'])
      .where(
        'dedupe_key',
        'in',
        [`credential:${certificationId}`, ...events.map((event) => `log:${event.id}`)].filter(Boolean),
      )
      .execute();
    const logged = await server.running.services.transparencyLog.positionsOf(certificationId);
    const credentials = await db
      .selectFrom('credential')
      .select('certification_id')
      .where('certification_id', '=', certificationId)
      .execute();
    return {
      status: (await server.running.services.registry.find(certificationId))?.status,
      events: events.map((event) => event.kind).sort(),
      jobs: jobs.map((job) => job.kind).sort(),
      logged: logged.length,
      credentials: credentials.length,
      eventIds: events.map((event) => event.id),
    };
  };

  it('issues one credential and one log entry per event, even when their jobs run again', async () => {
    const certificationId = await certified('Follow-up Lamp');
    expect(await stateOf(certificationId)).toMatchObject({
      status: 'active',
      events: ['issued'],
      jobs: ['credential.issue', 'transparency.append'],
      logged: 1,
      credentials: 1,
    });
    const { services } = server.running;
    expect(
      await services.lifecycle.change(certificationId, 'revoke', 'Default password found.', adminId),
    ).toBe(true);
    await server.running.jobs.drain();
    const revoked = await stateOf(certificationId);
    expect(revoked).toMatchObject({
      status: 'revoked',
      events: ['issued', 'revoked'],
      jobs: ['credential.issue', 'transparency.append', 'transparency.append'],
      logged: 2,
      credentials: 1,
    });
    // A job run twice (its worker died before recording it done, or another instance took it over).
    for (const eventId of revoked.eventIds) await services.transparencyLog.append(eventId);
    await services.credentials.issueFor(certificationId);
    expect(await stateOf(certificationId)).toMatchObject({ logged: 2, credentials: 1 });
    const size = await services.transparencyLog.size();
    expect(size).toBe((await services.transparencyLog.entries(0, size + 1)).length);
  });

  it('writes no event, audit entry or job when a later step of the change fails', async () => {
    const certificationId = await certified('Rolled-back Lamp');
    const { services } = server.running;
    // The same lifecycle, with a mailer that fails once the change, its audit entry and its jobs are written.
    const failingMail: QueuedMailer = {
      ...services.mailer,
      sendIn: () => Promise.reject(new Error('the mail could not be enqueued')),
    };
    const lifecycle = createLifecycle({
      db: services.database.db,
      dialect: services.database.dialect,
      jobs: services.jobs,
      mailer: failingMail,
      baseUrl: server.url,
      validityMonths: async () => 24,
      criteria: services.criteria.versions,
      logger: pino({ level: 'silent' }),
      now: services.now,
      changed: () => undefined,
    });
    const before = await stateOf(certificationId);
    await expect(
      lifecycle.change(certificationId, 'suspend', 'Under investigation.', adminId),
    ).rejects.toThrow('the mail could not be enqueued');
    expect(await stateOf(certificationId)).toEqual(before);
    const audit = await services.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', certificationId)
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(['certification-issued']);
  });
});
