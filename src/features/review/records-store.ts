import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClarificationMessageRow, Database, DecisionRow } from '../../platform/db/schema';

/**
 * What the review keeps of each application: the answers as each round began, the threads on criteria,
 * the decisions, and the times the figures are made of. Part of the review repository (store.ts).
 */
export function createReviewRecordRepository(db: Kysely<Database>) {
  return {
    async saveSnapshot(applicationId: string, round: number, snapshot: string, now: Date): Promise<void> {
      await db
        .insertInto('round_snapshot')
        .values({ application_id: applicationId, round, answers: snapshot, created_at: now.toISOString() })
        .onConflict((conflict) =>
          conflict.columns(['application_id', 'round']).doUpdateSet({ answers: snapshot }),
        )
        .execute();
    },

    async snapshot(applicationId: string, round: number): Promise<string | undefined> {
      const row = await db
        .selectFrom('round_snapshot')
        .select('answers')
        .where('application_id', '=', applicationId)
        .where('round', '=', round)
        .executeTakeFirst();
      return row?.answers;
    },

    messages(applicationId: string): Promise<ClarificationMessageRow[]> {
      return db
        .selectFrom('clarification_message')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    async addMessage(input: {
      applicationId: string;
      criterionId: string;
      round: number;
      author: { id: string; name: string };
      side: 'reviewer' | 'applicant';
      body: string;
      now: Date;
    }): Promise<void> {
      await db
        .insertInto('clarification_message')
        .values({
          id: randomUUID(),
          application_id: input.applicationId,
          criterion_id: input.criterionId,
          round: input.round,
          author_id: input.author.id,
          author_side: input.side,
          author_name: input.author.name,
          body: input.body,
          created_at: input.now.toISOString(),
        })
        .execute();
    },

    decisions(applicationId: string): Promise<DecisionRow[]> {
      return db
        .selectFrom('decision')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('decided_at')
        .execute();
    },

    /** Submission, first review and decision times of decided or reviewed applications, for the figures. */
    async timings() {
      const [applications, firstReviews] = await Promise.all([
        db
          .selectFrom('application')
          .select(['id', 'submitted_at', 'decided_at'])
          .where('submitted_at', 'is not', null)
          .execute(),
        db
          .selectFrom('review')
          .select((eb) => ['application_id', eb.fn.min<string>('submitted_at').as('first')])
          .where('submitted_at', 'is not', null)
          .groupBy('application_id')
          .execute(),
      ]);
      return applications
        .flatMap((application) =>
          application.submitted_at ? [{ ...application, submitted_at: application.submitted_at }] : [],
        )
        .map((application) => ({
          submittedAt: application.submitted_at,
          decidedAt: application.decided_at,
          firstReviewAt: firstReviews.find((row) => row.application_id === application.id)?.first ?? null,
        }));
    },
  };
}
