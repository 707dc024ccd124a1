import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/access';
import { assignReviewer, unassignReviewer } from '../../src/features/review/assignment';
import type { ReReviewDecisionDependencies } from '../../src/features/review/dependencies';
import { pauseReviews, resumeReviews } from '../../src/features/review/pause';
import { recordReview } from '../../src/features/review/record-review';
import { decideReReview, giveReReviewOpinion } from '../../src/features/review/re-review-steps';
import { companyWithOwner, signedInUser } from '../support/flows';
import type { HttpClient } from '../support/http';
import { certificationOf, decideAsAssigned, submittedProduct } from '../support/review';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Each review-side use case writes its rows, its audit entry and its follow-up work in one transaction:
 * a crash after its last step and before the commit leaves nothing of it, and the normal path leaves all.
 */
describe('the review use cases', () => {
  let server: TestServer;
  let deps: ReReviewDecisionDependencies;
  let crashing: ReReviewDecisionDependencies;
  let admin: Principal & { userId: string };
  const reviewers: { client: HttpClient; id: string }[] = [];
  const as = (userId: string, role: Principal['role']) => ({ userId, role, twoFactorEnabled: true });

  beforeAll(async () => {
    server = await startTestServer();
    for (let index = 0; index < 4; index++) reviewers.push(await signedInUser(server, 'reviewer'));
    admin = as((await signedInUser(server, 'admin')).id, 'admin');
    const { services, url } = server.running;
    deps = { ...services, dialect: services.database.dialect, baseUrl: url };
    // The same queue, whose transactions fail once the use case's work is done, before they commit.
    crashing = {
      ...deps,
      jobs: {
        ...deps.jobs,
        transaction: (work) =>
          deps.jobs.transaction(async (trx) => {
            await work(trx);
            throw new Error('the process died before the commit');
          }),
      },
    };
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.running.services.database.db;
  const auditOf = async (action: string, subject: { applicationId?: string; subjectId?: string }) =>
    (
      await db()
        .selectFrom('audit_event')
        .select('action')
        .where('action', '=', action)
        .$if(subject.applicationId !== undefined, (q) =>
          q.where('application_id', '=', subject.applicationId!),
        )
        .$if(subject.subjectId !== undefined, (q) => q.where('subject_id', '=', subject.subjectId!))
        .execute()
    ).length;
  const jobsMentioning = async (kind: string, text: string) =>
    (await db().selectFrom('job').select('payload').where('kind', '=', kind).execute()).filter((job) =>
      job.payload.includes(text),
    ).length;

  async function applicationInReview(slug: string) {
    const { owner, user } = await companyWithOwner(server, slug);
    const { applicationId } = await submittedProduct(server, owner, slug, { name: `${slug} lamp` });
    await server.running.jobs.drain();
    const assigned = (await server.running.services.review.assignments(applicationId)).map(
      (row) => row.reviewerId,
    );
    return { applicationId, assigned, ownerEmail: user.email };
  }

  it('records a submitted review, its verdicts and its audit entry together, or none of them', async () => {
    const { applicationId, assigned } = await applicationInReview('review-co');
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    const request = {
      actor: as(assigned[0]!, 'reviewer'),
      applicationId,
      round: 1,
      verdicts: criteria.map((criterion) => ({
        criterionId: criterion.id,
        verdict: 'accepted' as const,
        comment: '',
      })),
      review: { recommendation: 'certify' as const, rationale: 'All met.' },
    };
    const state = async () => ({
      reviews: (
        await db()
          .selectFrom('review')
          .select('reviewer_id')
          .where('application_id', '=', applicationId)
          .execute()
      ).length,
      verdicts: (
        await db()
          .selectFrom('verdict')
          .select('criterion_id')
          .where('application_id', '=', applicationId)
          .execute()
      ).length,
      audit: await auditOf('review-submitted', { applicationId }),
    });
    await expect(recordReview(crashing, request)).rejects.toThrow('before the commit');
    expect(await state()).toEqual({ reviews: 0, verdicts: 0, audit: 0 });
    expect(await recordReview(deps, request)).toEqual({ kind: 'submitted' });
    expect(await state()).toEqual({ reviews: 1, verdicts: criteria.length, audit: 1 });
    const outsider = reviewers.find((reviewer) => !assigned.includes(reviewer.id))!;
    expect(await recordReview(deps, { ...request, actor: as(outsider.id, 'reviewer') })).toEqual({
      kind: 'not-found',
    });
    expect(await recordReview(deps, { ...request, actor: admin })).toEqual({ kind: 'not-reviewable' });
  });

  it('assigns and unassigns with the audit entry, the reviewer mail and the refill job, or not at all', async () => {
    const { applicationId, assigned } = await applicationInReview('assign-co');
    const extra = reviewers.find((reviewer) => !assigned.includes(reviewer.id))!;
    const onIt = async () =>
      (await server.running.services.review.assignments(applicationId))
        .map((row) => row.reviewerId)
        .includes(extra.id);
    const assign = { actor: admin, applicationId, reviewerId: extra.id };
    const before = { mail: await jobsMentioning('mail', 'New review: assign-co lamp') };

    await expect(assignReviewer(crashing, assign)).rejects.toThrow('before the commit');
    expect([await onIt(), await auditOf('assigned', { applicationId, subjectId: extra.id })]).toEqual([
      false,
      0,
    ]);
    expect(await jobsMentioning('mail', 'New review: assign-co lamp')).toBe(before.mail);
    expect(await assignReviewer(deps, { ...assign, actor: as(extra.id, 'reviewer') })).toEqual({
      kind: 'not-found',
    });
    expect(await assignReviewer(deps, assign)).toEqual({ kind: 'assigned' });
    expect([await onIt(), await auditOf('assigned', { applicationId, subjectId: extra.id })]).toEqual([
      true,
      1,
    ]);
    expect(await jobsMentioning('mail', 'New review: assign-co lamp')).toBe(before.mail + 1);

    const unassign = { actor: admin, applicationId, change: { reviewerId: extra.id, reason: 'Too busy.' } };
    const refills = (
      await db().selectFrom('job').select('id').where('kind', '=', 'review.fill-assignments').execute()
    ).length;
    await expect(unassignReviewer(crashing, unassign)).rejects.toThrow('before the commit');
    expect([await onIt(), await auditOf('unassigned', { applicationId, subjectId: extra.id })]).toEqual([
      true,
      0,
    ]);
    expect(await unassignReviewer(deps, unassign)).toEqual({ kind: 'unassigned' });
    expect([await onIt(), await auditOf('unassigned', { applicationId, subjectId: extra.id })]).toEqual([
      false,
      1,
    ]);
    const after = (
      await db().selectFrom('job').select('id').where('kind', '=', 'review.fill-assignments').execute()
    ).length;
    expect(after).toBeGreaterThan(refills);
  });

  it('pauses and resumes with the notice, the audit entry and the mail to the waiting companies, or not at all', async () => {
    const settings = server.running.services.settings;
    const message = { en: 'Back on Monday.', de: 'Ab Montag wieder.' };
    await expect(pauseReviews(crashing, { actor: admin, message })).rejects.toThrow('before the commit');
    expect([(await settings.review()).paused, await auditOf('reviews-paused', {})]).toEqual([false, 0]);
    expect(await pauseReviews(deps, { actor: admin, message })).toEqual({ kind: 'paused' });
    expect((await settings.review()).pauseMessage).toEqual(message);
    expect(await auditOf('reviews-paused', {})).toBe(1);

    const { applicationId } = await applicationInReview('waiting-co');
    const resumedMail = () => jobsMentioning('mail', 'Trustmark reviews have resumed');
    await expect(resumeReviews(crashing, { actor: admin })).rejects.toThrow('before the commit');
    expect([
      (await settings.review()).paused,
      await auditOf('reviews-resumed', {}),
      await resumedMail(),
    ]).toEqual([true, 0, 0]);
    expect(await resumeReviews(deps, { actor: admin })).toEqual({ kind: 'resumed', waiting: 1 });
    expect([
      (await settings.review()).paused,
      await auditOf('reviews-resumed', {}),
      await resumedMail(),
    ]).toEqual([false, 1, 1]);
    expect(await resumeReviews(deps, { actor: admin })).toEqual({ kind: 'not-paused' });
    await server.running.jobs.drain();
    expect((await server.running.services.applications.find(applicationId))?.status).toBe('in-review');
  });

  it('records a re-review outcome, the revoked mark, the decided concern and their mail together, or none', async () => {
    const { owner } = await companyWithOwner(server, 'concern-co');
    const { applicationId } = await submittedProduct(server, owner, 'concern-co', { name: 'Concern Cam' });
    await server.running.jobs.drain();
    await decideAsAssigned(server, reviewers, applicationId, 'certify');
    const certificationId = await certificationOf(server, applicationId);
    const { concerns, reReviews, reReviewWorkflow } = server.running.services;
    const hash = createHash('sha256').update(certificationId).digest('hex');
    const concernId = await concerns.create(
      {
        certificationId,
        criterionId: 'SEC-02',
        message: 'Same default password on every unit.',
        email: 'worried@example.test',
        locale: 'en',
        confirmationHash: hash,
      },
      new Date(),
    );
    await concerns.confirm(hash, new Date());
    const concern = await concerns.find(concernId);
    expect(await reReviewWorkflow.open(concern!, admin.userId)).toBe('opened');
    const reReviewId = (await reReviews.forConcern(concernId))!.id;
    for (const opinion of await reReviews.opinions(reReviewId)) {
      const request = {
        actor: as(opinion.reviewerId, 'reviewer'),
        reReviewId,
        recommendation: 'revoke' as const,
        rationale: 'Shown.',
      };
      expect(await giveReReviewOpinion(deps, request)).toEqual({ kind: 'given' });
    }
    const state = async () => ({
      reReview: (await reReviews.find(reReviewId))?.status,
      certification: (
        await db()
          .selectFrom('certification')
          .select('status')
          .where('id', '=', certificationId)
          .executeTakeFirst()
      )?.status,
      concern: (await concerns.find(concernId))?.status,
      audit: await auditOf('re-review-decided', { subjectId: certificationId }),
      mail: await jobsMentioning('mail', 'worried@example.test'),
    });
    const before = await state();
    const request = {
      actor: admin,
      reReviewId,
      outcome: 'revoke' as const,
      statement: 'The default password is shared.',
    };
    await expect(decideReReview(crashing, request)).rejects.toThrow('before the commit');
    expect(await state()).toEqual(before);
    expect(await decideReReview(deps, request)).toEqual({ kind: 'decided' });
    expect(await state()).toEqual({
      reReview: 'decided',
      certification: 'revoked',
      concern: 'upheld',
      audit: 1,
      mail: before.mail + 1,
    });
    expect(await decideReReview(deps, request)).toEqual({ kind: 'already-decided' });
  });
});
