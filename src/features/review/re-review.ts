import type { Kysely } from 'kysely';
import type { DialectName } from '../../platform/db/dialect';
import type { ConcernRow, Database } from '../../platform/db/schema';
import { pickReviewers } from './rules';
import { isLocale, messagesFor, type Locale } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobQueue } from '../../platform/jobs/queue';
import { createAuditLog } from '../../platform/audit/store';
import { createReReviewRepository } from './re-reviews-store';
import { createRegistryRepository } from '../registry';
import { createReviewRepository } from './store';
import { createReviewerRepository, type PoolMember } from './reviewers-store';
import type { SettingsRepository } from '../../platform/settings/store';

export interface ReReviewDependencies {
  dialect: DialectName;
  settings: SettingsRepository;
  jobs: JobQueue;
  mailer: QueuedMailer;
  baseUrl: string;
  now: () => Date;
}

/**
 * Opening re-reviews after a concern: fresh reviewers (none who reviewed the certified application, none
 * with a conflict) are asked for their opinions, and asked again when one leaves. Giving an opinion and
 * recording the outcome are use cases of their own (re-review-steps.ts). Each step is one transaction:
 * its rows, its audit entry and the mail to the reviewers asked.
 */
export function createReReviewWorkflow(deps: ReReviewDependencies) {
  /**
   * Reviewers for a re-review of this certification, by load: never one who reviewed the certified
   * application, one with a conflict, or one already asked.
   */
  async function pick(
    trx: Kysely<Database>,
    certification: { application_id: string; organization_id: string },
    alreadyAsked: ReadonlySet<string>,
    count: number,
  ) {
    const former = await createReviewRepository(trx).formerReviewers(certification.application_id);
    const pool = await createReviewerRepository(trx).pool();
    const excluded = new Set([...former, ...alreadyAsked]);
    return { pool, picked: pickReviewers(pool, certification.organization_id, excluded, count) };
  }

  async function tellAssigned(
    trx: Kysely<Database>,
    pool: readonly PoolMember[],
    picked: readonly string[],
    reReview: { id: string; productName: string },
  ) {
    for (const member of pool.filter((candidate) => picked.includes(candidate.reviewerId))) {
      const locale: Locale = isLocale(member.locale) ? member.locale : 'en';
      const m = messagesFor(locale);
      const link = `${deps.baseUrl}/${locale}/review/re-reviews/${reReview.id}`;
      await deps.mailer.sendIn(
        trx,
        composeMail(
          m,
          member.email,
          member.name,
          m.reReview.assignedSubject(reReview.productName),
          m.reReview.assignedBody(reReview.productName, link),
        ),
        `re-review:${reReview.id}:${member.reviewerId}`,
      );
    }
  }

  return {
    async open(
      concern: ConcernRow,
      adminId: string,
    ): Promise<'opened' | 'no-reviewers' | 'not-open' | 'not-found'> {
      // Program settings are read before the transaction: on SQLite it holds the only connection.
      const { reviewersPerApplication } = await deps.settings.review();
      return deps.jobs.transaction(async (trx) => {
        const certification = await createRegistryRepository(trx, deps.dialect).find(
          concern.certification_id,
        );
        if (!certification) return 'not-found';
        const { pool, picked } = await pick(trx, certification, new Set(), reviewersPerApplication);
        if (picked.length === 0) return 'no-reviewers';
        const now = deps.now();
        const id = await createReReviewRepository(trx).open(
          concern.id,
          certification.id,
          picked,
          adminId,
          now,
        );
        if (!id) return 'not-open';
        await createAuditLog(trx).append(
          {
            actorId: adminId,
            action: 're-review-opened',
            subjectId: certification.id,
            details: { concernId: concern.id, reviewers: picked },
          },
          now,
        );
        await tellAssigned(trx, pool, picked, { id, productName: certification.product_name });
        return 'opened';
      });
    },

    /** Brings an open re-review back to its number of reviewers after one left (their account was deleted). */
    async refill(id: string): Promise<number> {
      const { reviewersPerApplication } = await deps.settings.review();
      return deps.jobs.transaction(async (trx) => {
        const reReviews = createReReviewRepository(trx);
        const reReview = await reReviews.find(id);
        if (reReview?.status !== 'open') return 0;
        const asked = new Set((await reReviews.opinions(id)).map((opinion) => opinion.reviewerId));
        const { pool, picked } = await pick(trx, reReview, asked, reviewersPerApplication - asked.size);
        if (picked.length === 0) return 0;
        const now = deps.now();
        for (const reviewerId of picked) await reReviews.addReviewer(id, reviewerId, now);
        await createAuditLog(trx).append(
          {
            actorId: null,
            action: 're-review-reassigned',
            subjectId: reReview.certification_id,
            details: { reReviewId: id, reviewers: picked },
          },
          now,
        );
        await tellAssigned(trx, pool, picked, { id, productName: reReview.product_name });
        return picked.length;
      });
    },
  };
}

export type ReReviewWorkflow = ReturnType<typeof createReReviewWorkflow>;
