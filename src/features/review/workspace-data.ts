import type { AppServices } from '../../app/services';
import type { Principal } from '../../platform/auth/access';
import { decideStaffAccess } from '../applications/access-rules';
import { canApply } from '../applications/rules';
import { withRecommendedShare } from '../criteria/rules';
import { canSeeOtherReviews, reviewedEvaluation } from './rules';
import {
  carriedOver,
  carryFromCertified,
  carryOver,
  noCarry,
  roundCounts,
  type RoundCarry,
} from './carry-rules';
import { parseSnapshot } from '../applications';

/**
 * The application if this user may open its review workspace: an assigned reviewer or an admin, either
 * without a conflict of interest with its company (declared, or as its member). Everyone else gets
 * undefined, and so a 404, as if it did not exist.
 */
export async function loadForReview(
  services: AppServices,
  principal: Principal & { userId: string },
  applicationId: string,
) {
  const { applications, review, reviewers, criteria, products } = services;
  const application = await applications.find(applicationId);
  if (!application || application.status === 'draft') return undefined;
  const assignedIds = (await review.assignments(application.id)).map((row) => row.reviewerId);
  const assigned = assignedIds.includes(principal.userId);
  const conflicted = await reviewers.isConflicted(principal.userId, application.organization_id);
  if (!decideStaffAccess(principal, assigned, conflicted).allowed) return undefined;
  const pinned = criteria.versions.get(application.criteria_version);
  const product = await products.find(application.organization_id, application.product_id);
  if (!pinned || !product) return undefined;
  const version = withRecommendedShare(pinned, (await services.settings.review()).recommendedShare);
  // Admins see the workspace too, but only the assigned reviewers give verdicts.
  const editable = assigned && canApply(application.status, 'review');
  return { application, version, product, admin: principal.role === 'admin', assigned, editable };
}
export type ReviewTarget = NonNullable<Awaited<ReturnType<typeof loadForReview>>>;

/**
 * The certified application a first round was started from (an update of changed evidence, a renewal),
 * when its verdicts can carry over: certified, on the same criteria version. Undefined otherwise.
 */
async function certifiedSource(services: AppServices, application: ReviewTarget['application']) {
  if (application.round !== 1 || !application.source_application_id) return undefined;
  const source = await services.applications.find(application.source_application_id);
  if (source?.status !== 'certified' || source.criteria_version !== application.criteria_version)
    return undefined;
  return source;
}

/** A first round started from a certified application carries that application's final verdicts over. */
async function carryFromSource(
  services: AppServices,
  target: ReviewTarget,
  userId: string,
  after: ReturnType<typeof parseSnapshot>,
): Promise<{ carry: RoundCarry; fromCertified: boolean }> {
  const source = target.editable ? await certifiedSource(services, target.application) : undefined;
  if (!source) return { carry: noCarry, fromCertified: false };
  const [snapshot, finalRound, evidenceChanged] = await Promise.all([
    services.review.snapshot(source.id, source.round),
    services.review.round(source.id, source.round),
    services.evidence.changedCriteriaOf(source.id),
  ]);
  const carry = carryFromCertified({
    criteria: target.version.criteria,
    certified: parseSnapshot(snapshot),
    after,
    evidenceChanged,
    previous: finalRound.find((round) => round.reviewerId === userId),
  });
  return { carry, fromCertified: true };
}

/** Everything the workspace shows of an application, as this user may see it. */
export async function workspaceData(services: AppServices, target: ReviewTarget, userId: string) {
  const { applications, review, audit } = services;
  const { application, version } = target;
  const [answers, rounds, lastRound, messages, decisions, previous, current, history, settings] =
    await Promise.all([
      applications.answers(application.id),
      review.round(application.id, application.round),
      application.round > 1 ? review.round(application.id, application.round - 1) : [],
      review.messages(application.id),
      review.decisions(application.id),
      review.snapshot(application.id, application.round - 1),
      review.snapshot(application.id, application.round),
      audit.forApplication(application.id),
      services.settings.review(),
    ]);
  const own = rounds.find((round) => round.reviewerId === userId);
  const before = parseSnapshot(previous);
  const after = parseSnapshot(current);
  // Only the reviewer's own work carries over, and only into a form they can still change.
  const fromSource = await carryFromSource(services, target, userId, after);
  const carry = fromSource.fromCertified
    ? fromSource.carry
    : target.editable
      ? carryOver({
          criteria: version.criteria,
          round: application.round,
          before,
          after,
          messages,
          previous: lastRound.find((round) => round.reviewerId === userId),
        })
      : noCarry;
  return {
    ...target,
    userId,
    answers,
    rounds,
    messages,
    decisions,
    history,
    own,
    others: rounds.filter((round) => round.reviewerId !== userId),
    seeOthers: canSeeOtherReviews({ isAdmin: target.admin }, own),
    before,
    after,
    carry,
    /** The carry-over comes from the certified application this one was started from, not a last round. */
    fromCertified: fromSource.fromCertified,
    carried: carriedOver(carry, own),
    counts: roundCounts(version.criteria, carry, own),
    evaluation: reviewedEvaluation(
      version,
      new Map([...answers].map(([id, answer]) => [id, answer.status])),
      rounds,
    ),
    allSubmitted:
      rounds.length >= settings.reviewersPerApplication &&
      rounds.every((round) => round.recommendation !== null),
    // What the job worker found at the evidence links and the product's security.txt (features/evidence).
    evidence: await services.evidence.forApplication(application.id, target.product.web_page_url),
  };
}
export type WorkspaceData = Awaited<ReturnType<typeof workspaceData>>;
