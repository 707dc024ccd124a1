import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { decideAccess, type Principal } from '../../platform/auth/access';
import { createAuditLog } from '../../platform/audit/store';
import type { DialectName } from '../../platform/db/dialect';
import type { CertificationRow, Database } from '../../platform/db/schema';
import { defaultLocale, isLocale, messagesFor, type Locale } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import type { QueuedMailer } from '../../platform/mail/queued-mailer';
import type { JobQueue } from '../../platform/jobs/queue';
import type { CriteriaCatalogue } from '../criteria';
import { liveStatus } from '../registry/rules';
import { createRegistryRepository } from '../registry';
import { acceptsConcerns, type ConcernDecision } from './rules';
import { createConcernRepository } from './store';

export interface ConcernActionDependencies {
  jobs: JobQueue;
  mailer: QueuedMailer;
  criteria: CriteriaCatalogue;
  database: { db: Kysely<Database>; dialect: DialectName };
  config: { baseUrl: string; contactTo: string };
  now: () => Date;
}

export interface RaiseRequest {
  certificationId: string;
  /** '' for the whole product. */
  criterion: string;
  message: string;
  email: string;
  locale: Locale;
}

export type RaiseResult =
  | { kind: 'raised' }
  | { kind: 'not-found' }
  /** The mark is over (revoked, expired): there is nothing left to challenge. */
  | { kind: 'closed' }
  | { kind: 'unknown-criterion' };

export type ConcernDecisionResult = { kind: 'decided' } | { kind: 'not-found' } | { kind: 'already-decided' };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The certification a concern may be raised about, and whether it is still open to concerns. */
async function concernTarget(
  db: Kysely<Database>,
  deps: Pick<ConcernActionDependencies, 'database' | 'now'>,
  certificationId: string,
): Promise<{ row: CertificationRow; open: boolean } | undefined> {
  const row = await createRegistryRepository(db, deps.database.dialect).find(certificationId);
  if (!row) return undefined;
  return { row, open: acceptsConcerns(liveStatus(row.status, row.valid_until, deps.now())) };
}

/**
 * Concerns from the public and the admins' decisions on them. Each writes the concern with its audit
 * entry (for a decision) and the mail it causes in one transaction: the mail goes if and only if the
 * change holds.
 */
export function createConcernActions(deps: ConcernActionDependencies) {
  const registryIn = (trx: Kysely<Database>) => createRegistryRepository(trx, deps.database.dialect);

  return {
    /** The certification named, for the concern form: undefined when there is none. */
    target: (certificationId: string) => concernTarget(deps.database.db, deps, certificationId),

    /** Records a concern, unconfirmed, and mails its author the link that confirms it. */
    raise(request: RaiseRequest): Promise<RaiseResult> {
      return deps.jobs.transaction(async (trx) => {
        const target = await concernTarget(trx, deps, request.certificationId);
        if (!target) return { kind: 'not-found' };
        if (!target.open) return { kind: 'closed' };
        const { row } = target;
        const criteria = deps.criteria.versions.get(row.criteria_version)?.criteria ?? [];
        if (request.criterion && !criteria.some((criterion) => criterion.id === request.criterion))
          return { kind: 'unknown-criterion' };
        const token = randomBytes(32).toString('base64url');
        const concern = {
          certificationId: row.id,
          criterionId: request.criterion || null,
          message: request.message,
          email: request.email,
          locale: request.locale,
          confirmationHash: hashOf(token),
        };
        await createConcernRepository(trx).create(concern, deps.now());
        const m = messagesFor(request.locale);
        const link = `${deps.config.baseUrl}/${request.locale}/concerns/confirm?token=${token}`;
        const body = m.concerns.mailBody(row.product_name, link);
        await deps.mailer.sendIn(
          trx,
          composeMail(m, request.email, '', m.concerns.mailSubject(row.product_name), body),
        );
        return { kind: 'raised' };
      });
    },

    /** Opens the concern whose mailed link this is; the program hears of it. False for a bad or old link. */
    confirm(token: string, locale: Locale): Promise<boolean> {
      return deps.jobs.transaction(async (trx) => {
        const confirmed = token
          ? await createConcernRepository(trx).confirm(hashOf(token), deps.now())
          : undefined;
        if (!confirmed) return false;
        const row = await registryIn(trx).find(confirmed.certification_id);
        if (row && deps.config.contactTo) {
          const m = messagesFor(locale);
          const adminUrl = `${deps.config.baseUrl}/${locale}/admin/concerns`;
          const body = m.concerns.programBody(row.product_name, adminUrl);
          await deps.mailer.sendIn(
            trx,
            composeMail(m, deps.config.contactTo, '', m.concerns.programSubject(row.product_name), body),
            `concern-confirmed:${confirmed.id}`,
          );
        }
        return true;
      });
    },

    /**
     * An admin upholds or rejects an open concern with a public note. The decision, its audit entry and
     * the author's mail are one transaction; a concern decided meanwhile (or under re-review) is refused.
     */
    decide(
      actor: Principal,
      request: { concernId: string; decision: ConcernDecision; note: string },
    ): Promise<ConcernDecisionResult> {
      return deps.jobs.transaction(async (trx) => {
        if (!decideAccess('admin', actor).allowed) return { kind: 'not-found' };
        const concerns = createConcernRepository(trx);
        const concern = await concerns.find(request.concernId);
        if (!concern || concern.status === 'unconfirmed') return { kind: 'not-found' };
        const { decision, note } = request;
        const now = deps.now();
        if (!(await concerns.decide(concern.id, decision, note, actor.userId, now)))
          return { kind: 'already-decided' };
        await createAuditLog(trx).append(
          {
            actorId: actor.userId,
            action: `concern-${decision}`,
            subjectId: concern.certification_id,
            reason: note,
          },
          now,
        );
        const row = await registryIn(trx).find(concern.certification_id);
        if (row) {
          const author = messagesFor(isLocale(concern.locale) ? concern.locale : defaultLocale);
          const productUrl = `${deps.config.baseUrl}/${concern.locale}/products/${row.id}`;
          const outcome = author.concerns.decisions[decision] ?? decision;
          const body = author.concerns.outcomeBody(row.product_name, outcome, note, productUrl);
          await deps.mailer.sendIn(
            trx,
            composeMail(author, concern.email, '', author.concerns.outcomeSubject(row.product_name), body),
            `concern-decided:${concern.id}`,
          );
        }
        return { kind: 'decided' };
      });
    },
  };
}

export type ConcernActions = ReturnType<typeof createConcernActions>;
