import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { decideAccess, type Principal } from '../../platform/auth/access';
import { createAuditLog } from '../../platform/audit/store';
import type { CriteriaCatalogue } from './loader';
import type { CriteriaPublications } from './publications-store';

export interface PublishDependencies {
  jobs: { transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> };
  criteria: CriteriaCatalogue;
  criteriaPublications: CriteriaPublications;
  now: () => Date;
}

export type PublishResult =
  | { kind: 'published'; previous: number }
  /** No such version in the files, or an actor who may not publish. */
  | { kind: 'not-found' }
  /** A version at or below the current one: publishing it would change nothing new applications use. */
  | { kind: 'older-than-current' }
  | { kind: 'already-published' };

/**
 * Publishes a criteria version from the files: from then on new applications and renewals use it. The
 * publication and its audit entry are one transaction, and the check against the current version reads
 * in it, so two admins publishing at once cannot both win.
 */
export async function publishCriteriaVersion(
  deps: PublishDependencies,
  request: { actor: Principal; version: number },
): Promise<PublishResult> {
  const { actor, version } = request;
  const result = await deps.jobs.transaction(async (trx): Promise<PublishResult> => {
    if (!decideAccess('admin', actor).allowed || !deps.criteria.versions.has(version))
      return { kind: 'not-found' };
    const current = await deps.criteriaPublications.newestIn(trx);
    if (version <= current) return { kind: 'older-than-current' };
    const now = deps.now();
    if (!(await deps.criteriaPublications.publish(version, actor.userId, now, trx)))
      return { kind: 'already-published' };
    await createAuditLog(trx).append(
      {
        actorId: actor.userId,
        action: 'criteria-published',
        subjectId: String(version),
        details: { previous: current },
      },
      now,
    );
    return { kind: 'published', previous: current };
  });
  deps.criteriaPublications.forget();
  return result;
}
