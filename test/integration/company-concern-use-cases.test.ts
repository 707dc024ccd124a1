import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/access';
import type { JobQueue } from '../../src/platform/jobs/queue';
import { createCompanyActions, type CompanyActionDependencies } from '../../src/features/companies/actions';
import { createConcernActions, type ConcernActionDependencies } from '../../src/features/concerns/actions';
import { companyWithOwner, joinCompany, newUser, signedInUser, signUpAndVerify } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certifiedCompany, reviewerPair } from '../support/review';
import { linkIn } from '../support/smtp';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Closing a company, handing over its ownership and deciding a concern are each one transaction: the
 * rows, their audit entries and their follow-up jobs and mail commit together, or, when a later step
 * fails, none of them does. These tests call the use cases directly, as a route or a script would.
 */
let server: TestServer;
let reviewers: HttpClient[];

beforeAll(async () => {
  server = await startTestServer();
  reviewers = await reviewerPair(server);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const services = () => server.running.services;
const db = () => services().database.db;

/** A job queue whose enqueue fails: the last step of a use case breaks after every row was written. */
function failingQueue(real: JobQueue): JobQueue {
  return {
    transaction: (work) => real.transaction(work),
    enqueue: () => Promise.reject(new Error('The queue is down.')),
  };
}

async function userIdOf(email: string): Promise<string> {
  const [record] = await services().users.search(email);
  if (!record) throw new Error(`No user ${email}`);
  return record.id;
}

const auditActions = async (subjectId: string) =>
  (await db().selectFrom('audit_event').select('action').where('subject_id', '=', subjectId).execute())
    .map((row) => row.action)
    .sort();

const jobCount = async (kind: string, containing = '') =>
  (await db().selectFrom('job').select('payload').where('kind', '=', kind).execute()).filter((job) =>
    job.payload.includes(containing),
  ).length;

describe('closing a company', () => {
  async function closureState(slug: string, certificationId: string) {
    const company = await db()
      .selectFrom('organization')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    const certification = await services().registry.find(certificationId);
    return {
      company: company?.id,
      certification: certification?.status,
      certificationAudit: await auditActions(certificationId),
      fillJobs: await jobCount('review.fill-assignments'),
    };
  }

  it('ends its marks and deletes it with its audit entries and follow-up job in one transaction', async () => {
    const { user, certificationId } = await certifiedCompany(server, reviewers, 'closing-uc');
    const before = await closureState('closing-uc', certificationId);
    const actions = createCompanyActions(services());
    const result = await actions.close(
      { userId: await userIdOf(user.email) },
      { slug: 'closing-uc', confirmSlug: 'closing-uc', publicReason: 'The company closed its account.' },
    );
    expect(result).toEqual({ kind: 'closed', name: 'closing-uc Ltd' });
    const after = await closureState('closing-uc', certificationId);
    expect(after.company).toBeUndefined();
    expect(after.certification).toBe('expired');
    expect(after.certificationAudit).toEqual(['certification-expired', 'certification-issued']);
    expect(after.fillJobs).toBe(before.fillJobs + 1);
    expect(await auditActions(before.company!)).toEqual(['company-closed']);
  });

  it('leaves the company, its marks and the audit log as they were when a later step fails', async () => {
    const { user, certificationId } = await certifiedCompany(server, reviewers, 'unclosed-uc');
    const before = await closureState('unclosed-uc', certificationId);
    const deps: CompanyActionDependencies = { ...services(), jobs: failingQueue(services().jobs) };
    await expect(
      createCompanyActions(deps).close(
        { userId: await userIdOf(user.email) },
        { slug: 'unclosed-uc', confirmSlug: 'unclosed-uc', publicReason: 'Closed.' },
      ),
    ).rejects.toThrow('The queue is down.');
    expect(await closureState('unclosed-uc', certificationId)).toEqual(before);
    expect(before.certification).toBe('active');
    expect(await auditActions(before.company!)).toEqual([]);
    expect((await server.client().get(`/en/products/${certificationId}`)).status).toBe(200);
  });
});

describe('handing over ownership', () => {
  async function teamOf(slug: string) {
    const { owner, user } = await companyWithOwner(server, slug);
    const mate = await joinCompany(server, owner, slug, 'admin');
    const company = await services().companies.membership(slug, await userIdOf(user.email));
    const mateMember = await db()
      .selectFrom('member')
      .select('id')
      .where('organizationId', '=', company!.companyId)
      .where('userId', '=', await userIdOf(mate.user.email))
      .executeTakeFirstOrThrow();
    return {
      ownerId: await userIdOf(user.email),
      companyId: company!.companyId,
      mateMemberId: mateMember.id,
    };
  }

  const rolesOf = async (companyId: string) =>
    (await db().selectFrom('member').select('role').where('organizationId', '=', companyId).execute())
      .map((row) => row.role)
      .sort();

  it('promotes the new owner, steps the old one down and audits it, together', async () => {
    const { ownerId, companyId, mateMemberId } = await teamOf('handover-uc');
    const audited = await auditActions(companyId);
    const result = await createCompanyActions(services()).transferOwnership(
      { userId: ownerId },
      { slug: 'handover-uc', memberId: mateMemberId },
    );
    expect(result).toEqual({ kind: 'changed' });
    expect(await rolesOf(companyId)).toEqual(['admin', 'owner']);
    expect((await services().companies.membership('handover-uc', ownerId))?.role).toBe('admin');
    expect(await auditActions(companyId)).toEqual([...audited, 'ownership-transferred'].sort());
  });

  it('changes no role when its audit entry cannot be written', async () => {
    const { ownerId, companyId, mateMemberId } = await teamOf('no-handover-uc');
    const audited = await auditActions(companyId);
    // An invalid clock breaks the audit entry, the last write, after both roles were changed.
    const deps: CompanyActionDependencies = { ...services(), now: () => new Date(Number.NaN) };
    await expect(
      createCompanyActions(deps).transferOwnership(
        { userId: ownerId },
        { slug: 'no-handover-uc', memberId: mateMemberId },
      ),
    ).rejects.toThrow(RangeError);
    expect(await rolesOf(companyId)).toEqual(['admin', 'owner']);
    expect((await services().companies.membership('no-handover-uc', ownerId))?.role).toBe('owner');
    expect(await auditActions(companyId)).toEqual(audited);
  });
});

describe('inviting into a company', () => {
  const invitationsOf = async (email: string) =>
    (await db().selectFrom('invitation').select(['status', 'role']).where('email', '=', email).execute()).map(
      (row) => `${row.status}:${row.role}`,
    );

  it('stores the invitation with its audit entry and its mail, and the invitee can accept it', async () => {
    const { user } = await companyWithOwner(server, 'inviting-uc');
    const ownerId = await userIdOf(user.email);
    const invitee = newUser('invitee-uc');
    const result = await createCompanyActions(services()).invite(
      { userId: ownerId },
      { slug: 'inviting-uc', email: invitee.email, role: 'admin' },
    );
    expect(result).toEqual({ kind: 'invited' });
    expect(await invitationsOf(invitee.email)).toEqual(['pending:admin']);
    const company = await services().companies.membership('inviting-uc', ownerId);
    expect(await auditActions(company!.companyId)).toEqual(['member-invited']);
    const mail = await server.smtp.waitFor(invitee.email, /invited to join inviting-uc Ltd/);
    const invitationId = new URL(linkIn(mail, `${server.url}/en/invitations/`)).pathname.split('/').pop();
    const client = server.client();
    await signUpAndVerify(server, client, invitee);
    expect((await client.post(`/en/invitations/${invitationId}/accept`, {})).status).toBe(303);
    expect((await client.get('/en/companies/inviting-uc')).status).toBe(200);
  });

  it('stores no invitation and no audit entry when its mail cannot be enqueued', async () => {
    const { user } = await companyWithOwner(server, 'uninviting-uc');
    const ownerId = await userIdOf(user.email);
    const email = newUser('never-invited-uc').email;
    const mailer = { ...services().mailer, sendIn: () => Promise.reject(new Error('The queue is down.')) };
    await expect(
      createCompanyActions({ ...services(), mailer }).invite(
        { userId: ownerId },
        { slug: 'uninviting-uc', email, role: 'member' },
      ),
    ).rejects.toThrow('The queue is down.');
    expect(await invitationsOf(email)).toEqual([]);
    const company = await services().companies.membership('uninviting-uc', ownerId);
    expect(await auditActions(company!.companyId)).toEqual([]);
  });
});

describe("an admin's decision on a concern", () => {
  /** A confirmed concern about a fresh certification, raised and confirmed through the use cases. */
  async function openConcern(slug: string) {
    const { certificationId } = await certifiedCompany(server, reviewers, slug);
    const email = `${slug}@example.test`;
    const actions = createConcernActions(services());
    const message = 'The device keeps sending data after the cloud is switched off.';
    const raised = await actions.raise({ certificationId, criterion: '', message, email, locale: 'en' });
    expect(raised).toEqual({ kind: 'raised' });
    const mail = await server.smtp.waitFor(email, /Confirm your concern/);
    const token = new URL(linkIn(mail, `${server.url}/en/concerns/confirm?token=`)).searchParams.get('token');
    expect(await actions.confirm(token ?? '', 'en')).toBe(true);
    const concern = await db()
      .selectFrom('concern')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const admin = await signedInUser(server, 'admin');
    const actor: Principal = { userId: admin.id, role: 'admin', twoFactorEnabled: true };
    return { certificationId, concernId: concern.id, email, actor };
  }

  const statusOf = async (concernId: string) => (await services().concerns.find(concernId))?.status;

  it('records the decision, its audit entry and the mail to the author together', async () => {
    const { certificationId, concernId, email, actor } = await openConcern('upheld-uc');
    const request = { concernId, decision: 'upheld' as const, note: 'The traffic was confirmed.' };
    const actions = createConcernActions(services());
    expect(await actions.decide(actor, request)).toEqual({ kind: 'decided' });
    expect(await actions.decide(actor, request)).toEqual({ kind: 'already-decided' });
    expect(await statusOf(concernId)).toBe('upheld');
    expect(await auditActions(certificationId)).toContain('concern-upheld');
    expect(await jobCount('mail', email)).toBe(2);
    await server.smtp.waitFor(email, /has been decided/);
  });

  it('leaves the concern open, unaudited and unmailed when its mail cannot be enqueued', async () => {
    const { certificationId, concernId, email, actor } = await openConcern('unruled-uc');
    const mailBefore = await jobCount('mail', email);
    // The mail is enqueued last, after the decision and its audit entry were written.
    const mailer = { ...services().mailer, sendIn: () => Promise.reject(new Error('The queue is down.')) };
    const deps: ConcernActionDependencies = { ...services(), mailer };
    await expect(
      createConcernActions(deps).decide(actor, {
        concernId,
        decision: 'rejected',
        note: 'No.',
      }),
    ).rejects.toThrow('The queue is down.');
    expect(await statusOf(concernId)).toBe('open');
    expect(await auditActions(certificationId)).not.toContain('concern-rejected');
    expect(await jobCount('mail', email)).toBe(mailBefore);
  });

  it('refuses anyone but an admin, as if the concern did not exist', async () => {
    const { concernId, actor } = await openConcern('refused-uc');
    const reviewer: Principal = { ...actor, role: 'reviewer' };
    const result = await createConcernActions(services()).decide(reviewer, {
      concernId,
      decision: 'upheld',
      note: 'Not mine to say.',
    });
    expect(result).toEqual({ kind: 'not-found' });
    expect(await statusOf(concernId)).toBe('open');
  });
});
