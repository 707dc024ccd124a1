import type { Kysely } from 'kysely';
import type { CriteriaCatalogue } from '../criteria';
import type { DialectName } from '../../platform/db/dialect';
import type { Database } from '../../platform/db/schema';
import type { Principal } from '../../platform/auth/access';
import { canApply, transition, type ApplicationStatus } from '../applications/rules';
import { withRecommendedShare } from '../criteria/rules';
import { checkDecision, reviewedEvaluation, type DecisionRefusal, type Outcome } from './rules';
import type { Locale } from '../../platform/i18n';
import type { MarkLinks } from '../../messages/en';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobQueue } from '../../platform/jobs/queue';
import { createApplicationRepository } from '../applications';
import { createAuditLog } from '../../platform/audit/store';
import { createCompanyRepository } from '../companies';
import { createProductRepository } from '../products';
import { staffApplication } from './staff-access';
import { createReviewRepository } from './store';
import type { ReviewSettings } from '../../platform/settings/store';
import { enqueueMails } from './notify';
import { mailTheAskers } from './questions-mail';

export const issueCertificationJob = 'certification.issue';
export const fillAssignmentsJob = 'review.fill-assignments';

export interface DecideDependencies {
  jobs: JobQueue;
  mailer: QueuedMailer;
  criteria: CriteriaCatalogue;
  settings: { review(): Promise<ReviewSettings> };
  dialect: DialectName;
  baseUrl: string;
  now: () => Date;
}

export interface DecideRequest {
  actor: Principal & { userId: string };
  applicationId: string;
  outcome: Outcome;
  rationale: string;
}

export type DecideResult =
  | { kind: 'decided' }
  /** Not there, a draft, or not this actor's to see: outsiders cannot tell these apart. */
  | { kind: 'not-found' }
  /** Decided meanwhile, or no longer in review. */
  | { kind: 'already-decided' }
  | { kind: 'refused'; refusal: DecisionRefusal };

const outcomeStatus: Record<Outcome, ApplicationStatus> = {
  certify: transition('in-review', 'certify'),
  'request-changes': transition('in-review', 'request-changes'),
  'not-certify': transition('in-review', 'not-certify'),
};

/**
 * Records a decision on an application, whoever calls it: access, the state, the decision rule, the
 * decision, its audit entry, the reviewers' questions as threads (on a request for changes) and every piece
 * of follow-up work — the company's mail, publication in the registry, the next assignments — are one
 * transaction. Publication and mail run afterwards as jobs, so the request answers once this commits.
 */
export async function decide(deps: DecideDependencies, request: DecideRequest): Promise<DecideResult> {
  // Program settings are read before the transaction: on SQLite it holds the only connection.
  const settings = await deps.settings.review();
  return deps.jobs.transaction(async (trx) => {
    const staff = await staffApplication(trx, request.actor, request.applicationId);
    if (!staff) return { kind: 'not-found' };
    const { application, assigned } = staff;
    const review = createReviewRepository(trx);
    const pinned = deps.criteria.versions.get(application.criteria_version);
    if (!pinned) return { kind: 'not-found' };
    if (!canApply(application.status as ApplicationStatus, 'review')) return { kind: 'already-decided' };

    const [answers, rounds] = await Promise.all([
      createApplicationRepository(trx).answers(application.id),
      review.round(application.id, application.round),
    ]);
    const version = withRecommendedShare(pinned, settings.recommendedShare);
    const refusal = checkDecision({
      outcome: request.outcome,
      actor: { isAdmin: request.actor.role === 'admin', isAssignedReviewer: assigned },
      rounds,
      reviewersNeeded: settings.reviewersPerApplication,
      evaluation: reviewedEvaluation(version, new Map([...answers].map(([id, a]) => [id, a.status])), rounds),
    });
    if (refusal) return { kind: 'refused', refusal };

    const now = deps.now();
    const decided = await review.decide({
      applicationId: application.id,
      round: application.round,
      outcome: request.outcome,
      to: outcomeStatus[request.outcome],
      rationale: request.rationale,
      decidedBy: request.actor.userId,
      now,
    });
    if (!decided) return { kind: 'already-decided' };
    await createAuditLog(trx).append(
      {
        actorId: request.actor.userId,
        action: request.outcome === 'request-changes' ? 'changes-requested' : 'decided',
        applicationId: application.id,
        details: { round: application.round, outcome: request.outcome },
        reason: request.rationale,
      },
      now,
    );
    const event = `decision:${application.id}:${application.round}`;
    if (request.outcome === 'request-changes') {
      const asked = await openThreads(trx, rounds, application.id, application.round, now);
      await mailTheAskers(trx, deps, application, asked);
    } else {
      // Deciding frees the reviewers for the next application in the queue.
      await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
    }
    const decision = { ...application, outcome: request.outcome, rationale: request.rationale };
    if (request.outcome === 'certify') {
      // The company hears of it with the links to its mark, once the mark is published.
      await deps.jobs.enqueue(trx, {
        kind: issueCertificationJob,
        payload: { applicationId: application.id, rationale: request.rationale, event },
        dedupeKey: `${event}:issue`,
      });
    } else {
      await mailTheCompany(trx, deps, decision, event);
    }
    return { kind: 'decided' };
  });
}

