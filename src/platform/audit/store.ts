import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { containsIgnoringCase } from '../db/dialect';
import type { AuditEventRow, Database } from '../db/schema';

/** What the audit log viewer filters by; every part is optional. */
export interface AuditFilter {
  /** Part of the actor's name or email address. */
  actor?: string | undefined;
  applicationId?: string | undefined;
  /** A product: its applications' entries and its certifications' entries. */
  productId?: string | undefined;
  action?: string | undefined;
  /** Inclusive ISO dates (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditEntryWithActor extends AuditEventRow {
  actor_name: string | null;
  actor_email: string | null;
}

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
    /**
     * Records one change. Only inside the transaction that makes the change: an entry written on its own
     * could be lost after the change commits, or outlive a change that rolled back.
     */
    async append(entry: AuditEntry, now: Date): Promise<void> {
      if (!db.isTransaction)
        throw new Error(`The audit entry "${entry.action}" must be written in its change's transaction`);
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

    /** Entries matching the filter, newest first. */
    search(filter: AuditFilter, limit: number): Promise<AuditEntryWithActor[]> {
      let query = db
        .selectFrom('audit_event')
        .leftJoin('user', 'user.id', 'audit_event.actor_id')
        .selectAll('audit_event')
        .select(['user.name as actor_name', 'user.email as actor_email']);
      const { actor, applicationId, productId, action, from, to } = filter;
      if (actor)
        query = query.where((eb) =>
          eb.or([
            containsIgnoringCase(eb.ref('user.name'), actor),
            containsIgnoringCase(eb.ref('user.email'), actor),
          ]),
        );
      if (applicationId) query = query.where('audit_event.application_id', '=', applicationId);
      if (productId)
        query = query.where((eb) =>
          eb.or([
            eb(
              'audit_event.application_id',
              'in',
              eb
                .selectFrom('application')
                .select('application.id')
                .where('application.product_id', '=', productId),
            ),
            eb(
              'audit_event.subject_id',
              'in',
              eb
                .selectFrom('certification')
                .select('certification.id')
                .where('certification.product_id', '=', productId),
            ),
          ]),
        );
      if (action) query = query.where('audit_event.action', '=', action);
      if (from) query = query.where('audit_event.occurred_at', '>=', from);
      // An ISO timestamp of the last day sorts before the next day's date.
      if (to) query = query.where('audit_event.occurred_at', '<', nextDay(to));
      return query
        .orderBy('audit_event.occurred_at', 'desc')
        .orderBy('audit_event.id', 'desc')
        .limit(limit)
        .execute();
    },

    async actions(): Promise<string[]> {
      const rows = await db.selectFrom('audit_event').select('action').distinct().orderBy('action').execute();
      return rows.map((row) => row.action);
    },

    recent(limit = 100): Promise<AuditEventRow[]> {
      return db.selectFrom('audit_event').selectAll().orderBy('occurred_at', 'desc').limit(limit).execute();
    },
  };
}

function nextDay(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

export type AuditLog = ReturnType<typeof createAuditLog>;
