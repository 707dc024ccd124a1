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
  };
}

export type StatisticsRepository = ReturnType<typeof createStatisticsRepository>;
