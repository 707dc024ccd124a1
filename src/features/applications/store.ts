import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ApplicationRow, Database } from '../../platform/db/schema';
import { inTransaction } from '../../platform/db/transaction';
import { isUnsuccessful } from '../privacy/rules';
import { createAnswerRepository } from './answers-store';
import { changeDraft, DraftLocked, readAnswers, type AnswerRecord, type Author } from './draft-store';
import { applicationStatuses, isApplicationStatus, type ApplicationStatus } from './rules';

export type { AnswerRecord, Author } from './draft-store';

export interface ApplicationSummary extends ApplicationRow {
  status: ApplicationStatus;
  product_name: string;
}

const unsuccessfulStatuses = applicationStatuses.filter(isUnsuccessful);

/** The SQL form of isDueForDeletion: unsuccessful, not kept, ended (decided or withdrawn) before the cutoff. */
function dueForDeletion(cutoff: string) {
  return (eb: ExpressionBuilder<Database, 'application'>) =>
    eb.and([
      eb('kept', '=', 0),
      eb.or([
        eb.and([eb('status', '=', 'not-certified'), eb('decided_at', '<', cutoff)]),
        eb.and([eb('status', '=', 'withdrawn'), eb('updated_at', '<', cutoff)]),
      ]),
    ]);
}

