import { evidencePerAnswerLimit } from './rules';
import type { Kysely } from 'kysely';
import type { Database, EvidenceFileRow, EvidenceLinkRow } from '../../platform/db/schema';
import { inTransaction } from '../../platform/db/transaction';
import { isAnswerStatus, type AnswerState } from '../review/decision-rules';
import { applicationStatuses, canApply } from './rules';

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

/** The states in which the company may change its answers: a draft, and when reviewers asked for changes. */
const editableStatuses = applicationStatuses.filter((status) => canApply(status, 'edit'));

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

export class DraftLocked extends Error {}

/** Every answer of an application with its evidence, keyed by criterion id. */
export async function readAnswers(
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

/** Runs `change` only while the application is a draft; false when it no longer is. */
class EvidenceLimitReached extends Error {}

/**
 * `changeDraft` for one more link or file on an answer: counted in the transaction that holds the draft's
 * lock, so two people adding at once cannot pass the limit together. 'limit' when the answer is full.
 */
export async function changeDraftWithin(
  db: Kysely<Database>,
  applicationId: string,
  now: Date,
  table: 'evidence_link' | 'evidence_file',
  answerId: string,
  change: (trx: Kysely<Database>) => Promise<void>,
): Promise<boolean | 'limit'> {
  try {
    return await changeDraft(db, applicationId, now, async (trx) => {
      const { count } = await trx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('answer_id', '=', answerId)
        .executeTakeFirstOrThrow();
      if (Number(count) >= evidencePerAnswerLimit) throw new EvidenceLimitReached();
      await change(trx);
    });
  } catch (error) {
    if (error instanceof EvidenceLimitReached) return 'limit';
    throw error;
  }
}

export async function changeDraft(
  db: Kysely<Database>,
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