/**
 * Each reviewer's question on a criterion opens (or continues) that criterion's thread. Returns the
 * criteria each reviewer asked about.
 */
async function openThreads(
  trx: Kysely<Database>,
  rounds: Awaited<ReturnType<ReturnType<typeof createReviewRepository>['round']>>,
  applicationId: string,
  round: number,
  now: Date,
): Promise<Map<string, string[]>> {
  const review = createReviewRepository(trx);
  const asked = new Map<string, string[]>();
  for (const reviewerRound of rounds) {
    for (const [criterionId, comment] of reviewerRound.comments) {
      if (!comment || reviewerRound.verdicts.get(criterionId) === 'accepted') continue;
      asked.set(reviewerRound.reviewerId, [...(asked.get(reviewerRound.reviewerId) ?? []), criterionId]);
      await review.addMessage({
        applicationId,
        criterionId,
        round,
        author: { id: reviewerRound.reviewerId, name: reviewerRound.reviewerName },
        side: 'reviewer',
        body: comment,
        now,
      });
    }
  }
  return asked;
}

export async function mailTheCompany(
  trx: Kysely<Database>,
  deps: Pick<DecideDependencies, 'mailer' | 'baseUrl'>,
  decision: { id: string; organization_id: string; product_id: string; outcome: Outcome; rationale: string },
  event: string,
  certificationId?: string,
): Promise<void> {
  const [product, members, company] = await Promise.all([
    createProductRepository(trx).find(decision.organization_id, decision.product_id),
    createCompanyRepository(trx).members(decision.organization_id),
    createCompanyRepository(trx).find(decision.organization_id),
  ]);
  const name = product?.name ?? '';
  const url = (locale: Locale) => `${deps.baseUrl}/${locale}/applications/${decision.id}`;
  await enqueueMails(trx, deps.mailer, {
    kind: decision.outcome === 'request-changes' ? 'changes-requested' : 'decided',
    recipients: members,
    dedupeKey: event,
    compose: (m, locale) => {
      if (decision.outcome === 'request-changes')
        return {
          subject: m.reviewMail.changesSubject(name),
          body: m.reviewMail.changesBody(name, decision.rationale, url(locale)),
        };
      const kit =
        company && `${deps.baseUrl}/${locale}/companies/${company.slug}/products/${decision.product_id}/kit`;
      const mark = markLinks(deps.baseUrl, locale, certificationId, kit);
      const body =
        decision.outcome === 'certify'
          ? m.reviewMail.certifiedBody(name, decision.rationale, url(locale), mark)
          : m.reviewMail.notCertifiedBody(name, decision.rationale, url(locale));
      return { subject: m.reviewMail.decidedSubject(name), body };
    },
  });
}

/** Where the company finds its mark: the registry entry, the badge and QR code, the signed credential. */
export function markLinks(
  baseUrl: string,
  locale: Locale,
  certificationId: string | undefined,
  kit?: string,
): MarkLinks | undefined {
  if (!certificationId) return undefined;
  const entry = `${baseUrl}/${locale}/products/${certificationId}`;
  return { entry, code: `${entry}#mark`, credential: `${baseUrl}/credentials/${certificationId}`, kit };
}
