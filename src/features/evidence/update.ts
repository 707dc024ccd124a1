import type { Kysely } from 'kysely';
import { createAuditLog } from '../../platform/audit/store';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs/queue';
import { createApplicationRepository } from '../applications';
import { createCompanyRepository } from '../companies';
import type { CriteriaCatalogue } from '../criteria';
import { createProductRepository } from '../products';
import { confirmedByStarting, updateRefusal, type UpdateRefusal } from './update-rules';
import { createUpdateStore } from './update-store';

export interface UpdateActor {
  userId: string;
  name: string;
}

export interface UpdateRef {
  slug: string;
  productId: string;
}

export interface UpdateDependencies {
  jobs: Pick<JobQueue, 'transaction'>;
  criteria: CriteriaCatalogue;
  now: () => Date;
}

export type StartUpdateResult =
  | { kind: 'started'; applicationId: string }
  /** Not a member of the company, or not its product: as if it did not exist. */
  | { kind: 'not-found' }
  | { kind: 'refused'; refusal: UpdateRefusal; openApplicationId: string | undefined };

/** The product of the company in the URL, when the user is its member; undefined for everybody else. */
async function ownProduct(trx: Kysely<Database>, actor: UpdateActor, ref: UpdateRef) {
  const membership = await createCompanyRepository(trx).membership(ref.slug, actor.userId);
  if (!membership) return undefined;
  const product = await createProductRepository(trx).find(membership.companyId, ref.productId);
  return product ? { companyId: membership.companyId, product } : undefined;
}

/** What the update notice shows a member of the company: the certification, its changed evidence, an open application. */
export async function updateView(db: Kysely<Database>, actor: UpdateActor, ref: UpdateRef) {
  const own = await ownProduct(db, actor, ref);
  if (!own) return undefined;
  const store = createUpdateStore(db);
  const [certified, openApplicationId] = await Promise.all([
    store.certifiedProduct(own.companyId, own.product.id),
    store.openApplicationOf(own.companyId, own.product.id),
  ]);
  return { product: own.product, certified, openApplicationId };
}
export type UpdateView = NonNullable<Awaited<ReturnType<typeof updateView>>>;

/**
 * The company starts an update of its certified product whose evidence changed: a new application from the
 * certified one, on the same criteria version, with its answers copied; the unchanged ones confirmed in this
 * step, the changed ones left to check. The application, the confirmations and the audit entry are one
 * transaction. Its submission then runs as any other (reviewers, evidence checks, mail as jobs).
 */
export async function startEvidenceUpdate(
  deps: UpdateDependencies,
  actor: UpdateActor,
  ref: UpdateRef,
): Promise<StartUpdateResult> {
  return deps.jobs.transaction(async (trx) => {
    const own = await ownProduct(trx, actor, ref);
    if (!own) return { kind: 'not-found' };
    const store = createUpdateStore(trx);
    await store.lockProduct(own.product.id);
    const certified = await store.certifiedProduct(own.companyId, own.product.id);
    const openApplicationId = await store.openApplicationOf(own.companyId, own.product.id);
    const changedCriteria = [...new Set(certified?.changed.map((pin) => pin.criterion_id) ?? [])];
    const refusal = updateRefusal({ certified: Boolean(certified), changedCriteria, openApplicationId });
    const applications = createApplicationRepository(trx);
    const source = certified && (await applications.find(certified.certification.application_id));
    const version = source && deps.criteria.versions.get(source.criteria_version);
    if (refusal || !certified || !source || !version)
      return { kind: 'refused', refusal: refusal ?? 'not-certified', openApplicationId };
    const now = deps.now();
    const criterionIds = version.criteria.map((criterion) => criterion.id);
    const applicationId = await applications.create({
      companyId: own.companyId,
      productId: own.product.id,
      criteriaVersion: source.criteria_version,
      criterionIds,
      author: { id: actor.userId, name: actor.name },
      now,
      sourceApplicationId: source.id,
    });
    const { confirmed, toCheck } = confirmedByStarting(criterionIds, new Set(changedCriteria));
    await store.confirm(applicationId, confirmed);
    await createAuditLog(trx).append(
      {
        actorId: actor.userId,
        action: 'evidence-update-started',
        applicationId,
        subjectId: certified.certification.id,
        details: { toCheck, confirmed: confirmed.length },
      },
      now,
    );
    return { kind: 'started', applicationId };
  });
}
