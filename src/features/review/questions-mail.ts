import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import { createProductRepository } from '../products';
import { enqueueMails } from './notify';
import { createReviewerRepository } from './reviewers-store';

/**
 * Tells each reviewer whose questions went to the company with a request for changes that they did, in
 * the transaction of the decision: a question no longer waits unseen for an admin's decision.
 */
export async function mailTheAskers(
  trx: Kysely<Database>,
  deps: { mailer: QueuedMailer; baseUrl: string },
  application: { id: string; organization_id: string; product_id: string; round: number },
  asked: ReadonlyMap<string, readonly string[]>,
): Promise<void> {
  if (asked.size === 0) return;
  const [product, pool] = await Promise.all([
    createProductRepository(trx).find(application.organization_id, application.product_id),
    createReviewerRepository(trx).pool(),
  ]);
  const name = product?.name ?? '';
  for (const member of pool) {
    const criteria = asked.get(member.reviewerId);
    if (!criteria) continue;
    await enqueueMails(trx, deps.mailer, {
      kind: 'questions-sent',
      recipients: [{ id: member.reviewerId, email: member.email, name: member.name, locale: member.locale }],
      dedupeKey: `questions-sent:${application.id}:${application.round}`,
      compose: (m, locale) => ({
        subject: m.reviewMail.questionsSentSubject(name),
        body: m.reviewMail.questionsSentBody(
          name,
          criteria.join(', '),
          `${deps.baseUrl}/${locale}/review/applications/${application.id}`,
        ),
      }),
    });
  }
}
