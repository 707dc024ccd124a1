import type { JobQueue } from '../../platform/jobs/queue';
import { createApplicationRepository } from '../applications';
import { createReviewRepository } from './store';

/** Statuses in which reviewers may still ask the company about a criterion. */
const askableStatuses: readonly string[] = ['in-review', 'changes-requested'];

/**
 * A reviewer's question (or remark) on one criterion. The application's status and round are read under its
 * row lock, the one a resubmission takes before it checks for unanswered questions: a question either comes
 * first and blocks the resubmission, or comes after it and belongs to the new round — never lost between.
 */
export async function askCompany(
  deps: { jobs: JobQueue; now: () => Date },
  question: {
    applicationId: string;
    criterionId: string;
    author: { id: string; name: string };
    body: string;
  },
): Promise<'asked' | 'not-reviewable'> {
  return deps.jobs.transaction(async (trx) => {
    const applications = createApplicationRepository(trx);
    await applications.hold(question.applicationId);
    const application = await applications.find(question.applicationId);
    if (!application || !askableStatuses.includes(application.status)) return 'not-reviewable';
    await createReviewRepository(trx).addMessage({
      ...question,
      round: application.round,
      side: 'reviewer',
      now: deps.now(),
    });
    return 'asked';
  });
}
