import { inTransaction } from '../../platform/db/transaction';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { ReReviewOutcome } from './re-review-rules';

export interface ReReviewOpinion {
  reviewerId: string;
  reviewerName: string;
  recommendation: ReReviewOutcome | null;
  rationale: string;
  submittedAt: string | null;
}

/** Re-reviews after concerns: who was asked, what they think, and the outcome. */
export function createReReviewRepository(db: Kysely<Database>) {
  const withContext = () =>
    db
      .selectFrom('re_review')
      .innerJoin('concern', 'concern.id', 're_review.concern_id')
      .innerJoin('certification', 'certification.id', 're_review.certification_id')
      .selectAll('re_review')
      .select([
        'concern.criterion_id',
        'concern.message',
        'certification.product_name',
        'certification.company_name',
        'certification.organization_id',
        'certification.application_id',
        'certification.status as certification_status',
      ]);

  return {
    /**
     * Opens a re-review of an open concern with the given reviewers; undefined when the concern is no
     * longer open (decided, or a re-review was opened by someone else first).
     */
    async open(
      concernId: string,
      certificationId: string,
      reviewerIds: readonly string[],
      adminId: string,
      now: Date,
    ): Promise<string | undefined> {
      const at = now.toISOString();
      const id = randomUUID();
      return inTransaction(db, async (trx) => {
        const moved = await trx
          .updateTable('concern')
          .set({ status: 're-review' })
          .where('id', '=', concernId)
          .where('status', '=', 'open')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) return undefined;
        await trx
          .insertInto('re_review')
          .values({
            id,
            concern_id: concernId,
            certification_id: certificationId,
            status: 'open',
            opened_by: adminId,
            opened_at: at,
          })
          .execute();
        for (const reviewerId of reviewerIds) {
          await trx
            .insertInto('re_review_opinion')
            .values({ re_review_id: id, reviewer_id: reviewerId, assigned_at: at })
            .execute();
        }
        return id;
      });
    },

    find(id: string) {
      return withContext().where('re_review.id', '=', id).executeTakeFirst();
    },

    forConcern(concernId: string) {
      return withContext().where('re_review.concern_id', '=', concernId).executeTakeFirst();
    },

    /** The open re-reviews a reviewer was asked for. */
    forReviewer(reviewerId: string) {
      return withContext()
        .innerJoin('re_review_opinion', 're_review_opinion.re_review_id', 're_review.id')
        .select(['re_review_opinion.submitted_at as own_submitted_at'])
        .where('re_review_opinion.reviewer_id', '=', reviewerId)
        .where('re_review.status', '=', 'open')
        .orderBy('re_review.opened_at')
        .execute();
    },

    async opinions(id: string): Promise<ReReviewOpinion[]> {
      const rows = await db
        .selectFrom('re_review_opinion')
        .leftJoin('user', 'user.id', 're_review_opinion.reviewer_id')
        .select([
          're_review_opinion.reviewer_id',
          'user.name',
          're_review_opinion.recommendation',
          're_review_opinion.rationale',
          're_review_opinion.submitted_at',
        ])
        .where('re_review_opinion.re_review_id', '=', id)
        .orderBy('re_review_opinion.assigned_at')
        .execute();
      return rows.map((row) => ({
        reviewerId: row.reviewer_id,
        reviewerName: row.name ?? '',
        recommendation: row.recommendation as ReReviewOutcome | null,
        rationale: row.rationale,
        submittedAt: row.submitted_at,
      }));
    },

    /** Records an assigned reviewer's opinion while the re-review is open; false otherwise. */
    async submitOpinion(
      id: string,
      reviewerId: string,
      recommendation: ReReviewOutcome,
      rationale: string,
      now: Date,
    ): Promise<boolean> {
      const open = await db
        .selectFrom('re_review')
        .select('id')
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (!open) return false;
      const result = await db
        .updateTable('re_review_opinion')
        .set({ recommendation, rationale, submitted_at: now.toISOString() })
        .where('re_review_id', '=', id)
        .where('reviewer_id', '=', reviewerId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Takes a reviewer off the open re-reviews they have not given an opinion on yet (their account is
     * going); returns those re-reviews, which need someone else.
     */
    async withdrawReviewer(reviewerId: string): Promise<string[]> {
      const pending = await db
        .selectFrom('re_review_opinion')
        .innerJoin('re_review', 're_review.id', 're_review_opinion.re_review_id')
        .select('re_review.id')
        .where('re_review_opinion.reviewer_id', '=', reviewerId)
        .where('re_review_opinion.submitted_at', 'is', null)
        .where('re_review.status', '=', 'open')
        .execute();
      const ids = pending.map((row) => row.id);
      if (ids.length > 0) {
        await db
          .deleteFrom('re_review_opinion')
          .where('reviewer_id', '=', reviewerId)
          .where('re_review_id', 'in', ids)
          .where('submitted_at', 'is', null)
          .execute();
      }
      return ids;
    },

    async addReviewer(id: string, reviewerId: string, now: Date): Promise<void> {
      await db
        .insertInto('re_review_opinion')
        .values({ re_review_id: id, reviewer_id: reviewerId, assigned_at: now.toISOString() })
        .onConflict((conflict) => conflict.columns(['re_review_id', 'reviewer_id']).doNothing())
        .execute();
    },

    /** Records the outcome once; false when it was decided already. */
    async decide(
      id: string,
      outcome: ReReviewOutcome,
      statement: string,
      adminId: string,
      now: Date,
    ): Promise<boolean> {
      const result = await db
        .updateTable('re_review')
        .set({ status: 'decided', outcome, statement, decided_by: adminId, decided_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type ReReviewRepository = ReturnType<typeof createReReviewRepository>;
