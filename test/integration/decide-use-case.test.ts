import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/access';
import { decide, type DecideDependencies } from '../../src/features/review/decide';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { acceptAll, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The decision's rules hold in the use case itself, whoever calls it, not only behind the review route:
 * these tests call it directly, as another route or a script would.
 */
describe('the decide use case', () => {
  let server: TestServer;
  let reviewers: Awaited<ReturnType<typeof signedInUser>>[];
  let deps: DecideDependencies;
  const as = (userId: string, role: Principal['role']): Principal => ({
    userId,
    role,
    twoFactorEnabled: true,
  });

  beforeAll(async () => {
    server = await startTestServer();
    reviewers = [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
    const { services, running } = { services: server.running.services, running: server.running };
    deps = { ...services, dialect: services.database.dialect, baseUrl: running.url };
  });
  afterAll(async () => {
    await server?.close();
  });

  async function reviewedApplication(owner: HttpClient, slug: string, name: string, notMet?: string) {
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    const { applicationId } = await submittedProduct(server, owner, slug, { name });
    for (const reviewer of reviewers) {
      const form = acceptAll(criteria, 'certify');
      if (notMet) {
        form[`verdict-${notMet}`] = 'not-met';
        form[`comment-${notMet}`] = 'Not shown by the evidence.';
      }
      expect((await reviewer.client.post(`/en/review/applications/${applicationId}`, form)).status).toBe(303);
    }
    return applicationId;
  }

  const stateOf = async (applicationId: string) => {
    const { db } = server.running.services.database;
    return {
      status: (await server.running.services.applications.find(applicationId))?.status,
      decisions: (
        await db.selectFrom('decision').select('id').where('application_id', '=', applicationId).execute()
      ).length,
      audit: (
        await db
          .selectFrom('audit_event')
          .select('action')
          .where('application_id', '=', applicationId)
          .execute()
      )
        .map((row) => row.action)
        .filter((action) => action === 'decided'),
      jobs: (
        await db.selectFrom('job').select('payload').where('kind', '=', 'certification.issue').execute()
      ).filter((job) => job.payload.includes(applicationId)).length,
    };
  };

  // First: with only the two reviewers in the pool, both take the application.
  it('asks for changes with the threads and the mail to the reviewer who asked in one transaction, or neither', async () => {
    const { owner } = await companyWithOwner(server, 'asked-co');
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    const { applicationId } = await submittedProduct(server, owner, 'asked-co', { name: 'Asked Lamp' });
    for (const [index, reviewer] of reviewers.entries()) {
      const form = acceptAll(criteria, 'request-changes');
      if (index === 0) {
        form['verdict-SEC-03'] = 'needs-clarification';
        form['comment-SEC-03'] = 'Which protocol protects the stream?';
      }
      expect((await reviewer.client.post(`/en/review/applications/${applicationId}`, form)).status).toBe(303);
    }
    const { db } = server.running.services.database;
    const asked = async () => ({
      threads: (
        await db
          .selectFrom('clarification_message')
          .select('criterion_id')
          .where('application_id', '=', applicationId)
          .execute()
      ).map((row) => row.criterion_id),
      mails: (
        await db
          .selectFrom('job')
          .select('dedupe_key')
          .where('dedupe_key', 'like', 'questions-sent:%')
          .execute()
      )
        .map((row) => row.dedupe_key)
        .filter((key) => key?.includes(applicationId)),
    });
    const request = {
      actor: as(reviewers[1]!.id, 'reviewer'),
      applicationId,
      outcome: 'request-changes' as const,
      rationale: 'Please clarify SEC-03.',
    };
    const failure = new Error('the process died before the commit');
    const crashing: DecideDependencies = {
      ...deps,
      jobs: {
        ...deps.jobs,
        transaction: (work) =>
          deps.jobs.transaction(async (trx) => {
            await work(trx);
            throw failure;
          }),
      },
    };
    await expect(decide(crashing, request)).rejects.toBe(failure);
    expect(await asked()).toEqual({ threads: [], mails: [] });

    expect(await decide(deps, request)).toEqual({ kind: 'decided' });
    expect(await asked()).toEqual({
      threads: ['SEC-03'],
      mails: [`questions-sent:${applicationId}:1:${reviewers[0]!.id}`],
    });
    const mail = await server.smtp.waitFor(reviewers[0]!.user.email, /Asked Lamp: your questions went/);
    expect(mail.text).toContain('your questions on SEC-03');
  });

  it('refuses to certify what fails the decision rule, and writes nothing', async () => {
    const { owner } = await companyWithOwner(server, 'rule-co');
    const applicationId = await reviewedApplication(owner, 'rule-co', 'Ruled Lamp', 'SEC-01');
    const before = await stateOf(applicationId);
    const result = await decide(deps, {
      actor: as(reviewers[0]!.id, 'reviewer'),
      applicationId,
      outcome: 'certify',
      rationale: 'Certify anyway.',
    });
    expect(result).toEqual({ kind: 'refused', refusal: 'rule-fails' });
    expect(await stateOf(applicationId)).toEqual(before);
    expect(before).toEqual({ status: 'in-review', decisions: 0, audit: [], jobs: 0 });
  });

  it('refuses an admin who belongs to the company, and anyone not assigned, as if it did not exist', async () => {
    const insider = await signedInUser(server, 'admin');
    expect((await insider.client.post('/en/companies', { name: 'Inside Ltd', slug: 'inside' })).status).toBe(
      303,
    );
    const applicationId = await reviewedApplication(insider.client, 'inside', 'Inside Lamp');
    const outsider = await signedInUser(server, 'reviewer');
    const request = { applicationId, outcome: 'certify' as const, rationale: 'Fine.' };
    expect(await decide(deps, { ...request, actor: as(insider.id, 'admin') })).toEqual({ kind: 'not-found' });
    expect(await decide(deps, { ...request, actor: as(outsider.id, 'reviewer') })).toEqual({
      kind: 'not-found',
    });
    expect(
      await decide(deps, {
        ...request,
        actor: { ...as(reviewers[0]!.id, 'reviewer'), twoFactorEnabled: false },
      }),
    ).toEqual({
      kind: 'not-found',
    });
    expect((await stateOf(applicationId)).decisions).toBe(0);

    const admin = await signedInUser(server, 'admin');
    expect(await decide(deps, { ...request, actor: as(admin.id, 'admin') })).toEqual({ kind: 'decided' });
    expect(await decide(deps, { ...request, actor: as(admin.id, 'admin') })).toEqual({
      kind: 'already-decided',
    });
    expect(await stateOf(applicationId)).toEqual({
      status: 'certified',
      decisions: 1,
      audit: ['decided'],
      jobs: 1,
    });
  });
});
