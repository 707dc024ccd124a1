import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DialectName } from '../../platform/db/dialect';
import type { Database } from '../../platform/db/schema';
import { adminMove, dueReminders, validUntil, type AdminAction } from './rules';
import { isLocale, messagesFor, type Locale, type Messages } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobQueue } from '../../platform/jobs/queue';
import { createApplicationRepository } from '../applications';
import { createAuditLog } from '../../platform/audit/store';
import { createCompanyRepository } from '../companies';
import { createProductRepository } from '../products';
import { createRegistryRepository, type PublishedEntry } from './store';
import { enqueueCredentialIssue } from '../credentials';
import { enqueueLogAppends } from '../transparency';
import { pinEvidence } from '../evidence';
import type { CriteriaVersion } from '../criteria/rules';
import { opennessRankOf } from './label';

export interface LifecycleDependencies {
  db: Kysely<Database>;
  dialect: DialectName;
  jobs: JobQueue;
  mailer: QueuedMailer;
  baseUrl: string;
  /** How long a new certification is valid, as the program's settings say now. */
  validityMonths: () => Promise<number>;
  /** The criteria versions, to derive the openness level the registry filters on. */
  criteria: ReadonlyMap<number, CriteriaVersion>;
  logger: Logger;
  now: () => Date;
  /**
   * Told about every status change once it has committed, so this instance's cached badge, search results
   * and status lists are dropped at once. Not awaited work only: the credential and the log entry that follow
   * a change are jobs written in its transaction, which no crash can lose.
   */
  changed: (certificationId: string) => void;
}

/** What the company hears when its mark is published, in the transaction that publishes it. */
export type IssueFollowUp = (trx: Kysely<Database>, certificationId: string) => Promise<void>;

/**
 * A certification from issue to its end: publishing the frozen record, expiry, renewal reminders and
 * admins' suspensions and revocations. Each change, its event, its audit entry, its mail and the jobs that
 * log the event and sign the credential are one transaction, and each is a conditional update, so several instances sweeping at once neither expire
 * twice nor send a reminder twice.
 */
