import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, EvidenceCheckTable, EvidencePinTable } from '../../platform/db/schema';
import type { FetchResult } from './link-fetcher';
import { firstRecheckAt, type CheckFacts, type PinComparison } from './rules';
import type { SecurityTxtReading } from './security-txt-rules';

export type EvidenceCheckRow = Selectable<EvidenceCheckTable>;
export type EvidencePinRow = Selectable<EvidencePinTable>;

export function factsOf(row: EvidenceCheckRow): CheckFacts {
  return {
    url: row.url,
    outcome: row.outcome,
    statusCode: row.status_code,
    finalUrl: row.final_url,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    checkedAt: row.checked_at,
  };
}

export interface SecurityTxtCheck {
  url: string;
  outcome: string;
  statusCode: number | null;
  reading: SecurityTxtReading | null;
  checkedAt: string;
}

/** The checks of evidence links and security.txt files, and the links pinned at certification. */
export function createEvidenceStore(db: Kysely<Database>) {
  return {
    /** The address of an evidence link, while the link exists. */
    async linkUrl(linkId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('evidence_link')
        .select('url')
        .where('id', '=', linkId)
        .executeTakeFirst();
      return row?.url;
    },

    /** The links of an application's answers, for enqueuing their checks. */
    linksOf(applicationId: string) {
      return db
        .selectFrom('evidence_link')
        .innerJoin('answer', 'answer.id', 'evidence_link.answer_id')
        .select(['evidence_link.id', 'evidence_link.url', 'answer.criterion_id'])
        .where('answer.application_id', '=', applicationId)
        .execute();
    },

    /** Replaces the link's last check: a retried job writes the same row again. */
    async saveCheck(linkId: string, url: string, result: FetchResult, now: Date): Promise<void> {
      const values = {
        url,
        outcome: result.outcome,
        status_code: result.statusCode,
        final_url: result.finalUrl,
        content_type: result.contentType?.slice(0, 200) ?? null,
        size_bytes: result.sizeBytes,
        sha256: result.sha256,
        text_snapshot: result.text,
        error: result.error,
        duration_ms: result.durationMs,
        checked_at: now.toISOString(),
      };
      await db
        .insertInto('evidence_check')
        .values({ link_id: linkId, ...values })
        .onConflict((conflict) => conflict.column('link_id').doUpdateSet(values))
        .execute();
    },

    /** The last check of every link of an application, by link id. */
    async checksOf(applicationId: string): Promise<Map<string, CheckFacts>> {
      const rows = await db
        .selectFrom('evidence_check')
        .innerJoin('evidence_link', 'evidence_link.id', 'evidence_check.link_id')
        .innerJoin('answer', 'answer.id', 'evidence_link.answer_id')
        .selectAll('evidence_check')
        .where('answer.application_id', '=', applicationId)
        .execute();
      return new Map(rows.map((row) => [row.link_id, factsOf(row)]));
    },

    async saveSecurityTxt(origin: string, check: SecurityTxtCheck): Promise<void> {
      const values = {
        url: check.url,
        outcome: check.outcome,
        status_code: check.statusCode,
        reading: check.reading ? JSON.stringify(check.reading) : null,
        checked_at: check.checkedAt,
      };
      await db
        .insertInto('security_txt_check')
        .values({ origin, ...values })
        .onConflict((conflict) => conflict.column('origin').doUpdateSet(values))
        .execute();
    },

    async securityTxtOf(origin: string): Promise<SecurityTxtCheck | undefined> {
      const row = await db
        .selectFrom('security_txt_check')
        .selectAll()
        .where('origin', '=', origin)
        .executeTakeFirst();
      if (!row) return undefined;
      const reading = row.reading ? (JSON.parse(row.reading) as SecurityTxtReading) : null;
      return {
        url: row.url,
        outcome: row.outcome,
        statusCode: row.status_code,
        reading,
        checkedAt: row.checked_at,
      };
    },

    /**
     * Pins every link of the certified application as the reviewers last saw it checked. Run again (the
     * issuing job retried) it pins nothing twice.
     */
    async pinLinks(certificationId: string, applicationId: string, now: Date): Promise<number> {
      const links = await db
        .selectFrom('evidence_link')
        .innerJoin('answer', 'answer.id', 'evidence_link.answer_id')
        .leftJoin('evidence_check', 'evidence_check.link_id', 'evidence_link.id')
        .select([
          'evidence_link.id',
          'evidence_link.url',
          'evidence_link.title',
          'answer.criterion_id',
          'evidence_check.sha256',
          'evidence_check.status_code',
          'evidence_check.checked_at',
          'evidence_check.text_snapshot',
        ])
        .where('answer.application_id', '=', applicationId)
        .execute();
      for (const link of links) {
        await db
          .insertInto('evidence_pin')
          .values({
            id: randomUUID(),
            certification_id: certificationId,
            link_id: link.id,
            criterion_id: link.criterion_id,
            url: link.url,
            title: link.title,
            reviewed_sha256: link.sha256,
            reviewed_status: link.status_code,
            reviewed_checked_at: link.checked_at,
            reviewed_text: link.text_snapshot,
            pinned_at: now.toISOString(),
            next_check_at: firstRecheckAt(now, link.id).toISOString(),
            last_checked_at: null,
            last_outcome: null,
            last_status: null,
            last_sha256: null,
            changed_at: null,
            change: null,
            update_due_at: null,
          })
          .onConflict((conflict) => conflict.columns(['certification_id', 'link_id']).doNothing())
          .execute();
      }
      return links.length;
    },

    /** Forgets the checks of links that were removed (or deleted with their application). */
    async forgetRemovedLinks(): Promise<number> {
      const result = await db
        .deleteFrom('evidence_check')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('evidence_link')
                .select('id')
                .whereRef('evidence_link.id', '=', 'evidence_check.link_id'),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Pinned links of active certifications whose re-check is due, oldest due first. */
    duePins(now: Date, limit: number) {
      return db
        .selectFrom('evidence_pin')
        .innerJoin('certification', 'certification.id', 'evidence_pin.certification_id')
        .select(['evidence_pin.id', 'evidence_pin.next_check_at'])
        .where('certification.status', '=', 'active')
        .where('evidence_pin.next_check_at', '<=', now.toISOString())
        .orderBy('evidence_pin.next_check_at')
        .limit(limit)
        .execute();
    },

    /** Moves a due pin's next check on, if no other instance's sweep did first. */
    async claimRecheck(pinId: string, dueAt: string, next: Date): Promise<boolean> {
      const result = await db
        .updateTable('evidence_pin')
        .set({ next_check_at: next.toISOString() })
        .where('id', '=', pinId)
        .where('next_check_at', '=', dueAt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    pin(pinId: string): Promise<EvidencePinRow | undefined> {
      return db.selectFrom('evidence_pin').selectAll().where('id', '=', pinId).executeTakeFirst();
    },

    /** Records a re-check; returns true when it is the first to find the link changed or gone. */
    async recordRecheck(
      pin: EvidencePinRow,
      facts: Pick<CheckFacts, 'outcome' | 'statusCode' | 'sha256'>,
      comparison: PinComparison,
      now: Date,
      updateDueAt: Date,
    ): Promise<boolean> {
      const last = {
        last_checked_at: now.toISOString(),
        last_outcome: facts.outcome,
        last_status: facts.statusCode,
        last_sha256: facts.sha256,
      };
      if (comparison === 'unchanged') {
        await db
          .updateTable('evidence_pin')
          .set({ ...last, changed_at: null, change: null, update_due_at: null })
          .where('id', '=', pin.id)
          .execute();
        return false;
      }
      await db
        .updateTable('evidence_pin')
        .set({ ...last, change: comparison })
        .where('id', '=', pin.id)
        .execute();
      const first = await db
        .updateTable('evidence_pin')
        .set({ changed_at: now.toISOString(), update_due_at: updateDueAt.toISOString() })
        .where('id', '=', pin.id)
        .where('changed_at', 'is', null)
        .executeTakeFirst();
      return Number(first.numUpdatedRows) === 1;
    },

    /**
     * The pinned links of a certification that changed since the review, while it is active: once an
     * update renews it, the renewed certification's own pins speak for the product.
     */
    changedOf(certificationId: string) {
      return db
        .selectFrom('evidence_pin')
        .innerJoin('certification', 'certification.id', 'evidence_pin.certification_id')
        .select([
          'evidence_pin.criterion_id',
          'evidence_pin.title',
          'evidence_pin.change',
          'evidence_pin.changed_at',
          'evidence_pin.update_due_at',
          'evidence_pin.reviewed_checked_at',
          'evidence_pin.pinned_at',
        ])
        .where('evidence_pin.certification_id', '=', certificationId)
        .where('certification.status', '=', 'active')
        .where('evidence_pin.changed_at', 'is not', null)
        .orderBy('evidence_pin.criterion_id')
        .execute();
    },

    /** The criteria whose pinned evidence changed since a certified application was reviewed. */
    async changedCriteriaOf(applicationId: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('evidence_pin')
        .innerJoin('certification', 'certification.id', 'evidence_pin.certification_id')
        .select('evidence_pin.criterion_id')
        .where('certification.application_id', '=', applicationId)
        .where('evidence_pin.changed_at', 'is not', null)
        .execute();
      return new Set(rows.map((row) => row.criterion_id));
    },

    /** Changed evidence the company left past its period to update it, for admins. */
    overdue(now: Date) {
      return db
        .selectFrom('evidence_pin')
        .innerJoin('certification', 'certification.id', 'evidence_pin.certification_id')
        .select([
          'evidence_pin.id',
          'evidence_pin.certification_id',
          'evidence_pin.criterion_id',
          'evidence_pin.url',
          'evidence_pin.change',
          'evidence_pin.changed_at',
          'evidence_pin.update_due_at',
          'evidence_pin.reviewed_sha256',
          'evidence_pin.last_sha256',
          'certification.product_name',
          'certification.company_name',
        ])
        .where('certification.status', '=', 'active')
        .where('evidence_pin.update_due_at', '<=', now.toISOString())
        .orderBy('evidence_pin.update_due_at')
        .execute();
    },

    /** The company and product of a certification, for the mail about changed evidence. */
    certification(certificationId: string) {
      return db
        .selectFrom('certification')
        .select(['id', 'organization_id', 'product_name', 'product_id', 'company_slug'])
        .where('id', '=', certificationId)
        .executeTakeFirst();
    },
  };
}

export type EvidenceStore = ReturnType<typeof createEvidenceStore>;