export function createApplicationRepository(db: Kysely<Database>) {
  return {
    ...createAnswerRepository(db),

    /**
     * Holds the application's row until the transaction ends, for a check whose answer a concurrent change
     * would spoil (a reviewer's question against a resubmission). An update that changes nothing takes
     * PostgreSQL's row lock; SQLite runs one transaction at a time anyway.
     */
    async hold(applicationId: string): Promise<void> {
      await db
        .updateTable('application')
        .set((eb) => ({ round: eb.ref('round') }))
        .where('id', '=', applicationId)
        .execute();
    },

    /**
     * Starts a draft with one empty answer per criterion. When `sourceApplicationId` is given, answers,
     * links and files of the same criteria are copied and marked for re-confirmation.
     */
    async create(input: {
      companyId: string;
      productId: string;
      criteriaVersion: number;
      criterionIds: string[];
      author: Author;
      now: Date;
      sourceApplicationId?: string;
    }): Promise<string> {
      const id = randomUUID();
      const at = input.now.toISOString();
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('application')
          .values({
            id,
            organization_id: input.companyId,
            product_id: input.productId,
            criteria_version: input.criteriaVersion,
            status: 'draft',
            source_application_id: input.sourceApplicationId ?? null,
            created_by: input.author.id,
            created_at: at,
            updated_at: at,
            submitted_at: null,
          })
          .execute();
        const source = input.sourceApplicationId
          ? await trx
              .selectFrom('answer')
              .selectAll()
              .where('application_id', '=', input.sourceApplicationId)
              .execute()
          : [];
        const sourceByCriterion = new Map(source.map((answer) => [answer.criterion_id, answer]));
        for (const criterionId of input.criterionIds) {
          const copied = sourceByCriterion.get(criterionId);
          const answerId = randomUUID();
          const answered = copied?.status != null;
          await trx
            .insertInto('answer')
            .values({
              id: answerId,
              application_id: id,
              criterion_id: criterionId,
              status: answered ? copied.status : null,
              explanation: copied?.explanation ?? '',
              needs_confirmation: answered ? 1 : 0,
              revision: answered ? 1 : 0,
              updated_by: input.author.id,
              updated_at: at,
            })
            .execute();
          if (!copied) continue;
          if (answered) {
            await trx
              .insertInto('answer_revision')
              .values({
                id: randomUUID(),
                answer_id: answerId,
                revision: 1,
                status: copied.status,
                explanation: copied.explanation,
                author_id: input.author.id,
                author_name: input.author.name,
                created_at: at,
              })
              .execute();
          }
          const links = await trx
            .selectFrom('evidence_link')
            .selectAll()
            .where('answer_id', '=', copied.id)
            .execute();
          for (const link of links) {
            await trx
              .insertInto('evidence_link')
              .values({ ...link, id: randomUUID(), answer_id: answerId })
              .execute();
          }
          // Stored files never change, so the copy can point at the same stored bytes.
          const files = await trx
            .selectFrom('evidence_file')
            .selectAll()
            .where('answer_id', '=', copied.id)
            .execute();
          for (const file of files) {
            await trx
              .insertInto('evidence_file')
              .values({ ...file, id: randomUUID(), answer_id: answerId })
              .execute();
          }
        }
      });
      return id;
    },

    async find(applicationId: string): Promise<(ApplicationRow & { status: ApplicationStatus }) | undefined> {
      const row = await db
        .selectFrom('application')
        .selectAll()
        .where('id', '=', applicationId)
        .executeTakeFirst();
      if (!row || !isApplicationStatus(row.status)) return undefined;
      return { ...row, status: row.status };
    },

    async listForCompany(companyId: string): Promise<ApplicationSummary[]> {
      const rows = await db
        .selectFrom('application')
        .innerJoin('product', 'product.id', 'application.product_id')
        .selectAll('application')
        .select('product.name as product_name')
        .where('application.organization_id', '=', companyId)
        .orderBy('application.created_at', 'desc')
        .execute();
      return rows.flatMap((row) => (isApplicationStatus(row.status) ? [{ ...row, status: row.status }] : []));
    },

    answers(applicationId: string): Promise<Map<string, AnswerRecord>> {
      return readAnswers(db, applicationId);
    },

    /**
     * Submits the draft if `blockersOf` finds nothing in its answers, reading and locking in one
     * transaction so no edit can slip in between the check and the lock.
     */
    async submit<Blocker>(
      applicationId: string,
      now: Date,
      blockersOf: (answers: Map<string, AnswerRecord>) => Blocker[],
    ): Promise<{ ok: true } | { ok: false; blockers: Blocker[] } | { ok: false; reason: 'locked' }> {
      let blockers: Blocker[] = [];
      const changed = await changeDraft(db, applicationId, now, async (trx) => {
        blockers = blockersOf(await readAnswers(trx, applicationId));
        if (blockers.length > 0) return;
        const moved = await trx
          .updateTable('application')
          .set({ status: 'submitted', submitted_at: now.toISOString() })
          .where('id', '=', applicationId)
          .where('status', '=', 'draft')
          .executeTakeFirst();
        // Only a draft is submitted; answers changed after a request for changes are resubmitted instead.
        if (Number(moved.numUpdatedRows) !== 1) throw new DraftLocked();
      });
      if (!changed) return { ok: false, reason: 'locked' };
      return blockers.length > 0 ? { ok: false, blockers } : { ok: true };
    },

    /** Moves the application from one state to the next; false when another request moved it first. */
    async changeStatus(
      applicationId: string,
      from: ApplicationStatus,
      to: ApplicationStatus,
      now: Date,
    ): Promise<boolean> {
      const result = await db
        .updateTable('application')
        .set({
          status: to,
          updated_at: now.toISOString(),
          ...(to === 'submitted' ? { submitted_at: now.toISOString() } : {}),
        })
        .where('id', '=', applicationId)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Keeps an unsuccessful application past the retention period, or lets it go; false for any other. */
    async setKept(applicationId: string, kept: boolean): Promise<boolean> {
      const result = await db
        .updateTable('application')
        .set({ kept: kept ? 1 : 0 })
        .where('id', '=', applicationId)
        .where('status', 'in', unsuccessfulStatuses)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Unsuccessful, unkept applications that ended before `cutoff` (see domain/personal-data.ts). */
    async dueForDeletion(cutoff: Date, limit = 500): Promise<ApplicationRow[]> {
      return db
        .selectFrom('application')
        .selectAll()
        .where(dueForDeletion(cutoff.toISOString()))
        .orderBy('updated_at')
        .limit(limit)
        .execute();
    },

    /**
     * Deletes an application that is still due for deletion (nobody kept or appealed it meanwhile), with
     * its answers and evidence; returns the storage keys of its files, or undefined if it was not deleted.
     */
    async deleteIfDue(applicationId: string, cutoff: Date): Promise<string[] | undefined> {
      return inTransaction(db, async (trx) => {
        const files = await trx
          .selectFrom('evidence_file')
          .innerJoin('answer', 'answer.id', 'evidence_file.answer_id')
          .select('evidence_file.storage_key')
          .where('answer.application_id', '=', applicationId)
          .execute();
        const result = await trx
          .deleteFrom('application')
          .where('id', '=', applicationId)
          .where(dueForDeletion(cutoff.toISOString()))
          .executeTakeFirst();
        return Number(result.numDeletedRows) === 1 ? files.map((file) => file.storage_key) : undefined;
      });
    },

    /**
     * The stored files of a company (its applications' evidence and its products' pictures), to release
     * once the company is gone; a picture a published certification still shows is kept by that check.
     */
    async companyStoredFiles(companyId: string): Promise<string[]> {
      const [evidence, pictures] = await Promise.all([
        db
          .selectFrom('evidence_file')
          .innerJoin('answer', 'answer.id', 'evidence_file.answer_id')
          .innerJoin('application', 'application.id', 'answer.application_id')
          .select('evidence_file.storage_key')
          .where('application.organization_id', '=', companyId)
          .execute(),
        db.selectFrom('product').select('image_key').where('organization_id', '=', companyId).execute(),
      ]);
      return [
        ...new Set([
          ...evidence.map((row) => row.storage_key),
          ...pictures.flatMap((row) => row.image_key ?? []),
        ]),
      ];
    },

    async deleteDraft(applicationId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('application')
        .where('id', '=', applicationId)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export type ApplicationRepository = ReturnType<typeof createApplicationRepository>;
