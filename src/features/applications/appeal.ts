import { createAuditLog } from '../../platform/audit/store';
import { fillAssignmentsJob, createReviewRepository } from '../review';
import { mailQueued } from './action-mail';
import {
  manageable,
  type AccessRefusal,
  type ApplicantActionDependencies,
  type ApplicantActionRequest,
} from './manage-access';
import { canAppeal } from './rules';
import { snapshotOf } from './snapshot';
import { createApplicationRepository } from './store';

export type AppealResult =
  | { kind: 'appealed'; round: number }
  /** Not "not certified", or appealed before: an application is appealed once. */
  | { kind: 'not-possible' }
  /** Everything allowed the appeal but the form: the page shows the form's errors. */
  | { kind: 'invalid' }
  | AccessRefusal;

export interface AppealRequest extends ApplicantActionRequest {
  /**
   * The company's reasons, or undefined when the form did not parse: who may appeal is answered first, so
   * a form error tells an outsider nothing.
   */
  reasons: string | undefined;
}

/**
 * The company appeals a "not certified" decision: the reasons, a new round with its snapshot, the audit
 * entry, the company's confirmation and the job that assigns reviewers who took no part are one transaction.
 */
export async function appeal(
  deps: ApplicantActionDependencies,
  request: AppealRequest,
): Promise<AppealResult> {
  // Program settings are read before the transaction: on SQLite it holds the only connection.
  const { paused } = await deps.settings.review();
  return deps.jobs.transaction(async (trx) => {
    // Only the company's own people learn that the application exists here.
    const access = await manageable(trx, request, 'not-found');
    if (access.kind !== 'manageable') return access;
    const { application } = access;
    if (!canAppeal({ status: application.status, appealedAt: application.appealed_at }))
      return { kind: 'not-possible' };
    if (request.reasons === undefined) return { kind: 'invalid' };
    const now = deps.now();
    const answers = await createApplicationRepository(trx).answers(application.id);
    const round = await createReviewRepository(trx).appeal(
      application.id,
      request.reasons,
      snapshotOf(answers),
      now,
    );
    if (round === undefined) return { kind: 'not-possible' };
    await createAuditLog(trx).append(
      {
        actorId: request.actor.userId,
        action: 'appealed',
        applicationId: application.id,
        details: { round },
        reason: request.reasons,
      },
      now,
    );
    await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
    await mailQueued(trx, deps, {
      application,
      paused,
      event: `appealed:${application.id}`,
      wording: (m) => ({ subject: m.reviewMail.appealSubject, body: m.reviewMail.appealBody }),
    });
    return { kind: 'appealed', round };
  });
}
