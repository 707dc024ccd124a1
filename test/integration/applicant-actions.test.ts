import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/access';
import type { JobQueue } from '../../src/platform/jobs/queue';
import type { QueuedMailer } from '../../src/platform/mail/queued-mailer';
import { appeal } from '../../src/features/applications/appeal';
import type { ApplicantActionDependencies } from '../../src/features/applications/manage-access';
import { resubmit, submit } from '../../src/features/applications/submit';
import { deleteDraft, keep, withdraw } from '../../src/features/applications/withdraw';
import { fillAssignmentsJob } from '../../src/features/review/decide';
import {
  completedDraft,
  createProduct,
  sampleProduct,
  startApplication,
  userIdOf,
} from '../support/applications';
import { companyWithOwner, joinCompany, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { reviewedTo, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The company's actions on its application hold in the use cases themselves, whoever calls them, and each
 * is one transaction: its rows, its audit entry and its follow-up work (mail, the assignment job) are
 * committed together or not at all. These tests call the use cases directly and make a step inside the
 * transaction fail.
 */
describe('the applicant-side use cases', () => {
  let server: TestServer;
  let deps: ApplicantActionDependencies;
  let reviewers: { client: HttpClient; id: string }[];

  beforeAll(async () => {
    server = await startTestServer();
    reviewers = [await signedInUser(server, 'reviewer'), await signedInUser(server, 'reviewer')];
    const { services, url } = { services: server.running.services, url: server.url };
    deps = { ...services, baseUrl: url };
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const failure = new Error('the step after the writes failed');
  /** Mail that cannot be enqueued: the last step of a submission, an appeal or a resubmission. */
  const failingMail = (): ApplicantActionDependencies => ({
    ...deps,
    mailer: { ...deps.mailer, sendIn: () => Promise.reject(failure) } satisfies QueuedMailer,
  });
  /** A job that cannot be enqueued: the last step of a withdrawal. */
  const failingJobs = (): ApplicantActionDependencies => ({
    ...deps,
    jobs: { ...deps.jobs, enqueue: () => Promise.reject(failure) } satisfies JobQueue,
  });
  /** The transaction fails once its work is done, before the commit: for changes without follow-up work. */
  const failingCommit = (): ApplicantActionDependencies => ({
    ...deps,
    jobs: {
      ...deps.jobs,
      transaction: (work) =>
        deps.jobs.transaction(async (trx) => {
          await work(trx);
          throw failure;
        }),
    },
  });

  async function owned(slug: string) {
    const { owner, user } = await companyWithOwner(server, slug);
    const actor: Principal = {
      userId: await userIdOf(server, user.email),
      role: 'applicant',
      twoFactorEnabled: false,
    };
    return { owner, actor };
  }

  /** Everything an action may change, read after the worker ran whatever was committed. */
  async function stateOf(applicationId: string) {
    await server.running.jobs.drain();
    const { db } = server.running.services.database;
    const application = await db
      .selectFrom('application')
      .select(['status', 'round', 'kept', 'appeal_reason'])
      .where('id', '=', applicationId)
      .executeTakeFirst();
    const audit = await db
      .selectFrom('audit_event')
      .select('action')
      .where('application_id', '=', applicationId)
      .where('actor_id', 'is not', null)
      .orderBy('occurred_at')
      .execute();
    const snapshots = await db
      .selectFrom('round_snapshot')
      .select('round')
      .where('application_id', '=', applicationId)
      .execute();
    const mail = await db
      .selectFrom('job')
      .select('dedupe_key')
      .where('kind', '=', 'mail')
      .where('dedupe_key', 'like', `%:${applicationId}%`)
      .execute();
    const fills = await db.selectFrom('job').select('id').where('kind', '=', fillAssignmentsJob).execute();
    return {
      application: application ?? null,
      audit: audit.map((row) => row.action),
      snapshots: snapshots.map((row) => row.round).sort(),
      mail: mail.map((row) => row.dedupe_key?.split(':')[0]).sort(),
      fillJobs: fills.length,
    };
  }

  it('submits a complete draft with its round, audit entry, mail and assignment job, or not at all', async () => {
    const { owner, actor } = await owned('submit-co');
    const { applicationId } = await completedDraft(server, owner, 'submit-co');
    const request = { actor, applicationId };
    const before = await stateOf(applicationId);
    expect(before).toMatchObject({ application: { status: 'draft' }, audit: [], snapshots: [], mail: [] });

    await expect(submit(failingMail(), request)).rejects.toBe(failure);
    expect(await stateOf(applicationId)).toEqual(before);

    expect(await submit(deps, request)).toEqual({ kind: 'submitted' });
    const after = await stateOf(applicationId);
    expect(after).toMatchObject({ audit: ['submitted'], snapshots: [1], mail: ['submitted'] });
    // The job ran: the two reviewers took the application into review.
    expect(after.application?.status).toBe('in-review');
    expect(after.fillJobs).toBe(before.fillJobs + 1);
    expect(await submit(deps, request)).toEqual({ kind: 'locked' });
  });

  it('refuses a submission the rules or the company roles do not allow, and writes nothing', async () => {
    const { owner, actor } = await owned('refuse-co');
    const { user } = await joinCompany(server, owner, 'refuse-co', 'member');
    const { applicationId } = await completedDraft(server, owner, 'refuse-co');
    const member: Principal = {
      userId: await userIdOf(server, user.email),
      role: 'applicant',
      twoFactorEnabled: false,
    };
    const outsider = await signedInUser(server, 'applicant');
    const before = await stateOf(applicationId);

    expect(await submit(deps, { actor: member, applicationId })).toEqual({ kind: 'forbidden' });
    expect(await submit(deps, { actor: { ...member, userId: outsider.id }, applicationId })).toEqual({
      kind: 'not-found',
    });
    expect(await withdraw(deps, { actor: member, applicationId })).toEqual({ kind: 'forbidden' });
    expect(await deleteDraft(deps, { actor: member, applicationId })).toEqual({ kind: 'forbidden' });
    expect(await appeal(deps, { actor, applicationId, reasons: 'x'.repeat(40) })).toEqual({
      kind: 'not-possible',
    });
    expect(await resubmit(deps, { actor, applicationId })).toEqual({ kind: 'locked' });
    expect(await stateOf(applicationId)).toEqual(before);

    const productId = await createProduct(owner, 'refuse-co', { ...sampleProduct, name: 'Unanswered Lamp' });
    const unanswered = await startApplication(owner, 'refuse-co', productId);
    const result = await submit(deps, { actor, applicationId: unanswered });
    expect(result.kind).toBe('incomplete');
    expect(await stateOf(unanswered)).toMatchObject({
      application: { status: 'draft' },
      audit: [],
      mail: [],
    });
  });

  it('withdraws with its audit entry and assignment job, or not at all', async () => {
    const { owner, actor } = await owned('withdraw-co');
    const { applicationId } = await submittedProduct(server, owner, 'withdraw-co', {});
    const request = { actor, applicationId };
    const before = await stateOf(applicationId);

    await expect(withdraw(failingJobs(), request)).rejects.toBe(failure);
    expect(await stateOf(applicationId)).toEqual(before);

    expect(await withdraw(deps, request)).toEqual({ kind: 'withdrawn' });
    const after = await stateOf(applicationId);
    expect(after.application?.status).toBe('withdrawn');
    expect(after.audit).toEqual([...before.audit, 'withdrawn']);
    expect(after.fillJobs).toBe(before.fillJobs + 1);
    expect(await withdraw(deps, request)).toEqual({ kind: 'locked' });
  });

  it('deletes a draft with its audit entry, or not at all', async () => {
    const { owner, actor } = await owned('delete-co');
    const { applicationId } = await completedDraft(server, owner, 'delete-co');
    const request = { actor, applicationId };
    const before = await stateOf(applicationId);

    await expect(deleteDraft(failingCommit(), request)).rejects.toBe(failure);
    expect(await stateOf(applicationId)).toEqual(before);

    expect(await deleteDraft(deps, request)).toEqual({ kind: 'deleted', companySlug: 'delete-co' });
    expect(await stateOf(applicationId)).toMatchObject({ application: null, audit: ['draft-deleted'] });
    expect(await deleteDraft(deps, request)).toEqual({ kind: 'not-found' });
  });

  it('appeals "not certified" with the reasons, a new round, audit entry, mail and job, or not at all', async () => {
    const { owner, actor } = await owned('appeal-co');
    const { applicationId } = await submittedProduct(server, owner, 'appeal-co', {});
    await reviewedTo(server, reviewers, applicationId, 'not-certify');
    const request = { actor, applicationId, reasons: 'The reviewers overlooked the published audit report.' };
    const before = await stateOf(applicationId);
    expect(before.application).toMatchObject({ status: 'not-certified', round: 1, appeal_reason: null });

    await expect(appeal(failingMail(), request)).rejects.toBe(failure);
    expect(await stateOf(applicationId)).toEqual(before);

    expect(await appeal(deps, { ...request, reasons: undefined })).toEqual({ kind: 'invalid' });
    expect(await appeal(deps, request)).toEqual({ kind: 'appealed', round: 2 });
    const after = await stateOf(applicationId);
    expect(after.application).toMatchObject({ round: 2, appeal_reason: request.reasons });
    expect(after.audit).toEqual([...before.audit, 'appealed']);
    expect(after.snapshots).toEqual([1, 2]);
    expect(after.mail).toEqual([...before.mail, 'appealed'].sort());
    expect(after.fillJobs).toBe(before.fillJobs + 1);
    expect(await appeal(deps, request)).toEqual({ kind: 'not-possible' });
  });

  it('resubmits after a request for changes with a new round, audit entry and mail, or not at all', async () => {
    const { owner, actor } = await owned('resubmit-co');
    const { applicationId } = await submittedProduct(server, owner, 'resubmit-co', {});
    await reviewedTo(server, reviewers, applicationId, 'request-changes');
    const request = { actor, applicationId };
    const before = await stateOf(applicationId);
    expect(before.application).toMatchObject({ status: 'changes-requested', round: 1 });

    await expect(resubmit(failingMail(), request)).rejects.toBe(failure);
    expect(await stateOf(applicationId)).toEqual(before);

    expect(await resubmit(deps, request)).toEqual({ kind: 'resubmitted', round: 2 });
    const after = await stateOf(applicationId);
    expect(after.application).toMatchObject({ status: 'in-review', round: 2 });
    expect(after.audit).toEqual([...before.audit, 'resubmitted']);
    expect(after.snapshots).toEqual([1, 2]);
    expect(after.mail).toEqual([...before.mail, 'resubmitted', 'resubmitted'].sort());
  });

  it('keeps an unsuccessful application with its audit entry, or not at all', async () => {
    const { owner, actor } = await owned('keep-co');
    const { applicationId } = await submittedProduct(server, owner, 'keep-co', {});
    expect(await withdraw(deps, { actor, applicationId })).toEqual({ kind: 'withdrawn' });
    const request = { actor, applicationId, kept: true };
    const before = await stateOf(applicationId);

    await expect(keep(failingCommit(), request)).rejects.toBe(failure);
    expect(await stateOf(applicationId)).toEqual(before);

    expect(await keep(deps, request)).toEqual({ kind: 'kept' });
    const after = await stateOf(applicationId);
    expect(after.application?.kept).toBe(1);
    expect(after.audit).toEqual([...before.audit, 'application-kept']);
  });
});
