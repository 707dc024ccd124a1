import { inTransaction } from '../../platform/db/transaction';
import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { ApplicationStatus } from '../applications/rules';
import { isOutcome, isVerdict, type Outcome, type ReviewerRound, type Verdict } from './rules';
import type { ApplicationTable, Database } from '../../platform/db/schema';
import { createReviewRecordRepository } from './records-store';

/** Applications a reviewer is working on: they count against the reviewer's capacity. */
export const openReviewStatuses: ApplicationStatus[] = ['submitted', 'in-review', 'changes-requested'];

export interface VerdictInput {
  criterionId: string;
  verdict: Verdict;
  comment: string;
}

export interface ReviewRecord extends ReviewerRound {
  reviewerName: string;
  rationale: string;
  submittedAt: string | null;
  comments: ReadonlyMap<string, string>;
}

export interface QueueEntry {
  id: string;
  submittedAt: string;
  productName: string;
  companyId: string;
  companyName: string;
  status: ApplicationStatus;
  assigned: number;
  /** Set when this is the company's appeal of a "not certified" decision. */
  appealedAt: string | null;
}

/**
 * Touches the application while it is in review in `round`, inside the caller's transaction: a stale
 * form (after a decision, or once a new round began) changes nothing.
 */
async function lockRound(trx: Kysely<Database>, applicationId: string, round: number, now: Date) {
  const current = await trx
    .updateTable('application')
    .set({ updated_at: now.toISOString() })
    .where('id', '=', applicationId)
    .where('status', '=', 'in-review')
    .where('round', '=', round)
    .executeTakeFirst();
  return Number(current.numUpdatedRows) === 1;
}

/** Assignments, reviews, verdicts, clarification threads, round snapshots and decisions. */
/**
 * Moves an application from `from` into its next round, inside the caller's transaction and only if
 * nobody moved it first, and keeps the answers as they stand for the next round's diff.
 */
async function nextRound(
  trx: Kysely<Database>,
  input: {
    applicationId: string;
    from: ApplicationStatus;
    /** Only an application that has not been appealed before. */
    notAppealed?: boolean;
    set: Updateable<ApplicationTable>;
    snapshot: string;
    now: Date;
  },
): Promise<number | undefined> {
  const at = input.now.toISOString();
  let current = trx
    .selectFrom('application')
    .select(['round'])
    .where('id', '=', input.applicationId)
    .where('status', '=', input.from);
  if (input.notAppealed) current = current.where('appealed_at', 'is', null);
  const application = await current.executeTakeFirst();
  if (!application) return undefined;
  const round = application.round + 1;
  const moved = await trx
    .updateTable('application')
    .set({ ...input.set, round, updated_at: at })
    .where('id', '=', input.applicationId)
    .where('status', '=', input.from)
    .where('round', '=', application.round)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return undefined;
  await trx
    .insertInto('round_snapshot')
    .values({ application_id: input.applicationId, round, answers: input.snapshot, created_at: at })
    .execute();
  return round;
}

