import type { Kysely } from 'kysely';
import type { ApplicationRow, Database } from '../../platform/db/schema';
import type { Locale, Messages } from '../../platform/i18n';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import { createCompanyRepository } from '../companies';
import { createProductRepository } from '../products';
import { enqueueMails, createReviewRepository, createReviewerRepository } from '../review';
import { queuePlace } from '../review/rules';

interface MailDependencies {
  mailer: QueuedMailer;
  baseUrl: string;
}

type QueuedWording = (m: Messages) => {
  subject: (product: string) => string;
  body: (product: string, place: number | undefined, paused: boolean, url: string) => string;
};

async function productName(trx: Kysely<Database>, application: ApplicationRow): Promise<string> {
  return (
    (await createProductRepository(trx).find(application.organization_id, application.product_id))?.name ?? ''
  );
}

/**
 * Tells the company its application is in the queue (after a submission or an appeal), and where it
 * stands at that moment; enqueued in the transaction that put it there.
 */
export async function mailQueued(
  trx: Kysely<Database>,
  deps: MailDependencies,
  mail: { application: ApplicationRow; paused: boolean; event: string; wording: QueuedWording },
): Promise<void> {
  const { application } = mail;
  const [product, open, members] = await Promise.all([
    productName(trx, application),
    createReviewRepository(trx).openApplications(),
    createCompanyRepository(trx).members(application.organization_id),
  ]);
  const place = queuePlace(
    open.filter((entry) => entry.status === 'submitted'),
    application.id,
  );
  await enqueueMails(trx, deps.mailer, {
    kind: 'submitted',
    recipients: members,
    dedupeKey: mail.event,
    compose: (m, locale) => ({
      subject: mail.wording(m).subject(product),
      body: mail.wording(m).body(product, place, mail.paused, applicantUrl(deps, locale, application.id)),
    }),
  });
}

/** Tells the assigned reviewers that the company answered their questions and a new round starts. */
export async function mailResubmitted(
  trx: Kysely<Database>,
  deps: MailDependencies,
  application: ApplicationRow,
  round: number,
): Promise<void> {
  const [product, assignments, pool] = await Promise.all([
    productName(trx, application),
    createReviewRepository(trx).assignments(application.id),
    createReviewerRepository(trx).pool(),
  ]);
  const assigned = new Set(assignments.map((row) => row.reviewerId));
  const recipients = pool
    .filter((member) => assigned.has(member.reviewerId))
    .map((member) => ({
      id: member.reviewerId,
      email: member.email,
      name: member.name,
      locale: member.locale,
    }));
  await enqueueMails(trx, deps.mailer, {
    kind: 'resubmitted',
    recipients,
    dedupeKey: `resubmitted:${application.id}:${round}`,
    compose: (m, locale) => ({
      subject: m.reviewMail.resubmittedSubject(product),
      body: m.reviewMail.resubmittedBody(
        product,
        round,
        `${deps.baseUrl}/${locale}/review/applications/${application.id}`,
      ),
    }),
  });
}

function applicantUrl(deps: MailDependencies, locale: Locale, applicationId: string): string {
  return `${deps.baseUrl}/${locale}/applications/${applicationId}`;
}