export function createLifecycle(deps: LifecycleDependencies) {
  const english = messagesFor('en');
  const german = messagesFor('de');
  const registryIn = (trx: Kysely<Database>) => createRegistryRepository(trx, deps.dialect);

  /**
   * What follows every status change, enqueued in its transaction: the event's entry in the transparency
   * log and, for a new certification, its credential. Both jobs are keyed (by the event, by the
   * certification), so they are written once and run to the effect of once.
   */
  async function enqueueFollowUps(trx: Kysely<Database>, certificationId: string, issued = false) {
    await enqueueLogAppends(deps.jobs, trx, certificationId);
    if (issued) await enqueueCredentialIssue(deps.jobs, trx, certificationId);
  }

  async function mailCompany(
    trx: Kysely<Database>,
    companyId: string,
    dedupeKey: string,
    compose: (m: Messages, locale: Locale) => { subject: string; body: string },
  ) {
    for (const member of await createCompanyRepository(trx).members(companyId)) {
      const locale = isLocale(member.locale) ? member.locale : 'en';
      const m = messagesFor(locale);
      const { subject, body } = compose(m, locale);
      await deps.mailer.sendIn(
        trx,
        composeMail(m, member.email, member.name, subject, body),
        `${dedupeKey}:${member.id}`,
      );
    }
  }

  /** The product's facts and the answers as they were decided, frozen for the registry. */
  async function publishedEntry(trx: Kysely<Database>, applicationId: string) {
    const application = await createApplicationRepository(trx).find(applicationId);
    if (!application) return undefined;
    const product = await createProductRepository(trx).find(
      application.organization_id,
      application.product_id,
    );
    const company = await createCompanyRepository(trx).find(application.organization_id);
    if (!product || !company) return undefined;
    const answers = await createApplicationRepository(trx).answers(application.id);
    const entry: PublishedEntry = {
      product: {
        name: product.name,
        category: product.category,
        modelNumbers: product.model_numbers.split('\n').filter(Boolean),
        webPageUrl: product.web_page_url,
        description: product.description,
        firmwareVersion: product.firmware_version,
        supportEndDate: product.support_end_date,
        image:
          product.image_key && product.image_type
            ? { key: product.image_key, type: product.image_type }
            : null,
      },
      company: { name: company.name, slug: company.slug },
      answers: [...answers.values()].map((answer) => ({
        criterionId: answer.criterionId,
        status: answer.status,
        explanation: answer.explanation,
        links: answer.links.map((link) => ({ title: link.title, url: link.url })),
      })),
    };
    return { application, product, company, entry };
  }

  async function changeIn(
    trx: Kysely<Database>,
    certificationId: string,
    action: AdminAction,
    reason: string,
    adminId: string,
    now: Date,
  ): Promise<boolean> {
    const move = adminMove(action);
    const kind = action === 'suspend' ? 'suspended' : action === 'revoke' ? 'revoked' : 'reinstated';
    const registry = registryIn(trx);
    if (!(await registry.changeStatus(certificationId, move.from, move.to, kind, reason, now))) return false;
    await createAuditLog(trx).append(
      { actorId: adminId, action: `certification-${kind}`, subjectId: certificationId, reason },
      now,
    );
    await enqueueFollowUps(trx, certificationId);
    const row = await registry.find(certificationId);
    if (row) {
      await mailCompany(
        trx,
        row.organization_id,
        `status:${certificationId}:${kind}:${now.toISOString()}`,
        (m, locale) => ({
          subject: m.registryMail.statusSubject(row.product_name, m.registry.statuses[move.to] ?? move.to),
          body: m.registryMail.statusBody(
            row.product_name,
            m.registry.statuses[move.to] ?? move.to,
            reason,
            `${deps.baseUrl}/${locale}/products/${row.id}`,
          ),
        }),
      );
    }
    return true;
  }

  return {
    /**
     * Publishes a certified application, once: run again (a job retried after its worker died), it finds
     * the certification it made and publishes nothing more. The record, its event, the renewal of an
     * earlier mark, the audit entry, the log and credential jobs and `followUp`'s mail are one transaction.
     */
    async issue(applicationId: string, followUp?: IssueFollowUp): Promise<string | undefined> {
      const validityMonths = await deps.validityMonths();
      const changed: string[] = [];
      const id = await deps.jobs.transaction(async (trx) => {
        const registry = registryIn(trx);
        const already = await registry.forApplication(applicationId);
        if (already) return already.id;
        const published = await publishedEntry(trx, applicationId);
        if (!published) return undefined;
        const { application, product, company, entry } = published;
        const now = deps.now();
        const previous = await registry.forProduct(product.id);
        const issued = await registry.issue({
          applicationId: application.id,
          productId: product.id,
          companyId: company.id,
          criteriaVersion: application.criteria_version,
          entry,
          categoryLabel: [
            english.products.categories[product.category],
            german.products.categories[product.category],
          ].join(' '),
          validUntil: validUntil(now, validityMonths, product.support_end_date),
          opennessLevel: opennessRankOf(deps.criteria.get(application.criteria_version), entry.answers),
          now,
        });
        // A renewal replaces the product's earlier certification.
        if (previous && previous.status === 'active') {
          await registry.changeStatus(
            previous.id,
            ['active'],
            'expired',
            'renewed',
            'Replaced by a renewed certification.',
            now,
          );
          await enqueueFollowUps(trx, previous.id);
          changed.push(previous.id);
        }
        await createAuditLog(trx).append(
          { actorId: null, action: 'certification-issued', applicationId: application.id, subjectId: issued },
          now,
        );
        await enqueueFollowUps(trx, issued, true);
        await pinEvidence(trx, issued, application.id, now);
        await followUp?.(trx, issued);
        changed.push(issued);
        return issued;
      });
      for (const certificationId of changed) deps.changed(certificationId);
      return id;
    },

    /** Expires what has run out and sends due renewal reminders. Safe to run on several instances at once. */
    async sweep(): Promise<{ expired: number; reminded: number }> {
      const now = deps.now();
      const today = now.toISOString().slice(0, 10);
      const registry = registryIn(deps.db);
      let expired = 0;
      for (const row of await registry.expiredBy(today)) {
        const ended = await deps.jobs.transaction(async (trx) => {
          if (!(await registryIn(trx).changeStatus(row.id, ['active'], 'expired', 'expired', '', now)))
            return false;
          await createAuditLog(trx).append(
            { actorId: null, action: 'certification-expired', subjectId: row.id },
            now,
          );
          await enqueueFollowUps(trx, row.id);
          return true;
        });
        if (!ended) continue;
        expired += 1;
        deps.changed(row.id);
      }
      let reminded = 0;
      const horizon = new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
      for (const row of await registry.endingBy(horizon)) {
        const due = dueReminders(row.valid_until, now, await registry.remindersSent(row.id));
        if (due.length === 0) continue;
        const claimed = await deps.jobs.transaction(async (trx) => {
          if (!(await registryIn(trx).claimReminders(row.id, due, now))) return false;
          await mailCompany(trx, row.organization_id, `reminder:${row.id}:${due[0] ?? 0}`, (m, locale) => ({
            subject: m.registryMail.reminderSubject(row.product_name, due[0] ?? 0),
            body: m.registryMail.reminderBody(
              row.product_name,
              row.valid_until,
              `${deps.baseUrl}/${locale}/companies/${row.company_slug}/products/${row.product_id}`,
            ),
          }));
          return true;
        });
        if (claimed) reminded += 1;
      }
      return { expired, reminded };
    },

    /**
     * A company that closes its account takes its marks with it: each current or suspended certification
     * ends (expired, with the public reason given), so no badge or credential of it stays valid. Runs in
     * the closure's transaction; the caller hands the ended ids to `announce` once that has committed.
     */
    async endForClosedCompany(
      trx: Kysely<Database>,
      companyId: string,
      reason: string,
      actorId: string,
    ): Promise<string[]> {
      const now = deps.now();
      const registry = registryIn(trx);
      const ids: string[] = [];
      for (const row of await registry.ofCompany(companyId)) {
        if (
          !(await registry.changeStatus(row.id, ['active', 'suspended'], 'expired', 'expired', reason, now))
        )
          continue;
        ids.push(row.id);
        await createAuditLog(trx).append(
          { actorId, action: 'certification-expired', subjectId: row.id, reason },
          now,
        );
        await enqueueFollowUps(trx, row.id);
      }
      return ids;
    },

    /** Tells the caches, the credentials and the log of status changes that have committed. */
    announce(certificationIds: readonly string[]): void {
      for (const id of certificationIds) deps.changed(id);
    },

    /** Suspends, reinstates or revokes with a public reason; false if the status did not allow it. */
    async change(
      certificationId: string,
      action: AdminAction,
      reason: string,
      adminId: string,
    ): Promise<boolean> {
      const now = deps.now();
      const changed = await deps.jobs.transaction((trx) =>
        changeIn(trx, certificationId, action, reason, adminId, now),
      );
      if (changed) deps.changed(certificationId);
      return changed;
    },

    /**
     * The same change as part of a caller's larger one (a re-review's outcome): the status, its audit
     * entry and the company's mail join `trx`. The caller calls `announce` once its transaction commits.
     */
    changeIn,
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