export function createReviewRepository(db: Kysely<Database>) {
  const applicationsWithNames = () =>
    db
      .selectFrom('application')
      .innerJoin('product', 'product.id', 'application.product_id')
      .innerJoin('organization', 'organization.id', 'application.organization_id');

  return {
    /** Applications waiting for reviewers, or still short of them, oldest submission first. */
    async openApplications(): Promise<QueueEntry[]> {
      const rows = await applicationsWithNames()
        .leftJoin('assignment', 'assignment.application_id', 'application.id')
        .select((eb) => [
          'application.id as id',
          'application.submitted_at as submittedAt',
          'application.status as status',
          'application.appealed_at as appealedAt',
          'product.name as productName',
          'organization.id as companyId',
          'organization.name as companyName',
          eb.fn.count<number>('assignment.reviewer_id').as('assigned'),
        ])
        .where('application.status', 'in', openReviewStatuses)
        .groupBy([
          'application.id',
          'application.submitted_at',
          'application.status',
          'application.appealed_at',
          'product.name',
          'organization.id',
          'organization.name',
        ])
        .orderBy('application.submitted_at')
        .orderBy('application.id')
        .execute();
      return rows.map((row) => ({
        ...row,
        submittedAt: row.submittedAt ?? '',
        status: row.status as ApplicationStatus,
        assigned: Number(row.assigned),
      }));
    },

    async assignedTo(reviewerId: string) {
      return applicationsWithNames()
        .innerJoin('assignment', 'assignment.application_id', 'application.id')
        .select([
          'application.id as id',
          'application.status as status',
          'application.round as round',
          'application.submitted_at as submittedAt',
          'product.name as productName',
          'organization.name as companyName',
        ])
        .where('assignment.reviewer_id', '=', reviewerId)
        .orderBy('application.submitted_at', 'desc')
        .execute();
    },

    async assignments(applicationId: string) {
      return db
        .selectFrom('assignment')
        .innerJoin('user', 'user.id', 'assignment.reviewer_id')
        .select([
          'assignment.reviewer_id as reviewerId',
          'user.name as name',
          'user.email as email',
          'assignment.assigned_by as assignedBy',
          'assignment.assigned_at as assignedAt',
        ])
        .where('assignment.application_id', '=', applicationId)
        .orderBy('assignment.assigned_at')
        .execute();
    },

    /** Adds an assignment; false if the reviewer was already on the application. */
    async assign(applicationId: string, reviewerId: string, by: string | null, now: Date): Promise<boolean> {
      const result = await db
        .insertInto('assignment')
        .values({
          application_id: applicationId,
          reviewer_id: reviewerId,
          assigned_by: by,
          assigned_at: now.toISOString(),
        })
        .onConflict((conflict) => conflict.columns(['application_id', 'reviewer_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async unassign(applicationId: string, reviewerId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('assignment')
        .where('application_id', '=', applicationId)
        .where('reviewer_id', '=', reviewerId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** The reviews of one round by the currently assigned reviewers, submitted or not. */
    async round(applicationId: string, round: number): Promise<ReviewRecord[]> {
      const [assigned, reviews, verdictRows] = await Promise.all([
        this.assignments(applicationId),
        db
          .selectFrom('review')
          .selectAll()
          .where('application_id', '=', applicationId)
          .where('round', '=', round)
          .execute(),
        db
          .selectFrom('verdict')
          .selectAll()
          .where('application_id', '=', applicationId)
          .where('round', '=', round)
          .execute(),
      ]);
      return assigned.map((reviewer) => {
        const review = reviews.find((row) => row.reviewer_id === reviewer.reviewerId);
        const own = verdictRows.filter((row) => row.reviewer_id === reviewer.reviewerId);
        return {
          reviewerId: reviewer.reviewerId,
          reviewerName: reviewer.name,
          recommendation:
            review?.submitted_at && isOutcome(review.recommendation) ? review.recommendation : null,
          rationale: review?.rationale ?? '',
          submittedAt: review?.submitted_at ?? null,
          verdicts: new Map(
            own
              .filter((row) => isVerdict(row.verdict))
              .map((row) => [row.criterion_id, row.verdict as Verdict]),
          ),
          comments: new Map(own.map((row) => [row.criterion_id, row.comment])),
        };
      });
    },

    /**
     * Saves a reviewer's verdicts for the round, only while the application is in review in that round
     * (a stale form after a decision or a new round changes nothing); false when it no longer is.
     */
    async saveVerdicts(
      applicationId: string,
      reviewerId: string,
      round: number,
      entries: readonly VerdictInput[],
      now: Date,
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        if (!(await lockRound(trx, applicationId, round, now))) return false;
        for (const entry of entries) {
          await trx
            .insertInto('verdict')
            .values({
              application_id: applicationId,
              reviewer_id: reviewerId,
              round,
              criterion_id: entry.criterionId,
              verdict: entry.verdict,
              comment: entry.comment,
              updated_at: now.toISOString(),
            })
            .onConflict((conflict) =>
              conflict.columns(['application_id', 'reviewer_id', 'round', 'criterion_id']).doUpdateSet({
                verdict: entry.verdict,
                comment: entry.comment,
                updated_at: now.toISOString(),
              }),
            )
            .execute();
        }
        return true;
      });
    },

    /** Records (or, while reconciling, revises) a reviewer's recommendation for the round. */
    async submitReview(
      applicationId: string,
      reviewerId: string,
      round: number,
      recommendation: Outcome,
      rationale: string,
      now: Date,
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        if (!(await lockRound(trx, applicationId, round, now))) return false;
        const at = now.toISOString();
        await trx
          .insertInto('review')
          .values({
            application_id: applicationId,
            reviewer_id: reviewerId,
            round,
            recommendation,
            rationale,
            submitted_at: at,
            updated_at: at,
          })
          .onConflict((conflict) =>
            conflict
              .columns(['application_id', 'reviewer_id', 'round'])
              .doUpdateSet({ recommendation, rationale, submitted_at: at, updated_at: at }),
          )
          .execute();
        return true;
      });
    },

    /**
     * Records a decision and moves the application to its outcome in one transaction. Of two people
     * deciding at once, the second finds the application no longer in review and changes nothing.
     */
    async decide(input: {
      applicationId: string;
      round: number;
      outcome: Outcome;
      to: ApplicationStatus;
      rationale: string;
      decidedBy: string;
      now: Date;
    }): Promise<boolean> {
      const at = input.now.toISOString();
      return inTransaction(db, async (trx) => {
        const moved = await trx
          .updateTable('application')
          .set({
            status: input.to,
            updated_at: at,
            ...(input.outcome === 'request-changes' ? {} : { decided_at: at }),
          })
          .where('id', '=', input.applicationId)
          .where('status', '=', 'in-review')
          .where('round', '=', input.round)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) return false;
        await trx
          .insertInto('decision')
          .values({
            id: randomUUID(),
            application_id: input.applicationId,
            round: input.round,
            outcome: input.outcome,
            rationale: input.rationale,
            decided_by: input.decidedBy,
            decided_at: at,
          })
          .execute();
        return true;
      });
    },

    /** Starts the next round after the applicant's changes; false if the application was not waiting for them. */
    async resubmit(applicationId: string, snapshot: string, now: Date): Promise<number | undefined> {
      return inTransaction(db, (trx) =>
        nextRound(trx, {
          applicationId,
          from: 'changes-requested',
          set: { status: 'in-review' },
          snapshot,
          now,
        }),
      );
    },

    /**
     * The company appeals a "not certified" decision (once): a new round in the queue, with the reasons
     * kept, and without the reviewers of the decision. Undefined when it is not (or no longer) possible.
     */
    async appeal(
      applicationId: string,
      reason: string,
      snapshot: string,
      now: Date,
    ): Promise<number | undefined> {
      const at = now.toISOString();
      return inTransaction(db, async (trx) => {
        const round = await nextRound(trx, {
          applicationId,
          from: 'not-certified',
          notAppealed: true,
          set: {
            status: 'submitted',
            appeal_reason: reason,
            appealed_at: at,
            submitted_at: at,
            decided_at: null,
          },
          snapshot,
          now,
        });
        if (round !== undefined) {
          await trx.deleteFrom('assignment').where('application_id', '=', applicationId).execute();
        }
        return round;
      });
    },

    /** Everyone who reviewed the application in any round: none of them may decide its appeal. */
    async formerReviewers(applicationId: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('review')
        .select('reviewer_id')
        .distinct()
        .where('application_id', '=', applicationId)
        .execute();
      return new Set(rows.map((row) => row.reviewer_id));
    },

    // Snapshots, threads, decisions and the figures: what the review keeps of each round.
    ...createReviewRecordRepository(db),
  };
}

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
