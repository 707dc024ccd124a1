import type { Principal } from '../../platform/auth/access';
import { createAuditLog } from '../../platform/audit/store';
import { isLocale, messagesFor } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import { decideStaffAccess } from '../applications/access-rules';
import { createConcernRepository } from '../concerns';
import type { ReReviewDecisionDependencies, ReviewDependencies } from './dependencies';
import {
  certificationActionFor,
  concernDecisionFor,
  opinionsComplete,
  type ReReviewOutcome,
} from './re-review-rules';
import { createReReviewRepository } from './re-reviews-store';
import { createReviewerRepository } from './reviewers-store';

type Actor = Principal & { userId: string };

/**
 * A reviewer asked for a re-review gives (or revises) their opinion: access, the state, the opinion and
 * its audit entry are one transaction.
 */
export async function giveReReviewOpinion(
  deps: Pick<ReviewDependencies, 'jobs' | 'now'>,
  request: { actor: Actor; reReviewId: string; recommendation: ReReviewOutcome; rationale: string },
): Promise<{ kind: 'given' } | { kind: 'not-found' } | { kind: 'closed' }> {
  const { actor, recommendation, rationale } = request;
  return deps.jobs.transaction(async (trx) => {
    const reReviews = createReReviewRepository(trx);
    const reReview = await reReviews.find(request.reReviewId);
    if (!reReview) return { kind: 'not-found' };
    const asked = (await reReviews.opinions(reReview.id)).some((row) => row.reviewerId === actor.userId);
    const conflicted = await createReviewerRepository(trx).isConflicted(
      actor.userId,
      reReview.organization_id,
    );
    if (!asked || !decideStaffAccess(actor, true, conflicted).allowed) return { kind: 'not-found' };
    const now = deps.now();
    if (!(await reReviews.submitOpinion(reReview.id, actor.userId, recommendation, rationale, now)))
      return { kind: 'closed' };
    await createAuditLog(trx).append(
      {
        actorId: actor.userId,
        action: 're-review-opinion',
        subjectId: reReview.id,
        details: { recommendation },
        reason: rationale,
      },
      now,
    );
    return { kind: 'given' };
  });
}

export type ReReviewDecisionResult =
  | { kind: 'decided' }
  | { kind: 'not-found' }
  /** Not every reviewer asked has given their opinion yet. */
  | { kind: 'incomplete' }
  | { kind: 'already-decided' };

/**
 * An admin records a re-review's outcome with a public statement: the outcome, the change to the mark
 * (suspended or revoked, with the company's mail), the concern's decision, the audit entries and the mail
 * to the person who raised the concern are one transaction. The badge, credential and transparency log
 * catch up once it has committed.
 */
export async function decideReReview(
  deps: Pick<ReReviewDecisionDependencies, 'jobs' | 'mailer' | 'lifecycle' | 'baseUrl' | 'now'>,
  request: { actor: Actor; reReviewId: string; outcome: ReReviewOutcome; statement: string },
): Promise<ReReviewDecisionResult> {
  const { actor, outcome, statement } = request;
  if (actor.role !== 'admin') return { kind: 'not-found' };
  const result = await deps.jobs.transaction(async (trx) => {
    const reReviews = createReReviewRepository(trx);
    const reReview = await reReviews.find(request.reReviewId);
    if (!reReview) return { kind: 'not-found' } as const;
    if (!opinionsComplete(await reReviews.opinions(reReview.id), 1)) return { kind: 'incomplete' } as const;
    const now = deps.now();
    if (!(await reReviews.decide(reReview.id, outcome, statement, actor.userId, now)))
      return { kind: 'already-decided' } as const;
    const action = certificationActionFor(outcome);
    const certificationId = reReview.certification_id;
    const changed =
      action !== undefined &&
      (await deps.lifecycle.changeIn(trx, certificationId, action, statement, actor.userId, now));
    const concerns = createConcernRepository(trx);
    const decision = concernDecisionFor(outcome);
    await concerns.decide(reReview.concern_id, decision, statement, actor.userId, now, 're-review');
    await createAuditLog(trx).append(
      {
        actorId: actor.userId,
        action: 're-review-decided',
        subjectId: certificationId,
        details: { reReviewId: reReview.id, outcome },
        reason: statement,
      },
      now,
    );
    const concern = await concerns.find(reReview.concern_id);
    if (concern) {
      const locale = isLocale(concern.locale) ? concern.locale : 'en';
      const m = messagesFor(locale);
      const product = reReview.product_name;
      const body = m.concerns.outcomeBody(
        product,
        m.reReview.outcomes[outcome] ?? outcome,
        statement,
        `${deps.baseUrl}/${locale}/products/${certificationId}`,
      );
      await deps.mailer.sendIn(
        trx,
        composeMail(m, concern.email, '', m.concerns.outcomeSubject(product), body),
        `re-review-decided:${reReview.id}`,
      );
    }
    return { kind: 'decided', certificationId, changed } as const;
  });
  if (result.kind !== 'decided') return result;
  if (result.changed) deps.lifecycle.announce([result.certificationId]);
  return { kind: 'decided' };
}
