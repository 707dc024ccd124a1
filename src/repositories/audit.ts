import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEventRow, Database } from '../db/schema';

export interface AuditEntry {
  /** Null when the platform acted by itself (automatic assignment). */
  actorId: string | null;
  action: string;
  applicationId?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
  reason?: string;
}

/**
 * The audit log: append and read, nothing else. No code path updates or deletes an entry, so the log
 * of who did what, when and why can be trusted by reviewers, admins and, later, auditors.
 */
export function createAuditLog(db: Kysely<Database>) {
  return {
    async append(entry: AuditEntry, now: Date): Promise<void> {
      await db
        .insertInto('audit_event')
        .values({
          id: randomUUID(),
          occurred_at: now.toISOString(),
          actor_id: entry.actorId,
          action: entry.action,
          application_id: entry.applicationId ?? null,
          subject_id: entry.subjectId ?? null,
          details: JSON.stringify(entry.details ?? {}),
          reason: entry.reason ?? '',
        })
        .execute();
    },

    forApplication(applicationId: string): Promise<AuditEventRow[]> {
      return db
        .selectFrom('audit_event')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('occurred_at')
        .orderBy('id')
        .execute();
    },

    recent(limit = 100): Promise<AuditEventRow[]> {
      return db.selectFrom('audit_event').selectAll().orderBy('occurred_at', 'desc').limit(limit).execute();
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
