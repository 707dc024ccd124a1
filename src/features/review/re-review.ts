import type { Logger } from 'pino';
import type { ConcernRow } from '../../platform/db/schema';
import { pickReviewers } from './rules';
import { isLocale, messagesFor, type Locale, type Messages } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import type { Mailer } from '../../platform/mail/mailer';
import type { AuditLog } from '../../platform/audit/store';
import type { ReReviewRepository } from './re-reviews-store';
import type { RegistryRepository } from '../registry';
import type { ReviewRepository } from './store';
import type { ReviewerRepository } from './reviewers-store';
import type { SettingsRepository } from '../../platform/settings/store';

export interface ReReviewDependencies {
  reReviews: ReReviewRepository;
  reviewers: ReviewerRepository;
  review: ReviewRepository;
  registry: RegistryRepository;
  settings: SettingsRepository;
  audit: AuditLog;
  mailer: Mailer;
  baseUrl: string;
  logger: Logger;
  now: () => Date;
}

/**
 * Opening re-reviews after a concern: fresh reviewers (none who reviewed the certified application, none
 * with a conflict) are asked for their opinions, and asked again when one leaves. Giving an opinion and
 * recording the outcome are use cases of their own (re-review-steps.ts). Each step is audited.
 */
export function createReReviewWorkflow(deps: ReReviewDependencies) {
  const { reReviews, audit } = deps;

  async function mail(
    to: { email: string; name: string; locale: string },
    compose: (m: Messages, locale: Locale) => { subject: string; body: string },
  ) {
    const locale: Locale = isLocale(to.locale) ? to.locale : 'en';
    const m = messagesFor(locale);
    const { subject, body } = compose(m, locale);
    await deps.mailer
      .send(composeMail(m, to.email, to.name, subject, body))
      .catch((error: unknown) => deps.logger.error({ err: error }, 're-review mail could not be sent'));
  }

  /**
   * Reviewers for a re-review of this certification, by load: never one who reviewed the certified
   * application, one with a conflict, or one already asked.
   */
  async function pick(
    certification: { application_id: string; organization_id: string },
    alreadyAsked: ReadonlySet<string>,
    count: number,
  ) {
    const [former, pool] = await Promise.all([
      deps.review.formerReviewers(certification.application_id),
      deps.reviewers.pool(),
    ]);
    const excluded = new Set([...former, ...alreadyAsked]);
    return { pool, picked: pickReviewers(pool, certification.organization_id, excluded, count) };
  }

  async function tellAssigned(
    pool: readonly { reviewerId: string; email: string; name: string; locale: string }[],
    picked: readonly string[],
    reReview: { id: string; productName: string },
  ) {
    for (const member of pool.filter((candidate) => picked.includes(candidate.reviewerId))) {
      await mail(member, (m, locale) => ({
        subject: m.reReview.assignedSubject(reReview.productName),
        body: m.reReview.assignedBody(
          reReview.productName,
          `${deps.baseUrl}/${locale}/review/re-reviews/${reReview.id}`,
        ),
      }));
    }
  }

  return {
    async open(
      concern: ConcernRow,
      adminId: string,
    ): Promise<'opened' | 'no-reviewers' | 'not-open' | 'not-found'> {
      const certification = await deps.registry.find(concern.certification_id);
      if (!certification) return 'not-found';
      const { reviewersPerApplication } = await deps.settings.review();
      const { pool, picked } = await pick(certification, new Set(), reviewersPerApplication);
      if (picked.length === 0) return 'no-reviewers';
      const id = await reReviews.open(concern.id, certification.id, picked, adminId, deps.now());
      if (!id) return 'not-open';
      await audit.append(
        {
          actorId: adminId,
          action: 're-review-opened',
          subjectId: certification.id,
          details: { concernId: concern.id, reviewers: picked },
        },
        deps.now(),
      );
      await tellAssigned(pool, picked, { id, productName: certification.product_name });
      return 'opened';
    },

    /** Brings an open re-review back to its number of reviewers after one left (their account was deleted). */
    async refill(id: string): Promise<number> {
      const reReview = await reReviews.find(id);
      if (reReview?.status !== 'open') return 0;
      const asked = new Set((await reReviews.opinions(id)).map((opinion) => opinion.reviewerId));
      const { reviewersPerApplication } = await deps.settings.review();
      const { pool, picked } = await pick(reReview, asked, reviewersPerApplication - asked.size);
      for (const reviewerId of picked) await reReviews.addReviewer(id, reviewerId, deps.now());
      if (picked.length > 0) {
        await audit.append(
          {
            actorId: null,
            action: 're-review-reassigned',
            subjectId: reReview.certification_id,
            details: { reReviewId: id, reviewers: picked },
          },
          deps.now(),
        );
      }
      await tellAssigned(pool, picked, { id, productName: reReview.product_name });
      return picked.length;
    },
  };
}

export type ReReviewWorkflow = ReturnType<typeof createReReviewWorkflow>;
