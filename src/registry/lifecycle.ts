import type { Logger } from 'pino';
import type { ApplicationRow } from '../db/schema';
import { adminMove, dueReminders, validUntil, type AdminAction } from '../domain/certification';
import { isLocale, messagesFor } from '../i18n';
import { composeMail } from '../mail/compose';
import type { Mailer } from '../mail/mailer';
import type { ApplicationRepository } from '../repositories/applications';
import type { AuditLog } from '../repositories/audit';
import type { CompanyRepository } from '../repositories/companies';
import type { ProductRepository } from '../repositories/products';
import type { PublishedEntry, RegistryRepository } from '../repositories/registry';

export interface LifecycleDependencies {
  registry: RegistryRepository;
  applications: ApplicationRepository;
  products: ProductRepository;
  companies: CompanyRepository;
  audit: AuditLog;
  mailer: Mailer;
  baseUrl: string;
  /** How long a new certification is valid, as the program's settings say now. */
  validityMonths: () => Promise<number>;
  logger: Logger;
  now: () => Date;
  /** Told about every status change, so cached badges are dropped at once. */
  /** Awaited, so what it updates (caches, the transparency log) is current when the request answers. */
  changed: (certificationId: string) => void | Promise<void>;
}

/**
 * A certification from issue to its end: publishing the frozen record, expiry, renewal reminders and
 * admins' suspensions and revocations. Each change is a conditional update, so several instances
 * sweeping at once neither expire twice nor send a reminder twice.
 */
export function createLifecycle(deps: LifecycleDependencies) {
  const { registry, audit } = deps;
  const english = messagesFor('en');

  async function mailCompany(
    companyId: string,
    compose: (m: ReturnType<typeof messagesFor>, locale: string) => { subject: string; body: string },
  ) {
    for (const member of await deps.companies.members(companyId)) {
      const locale = isLocale(member.locale) ? member.locale : 'en';
      const m = messagesFor(locale);
      const { subject, body } = compose(m, locale);
      try {
        await deps.mailer.send(composeMail(m, member.email, member.name, subject, body));
      } catch (error) {
        deps.logger.error({ err: error }, 'certification mail could not be sent');
      }
    }
  }

  return {
    /** Publishes the certified application: the product's facts and the answers as they were decided. */
    async issue(application: ApplicationRow): Promise<string | undefined> {
      const product = await deps.products.find(application.organization_id, application.product_id);
      const company = await deps.companies.find(application.organization_id);
      if (!product || !company) return undefined;
      const answers = await deps.applications.answers(application.id);
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
      const now = deps.now();
      const previous = await registry.forProduct(product.id);
      const id = await registry.issue({
        applicationId: application.id,
        productId: product.id,
        companyId: company.id,
        criteriaVersion: application.criteria_version,
        entry,
        categoryLabel: [
          english.products.categories[product.category],
          messagesFor('de').products.categories[product.category],
        ].join(' '),
        validUntil: validUntil(now, await deps.validityMonths(), product.support_end_date),
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
        await deps.changed(previous.id);
      }
      await audit.append(
        { actorId: null, action: 'certification-issued', applicationId: application.id, subjectId: id },
        now,
      );
      await deps.changed(id);
      return id;
    },

    /** Expires what has run out and sends due renewal reminders. Safe to run on several instances at once. */
    async sweep(): Promise<{ expired: number; reminded: number }> {
      const now = deps.now();
      const today = now.toISOString().slice(0, 10);
      let expired = 0;
      for (const row of await registry.expiredBy(today)) {
        if (await registry.changeStatus(row.id, ['active'], 'expired', 'expired', '', now)) {
          expired += 1;
          await deps.changed(row.id);
          await audit.append({ actorId: null, action: 'certification-expired', subjectId: row.id }, now);
        }
      }
      let reminded = 0;
      const horizon = new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
      for (const row of await registry.endingBy(horizon)) {
        const due = dueReminders(row.valid_until, now, await registry.remindersSent(row.id));
        if (due.length === 0 || !(await registry.claimReminders(row.id, due, now))) continue;
        reminded += 1;
        await mailCompany(row.organization_id, (m, locale) => ({
          subject: m.registryMail.reminderSubject(row.product_name, due[0] ?? 0),
          body: m.registryMail.reminderBody(
            row.product_name,
            row.valid_until,
            `${deps.baseUrl}/${locale}/companies/${row.company_slug}/products/${row.product_id}`,
          ),
        }));
      }
      return { expired, reminded };
    },

    /**
     * A company that closes its account takes its marks with it: each current or suspended certification
     * ends (expired, with the public reason given), so no badge or credential of it stays valid.
     */
    async endForClosedCompany(companyId: string, reason: string, actorId: string): Promise<number> {
      const now = deps.now();
      let ended = 0;
      for (const row of await registry.ofCompany(companyId)) {
        if (
          !(await registry.changeStatus(row.id, ['active', 'suspended'], 'expired', 'expired', reason, now))
        )
          continue;
        ended += 1;
        await deps.changed(row.id);
        await audit.append({ actorId, action: 'certification-expired', subjectId: row.id, reason }, now);
      }
      return ended;
    },

    /** Suspends, reinstates or revokes with a public reason; false if the status did not allow it. */
    async change(
      certificationId: string,
      action: AdminAction,
      reason: string,
      adminId: string,
    ): Promise<boolean> {
      const move = adminMove(action);
      const kind = action === 'suspend' ? 'suspended' : action === 'revoke' ? 'revoked' : 'reinstated';
      const now = deps.now();
      if (!(await registry.changeStatus(certificationId, move.from, move.to, kind, reason, now)))
        return false;
      await deps.changed(certificationId);
      await audit.append(
        { actorId: adminId, action: `certification-${kind}`, subjectId: certificationId, reason },
        now,
      );
      const row = await registry.find(certificationId);
      if (row) {
        await mailCompany(row.organization_id, (m, locale) => ({
          subject: m.registryMail.statusSubject(row.product_name, m.registry.statuses[move.to] ?? move.to),
          body: m.registryMail.statusBody(
            row.product_name,
            m.registry.statuses[move.to] ?? move.to,
            reason,
            `${deps.baseUrl}/${locale}/products/${row.id}`,
          ),
        }));
      }
      return true;
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
