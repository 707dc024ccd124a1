import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { PublishedEntry } from '../registry';

/** The raw material of the program's statistics, read in a few plain queries. */
export function createStatisticsRepository(db: Kysely<Database>) {
  return {
    async applicationStatuses(): Promise<string[]> {
      const rows = await db.selectFrom('application').select('status').execute();
      return rows.map((row) => row.status);
    },

    async submissionTimes(): Promise<string[]> {
      const rows = await db
        .selectFrom('application')
        .select('submitted_at')
        .where('submitted_at', 'is not', null)
        .execute();
      return rows.flatMap((row) => (row.submitted_at ? [row.submitted_at] : []));
    },

    /** Every certification with its category, status, version and certified answers. */
    async certifications() {
      const rows = await db
        .selectFrom('certification')
        .select(['id', 'category', 'status', 'issued_at', 'criteria_version', 'published'])
        .execute();
      return rows.map((row) => ({
        id: row.id,
        category: row.category,
        status: row.status,
        issuedAt: row.issued_at,
        criteriaVersion: Number(row.criteria_version),
        answers: new Map(
          (JSON.parse(row.published) as PublishedEntry).answers.map((answer) => [
            answer.criterionId,
            answer.status,
          ]),
        ),
      }));
    },

    /** Every verdict of a submitted review: the material of the reviewers' agreement. */
    async submittedVerdicts() {
      const rows = await db
        .selectFrom('verdict')
        .innerJoin('review', (join) =>
          join
            .onRef('review.application_id', '=', 'verdict.application_id')
            .onRef('review.reviewer_id', '=', 'verdict.reviewer_id')
            .onRef('review.round', '=', 'verdict.round'),
        )
        .select([
          'verdict.application_id',
          'verdict.round',
          'verdict.reviewer_id',
          'verdict.criterion_id',
          'verdict.verdict',
        ])
        .where('review.submitted_at', 'is not', null)
        .execute();
      return rows.map((row) => ({
        applicationId: row.application_id,
        round: Number(row.round),
        reviewerId: row.reviewer_id,
        criterionId: row.criterion_id,
        verdict: row.verdict,
      }));
    },

    /** Every submitted review with its reviewer's name, their assignment and the start of its round. */
    async submittedReviews() {
      const rows = await db
        .selectFrom('review')
        .innerJoin('user', 'user.id', 'review.reviewer_id')
        .leftJoin('assignment', (join) =>
          join
            .onRef('assignment.application_id', '=', 'review.application_id')
            .onRef('assignment.reviewer_id', '=', 'review.reviewer_id'),
        )
        .leftJoin('round_snapshot', (join) =>
          join
            .onRef('round_snapshot.application_id', '=', 'review.application_id')
            .onRef('round_snapshot.round', '=', 'review.round'),
        )
        .select([
          'review.reviewer_id',
          'user.name',
          'review.application_id',
          'review.round',
          'review.submitted_at',
          'assignment.assigned_at',
          'round_snapshot.created_at',
        ])
        .where('review.submitted_at', 'is not', null)
        .execute();
      return rows.map((row) => ({
        reviewerId: row.reviewer_id,
        name: row.name,
        applicationId: row.application_id,
        round: Number(row.round),
        submittedAt: row.submitted_at ?? '',
        assignedAt: row.assigned_at,
        roundStartedAt: row.created_at,
      }));
    },

    /** What the review-quality figures are computed from: verdicts, reviews and decisions. */
    async reviewMaterial() {
      const [verdicts, reviews, decisions] = await Promise.all([
        this.submittedVerdicts(),
        this.submittedReviews(),
        this.decisions(),
      ]);
      return { verdicts, reviews, decisions };
    },

    async decisions() {
      const rows = await db.selectFrom('decision').select(['application_id', 'round', 'outcome']).execute();
      return rows.map((row) => ({
        applicationId: row.application_id,
        round: Number(row.round),
        outcome: row.outcome,
      }));
    },
  };
}

export type StatisticsRepository = ReturnType<typeof createStatisticsRepository>;
