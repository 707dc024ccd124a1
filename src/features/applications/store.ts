import { inTransaction } from '../../platform/db/transaction';
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type {
  AnswerRevisionRow,
  ApplicationRow,
  Database,
  EvidenceFileRow,
  EvidenceLinkRow,
} from '../../platform/db/schema';
import { applicationStatuses, canApply, isApplicationStatus, type ApplicationStatus } from './rules';
import { isAnswerStatus, type AnswerState, type AnswerStatus } from '../review/decision-rules';
import { isUnsuccessful } from '../privacy/rules';

export interface Author {
  id: string;
  name: string;
}

export interface AnswerRecord extends AnswerState {
  id: string;
  criterionId: string;
  revision: number;
  updatedBy: string;
  updatedAt: string;
  links: EvidenceLinkRow[];
  files: EvidenceFileRow[];
}

export interface ApplicationSummary extends ApplicationRow {
  status: ApplicationStatus;
  product_name: string;
}

export type EvidenceRemoval = 'removed' | 'not-found' | 'locked';

export type SaveOutcome = { ok: true; revision: number } | { ok: false; reason: 'conflict' | 'locked' };

/** The states in which the company may change its answers: a draft, and when reviewers asked for changes. */
const editableStatuses = applicationStatuses.filter((status) => canApply(status, 'edit'));

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

/** Answer changes happen inside a transaction that first touches the application while it is editable:
 *  the row lock (PostgreSQL) or the write lock (SQLite) keeps a concurrent submit from slipping between. */
async function lockDraft(trx: Kysely<Database>, applicationId: string, now: Date): Promise<boolean> {
  const touched = await trx
    .updateTable('application')
    .set({ updated_at: now.toISOString() })
    .where('id', '=', applicationId)
    .where('status', 'in', editableStatuses)
    .executeTakeFirst();
  return Number(touched.numUpdatedRows) === 1;
}

class DraftLocked extends Error {}

/** Every answer of an application with its evidence, keyed by criterion id. */
async function readAnswers(
  executor: Kysely<Database>,
  applicationId: string,
): Promise<Map<string, AnswerRecord>> {
  const [answers, links, files] = await Promise.all([
    executor.selectFrom('answer').selectAll().where('application_id', '=', applicationId).execute(),
    executor
      .selectFrom('evidence_link')
      .innerJoin('answer', 'answer.id', 'evidence_link.answer_id')
      .selectAll('evidence_link')
      .where('answer.application_id', '=', applicationId)
      .orderBy('evidence_link.created_at')
      .execute(),
    executor
      .selectFrom('evidence_file')
      .innerJoin('answer', 'answer.id', 'evidence_file.answer_id')
      .selectAll('evidence_file')
      .where('answer.application_id', '=', applicationId)
      .orderBy('evidence_file.created_at')
      .execute(),
  ]);
  const records = new Map<string, AnswerRecord>();
  for (const answer of answers) {
    const answerLinks = links.filter((link) => link.answer_id === answer.id);
    const answerFiles = files.filter((file) => file.answer_id === answer.id);
    records.set(answer.criterion_id, {
      id: answer.id,
      criterionId: answer.criterion_id,
      status: isAnswerStatus(answer.status) ? answer.status : null,
      explanation: answer.explanation,
      needsConfirmation: answer.needs_confirmation === 1,
      evidenceCount: answerLinks.length + answerFiles.length,
      revision: answer.revision,
      updatedBy: answer.updated_by,
      updatedAt: answer.updated_at,
      links: answerLinks,
      files: answerFiles,
    });
  }
  return records;
}

