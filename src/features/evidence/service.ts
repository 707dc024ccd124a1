import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { formatDate, isLocale, messagesFor, type Locale } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs/queue';
import type { JobHandler } from '../../platform/jobs/worker';
import { composeMail } from '../../platform/mail/compose';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import { createCompanyRepository } from '../companies';
import {
  checkLinkJob,
  checkSecurityTxtJob,
  linkPayload,
  pinPayload,
  recheckPinJob,
  securityTxtPayload,
} from './jobs';
import { defaultFetchLimits, fetchEvidence, type FetchLimits } from './link-fetcher';
import { evidenceDe } from './messages.de';
import { evidenceEn, type EvidenceMessages } from './messages.en';
import { comparePinned, recheckBatch, recheckIntervalMs, updatePeriodMs, type CheckFacts } from './rules';
import { parseSecurityTxt, securityTxtUrlOf } from './security-txt-rules';
import { createEvidenceStore, type EvidencePinRow, type SecurityTxtCheck } from './store';

export const evidenceMessages = (locale: Locale): EvidenceMessages =>
  locale === 'de' ? evidenceDe : evidenceEn;

export interface EvidenceDependencies {
  db: Kysely<Database>;
  jobs: JobQueue;
  mailer: QueuedMailer;
  baseUrl: string;
  /** The fetch limits; tests shorten the time and allow their local servers' addresses. */
  limits?: Partial<FetchLimits>;
  now: () => Date;
}

/** What the review workspace shows of an application's evidence checks. */
export interface ApplicationEvidence {
  links: Map<string, CheckFacts>;
  securityTxt: SecurityTxtCheck | undefined;
  now: Date;
}

/**
 * Evidence checked by the job worker, never in a request: links when an application is submitted, the
 * product's security.txt, and the links of certified products again about monthly after certification.
 */
export function createEvidenceChecks(deps: EvidenceDependencies) {
  const limits: FetchLimits = { ...defaultFetchLimits, ...deps.limits };
  const store = createEvidenceStore(deps.db);

  async function checkLink(payload: unknown): Promise<void> {
    const { linkId } = linkPayload.parse(payload);
    const url = await store.linkUrl(linkId);
    // Removed since: nothing to check.
    if (url === undefined) return;
    const result = await fetchEvidence(url, limits);
    await store.saveCheck(linkId, url, result, deps.now());
  }

  async function checkSecurityTxt(payload: unknown): Promise<void> {
    const { url } = securityTxtPayload.parse(payload);
    const result = await fetchEvidence(url, limits);
    const found = result.outcome === 'fetched' && result.statusCode === 200 && result.text !== null;
    const now = deps.now();
    await store.saveSecurityTxt(new URL(url).origin, {
      url,
      outcome: result.outcome,
      statusCode: result.statusCode,
      reading: found ? parseSecurityTxt(result.text ?? '', now) : null,
      checkedAt: now.toISOString(),
    });
  }

  /** The company hears once per change, in the transaction that records it. */
  async function mailCompany(trx: Kysely<Database>, pin: EvidencePinRow, updateDueAt: Date): Promise<void> {
    const certification = await createEvidenceStore(trx).certification(pin.certification_id);
    if (!certification) return;
    for (const member of await createCompanyRepository(trx).members(certification.organization_id)) {
      const locale: Locale = isLocale(member.locale) ? member.locale : 'en';
      const e = evidenceMessages(locale);
      const link = `${pin.criterion_id}: ${pin.title} <${pin.url}> (${e.changes[pin.change ?? 'changed'] ?? ''})`;
      const body = e.mailBody(
        certification.product_name,
        link,
        formatDate(locale, updateDueAt),
        `${deps.baseUrl}/${locale}/products/${certification.id}`,
        `${deps.baseUrl}/${locale}/companies/${certification.company_slug}/products/${certification.product_id}/update`,
      );
      const mail = composeMail(
        messagesFor(locale),
        member.email,
        member.name,
        e.mailSubject(certification.product_name),
        body,
      );
      await deps.mailer.sendIn(trx, mail, `evidence-changed:${pin.id}:${pin.changed_at ?? ''}:${member.id}`);
    }
  }

  async function recheck(payload: unknown): Promise<void> {
    const { pinId } = pinPayload.parse(payload);
    const pin = await store.pin(pinId);
    if (!pin) return;
    const result = await fetchEvidence(pin.url, limits);
    const now = deps.now();
    const comparison = comparePinned(
      { sha256: pin.reviewed_sha256, statusCode: pin.reviewed_status, text: pin.reviewed_text },
      result,
    );
    const updateDueAt = new Date(now.getTime() + updatePeriodMs);
    await deps.jobs.transaction(async (trx) => {
      const first = await createEvidenceStore(trx).recordRecheck(pin, result, comparison, now, updateDueAt);
      if (first)
        await mailCompany(trx, { ...pin, change: comparison, changed_at: now.toISOString() }, updateDueAt);
    });
  }

  const handlers: Record<string, JobHandler> = {
    [checkLinkJob]: checkLink,
    [checkSecurityTxtJob]: checkSecurityTxt,
    [recheckPinJob]: recheck,
  };

  return {
    handlers,
    /** The limits every fetch keeps (the program's, with the test-only allow-list from the configuration). */
    limits,

    async forApplication(applicationId: string, webPageUrl: string): Promise<ApplicationEvidence> {
      const securityTxtUrl = securityTxtUrlOf(webPageUrl);
      const [links, securityTxt] = await Promise.all([
        store.checksOf(applicationId),
        securityTxtUrl ? store.securityTxtOf(new URL(securityTxtUrl).origin) : Promise.resolve(undefined),
      ]);
      return { links, securityTxt, now: deps.now() };
    },

    /** What the public product page says of changed evidence: the date of the review, no content. */
    async changesOf(certificationId: string) {
      const changed = await store.changedOf(certificationId);
      const first = changed[0];
      if (!first) return undefined;
      return { reviewedAt: first.reviewed_checked_at ?? first.pinned_at, count: changed.length };
    },

    /** Criteria of a certified application whose evidence changed since review (for the update's review). */
    changedCriteriaOf: (applicationId: string) => store.changedCriteriaOf(applicationId),

    overdue: () => store.overdue(deps.now()),

    /** One pinned link with what was kept of it, for admins. */
    pin: (pinId: string) => store.pin(pinId),

    /**
     * Hands due re-checks of certified products' evidence to the worker, a batch per sweep. Each pin's next
     * check is moved on by a conditional update first, so instances sweeping at once enqueue it once.
     */
    async sweep(): Promise<{ enqueued: number }> {
      const now = deps.now();
      let enqueued = 0;
      for (const due of await store.duePins(now, recheckBatch)) {
        const claimed = await deps.jobs.transaction(async (trx) => {
          const next = new Date(now.getTime() + recheckIntervalMs);
          if (!(await createEvidenceStore(trx).claimRecheck(due.id, due.next_check_at, next))) return false;
          await deps.jobs.enqueue(trx, {
            kind: recheckPinJob,
            payload: { pinId: due.id },
            dedupeKey: `evidence-recheck:${due.id}:${due.next_check_at}`,
            maxAttempts: 3,
          });
          return true;
        });
        if (claimed) enqueued += 1;
      }
      // Checks of links that are gone (removed, or deleted with their application) are kept no longer.
      await store.forgetRemovedLinks();
      return { enqueued };
    },
  };
}

export type EvidenceChecks = ReturnType<typeof createEvidenceChecks>;
