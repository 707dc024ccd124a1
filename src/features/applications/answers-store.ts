import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AnswerRevisionRow, Database } from '../../platform/db/schema';
import type { AnswerStatus } from '../review/decision-rules';
import { changeDraft, changeDraftWithin, type Author } from './draft-store';

export type EvidenceRemoval = 'removed' | 'not-found' | 'locked';

export type SaveOutcome = { ok: true; revision: number } | { ok: false; reason: 'conflict' | 'locked' };

/** The answers of a draft and their evidence: each change only while the application may be edited. */
export function createAnswerRepository(db: Kysely<Database>) {
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
    const changed = await changeDraft(db, applicationId, now, async (trx) => {
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
      const changed = await changeDraft(db, input.applicationId, input.now, async (trx) => {
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
      return changeDraftWithin(db, applicationId, now, 'evidence_link', answerId, async (trx) => {
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
      return changeDraftWithin(db, applicationId, now, 'evidence_file', answerId, async (trx) => {
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

    /** A stored evidence file together with the application it belongs to, for access checks. */
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
  };
}