export function createApplicationRepository(db: Kysely<Database>) {
  /** Runs `change` only while the application is a draft; false when it no longer is. */
  async function changeDraft(
    applicationId: string,
    now: Date,
    change: (trx: Kysely<Database>) => Promise<void>,
  ) {
    try {
      await inTransaction(db, async (trx) => {
        if (!(await lockDraft(trx, applicationId, now))) throw new DraftLocked();
        await change(trx);
      });
      return true;
    } catch (error) {
      if (error instanceof DraftLocked) return false;
      throw error;
    }
  }

  /**
   * Removes a link or file of one answer. An id that is not evidence of this answer (another
   * application's, or already removed) removes nothing and says so, whoever's it is.
   */
  async function removeEvidence(
    table: 'evidence_link' | 'evidence_file',
    applicationId: string,
    answerId: string,
    evidenceId: string,
    now: Date,
  ): Promise<EvidenceRemoval> {
    let removed = false;
    const changed = await changeDraft(applicationId, now, async (trx) => {
      const result = await trx
        .deleteFrom(table)
        .where('id', '=', evidenceId)
        .where('answer_id', '=', answerId)
        .executeTakeFirst();
      removed = Number(result.numDeletedRows) > 0;
    });
    if (!changed) return 'locked';
    return removed ? 'removed' : 'not-found';
  }

  return {
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
      const changed = await changeDraft(applicationId, now, async (trx) => {
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

    /**
     * Saves an answer if nobody saved it since `expectedRevision` and the application is still a draft.
     * Saving also confirms a copied answer: a person has looked at it.
     */
    async saveAnswer(input: {
      applicationId: string;
      criterionId: string;
      expectedRevision: number;
      status: AnswerStatus | null;
      explanation: string;
      author: Author;
      now: Date;
    }): Promise<SaveOutcome> {
      let outcome: SaveOutcome = { ok: false, reason: 'conflict' };
      const changed = await changeDraft(input.applicationId, input.now, async (trx) => {
        const revision = input.expectedRevision + 1;
        const updated = await trx
          .updateTable('answer')
          .set({
            status: input.status,
            explanation: input.explanation,
            needs_confirmation: 0,
            revision,
            updated_by: input.author.id,
            updated_at: input.now.toISOString(),
          })
          .where('application_id', '=', input.applicationId)
          .where('criterion_id', '=', input.criterionId)
          .where('revision', '=', input.expectedRevision)
          .returning('id')
          .executeTakeFirst();
        if (!updated) return;
        await trx
          .insertInto('answer_revision')
          .values({
            id: randomUUID(),
            answer_id: updated.id,
            revision,
            status: input.status,
            explanation: input.explanation,
            author_id: input.author.id,
            author_name: input.author.name,
            created_at: input.now.toISOString(),
          })
          .execute();
        outcome = { ok: true, revision };
      });
      return changed ? outcome : { ok: false, reason: 'locked' };
    },

    history(answerId: string): Promise<AnswerRevisionRow[]> {
      return db
        .selectFrom('answer_revision')
        .selectAll()
        .where('answer_id', '=', answerId)
        .orderBy('revision', 'desc')
        .execute();
    },

    addLink(
      applicationId: string,
      answerId: string,
      link: { url: string; title: string },
      author: Author,
      now: Date,
    ) {
      return changeDraft(applicationId, now, async (trx) => {
        await trx
          .insertInto('evidence_link')
          .values({
            id: randomUUID(),
            answer_id: answerId,
            ...link,
            added_by: author.id,
            created_at: now.toISOString(),
          })
          .execute();
      });
    },

    removeLink(applicationId: string, answerId: string, linkId: string, now: Date) {
      return removeEvidence('evidence_link', applicationId, answerId, linkId, now);
    },

    addFile(
      applicationId: string,
      answerId: string,
      file: { storageKey: string; fileName: string; contentType: string; sizeBytes: number },
      author: Author,
      now: Date,
    ) {
      return changeDraft(applicationId, now, async (trx) => {
        await trx
          .insertInto('evidence_file')
          .values({
            id: randomUUID(),
            answer_id: answerId,
            storage_key: file.storageKey,
            file_name: file.fileName,
            content_type: file.contentType,
            size_bytes: file.sizeBytes,
            added_by: author.id,
            created_at: now.toISOString(),
          })
          .execute();
      });
    },

    removeFile(applicationId: string, answerId: string, fileId: string, now: Date) {
      return removeEvidence('evidence_file', applicationId, answerId, fileId, now);
    },

    /** A stored evidence file together with the application it belongs to, for access checks. */
    /** The id of the answer to one criterion, without reading the whole application. */
    async answerId(applicationId: string, criterionId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('answer')
        .select('id')
        .where('application_id', '=', applicationId)
        .where('criterion_id', '=', criterionId)
        .executeTakeFirst();
      return row?.id;
    },

    findFile(fileId: string) {
      return db
        .selectFrom('evidence_file')
        .innerJoin('answer', 'answer.id', 'evidence_file.answer_id')
        .innerJoin('application', 'application.id', 'answer.application_id')
        .selectAll('evidence_file')
        .select(['application.id as application_id', 'application.organization_id'])
        .where('evidence_file.id', '=', fileId)
        .executeTakeFirst();
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
