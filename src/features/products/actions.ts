import type { Kysely } from 'kysely';
import type { Database, ProductRow } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs/queue';
import type { ReleaseFiles } from '../../platform/storage/cleanup';
import type { FileStorage } from '../../platform/storage/files';
import { createApplicationRepository } from '../applications';
import { createCompanyRepository, type CompanyMembership } from '../companies';
import { supportPeriodRunning } from './rules';
import { createProductRepository, type ProductFields } from './store';

export interface ProductActionDependencies {
  jobs: JobQueue;
  files: FileStorage;
  releaseFiles: ReleaseFiles;
  criteriaPublications: { current(): Promise<{ version: number; criteria: readonly { id: string }[] }> };
  now: () => Date;
}

export interface ProductActor {
  userId: string;
  name: string;
}

/** The product named, in the company named, if the actor belongs to that company. */
export interface ProductRef {
  slug: string;
  productId: string;
}

export type ProductUpdateResult =
  | { kind: 'saved' }
  | { kind: 'not-found' }
  /** Someone saved since the form was read: nothing was written; `current` is what they saved. */
  | { kind: 'conflict'; current: ProductRow };

export type StartResult =
  { kind: 'started'; applicationId: string } | { kind: 'not-found' } | { kind: 'support-ended' };

/**
 * A company's products: adding, editing, its picture and starting an application for it. Each decides
 * access from the actor's membership in the same transaction that writes, so a member removed meanwhile
 * writes nothing. Stored pictures are released once the change that let go of them has committed.
 */
export function createProductActions(deps: ProductActionDependencies) {
  async function accessible(trx: Kysely<Database>, actor: ProductActor, ref: ProductRef) {
    const membership = await createCompanyRepository(trx).membership(ref.slug, actor.userId);
    if (!membership) return undefined;
    const product = await createProductRepository(trx).find(membership.companyId, ref.productId);
    return product ? { membership, product } : undefined;
  }

  return {
    create(
      actor: ProductActor,
      request: { slug: string; fields: ProductFields },
    ): Promise<
      { kind: 'created'; productId: string; membership: CompanyMembership } | { kind: 'not-found' }
    > {
      return deps.jobs.transaction(async (trx) => {
        const membership = await createCompanyRepository(trx).membership(request.slug, actor.userId);
        if (!membership) return { kind: 'not-found' };
        const productId = await createProductRepository(trx).create(
          membership.companyId,
          request.fields,
          deps.now(),
        );
        return { kind: 'created', productId, membership };
      });
    },

    /** Saves the product's facts if nobody saved since `revision` was read. */
    update(
      actor: ProductActor,
      request: ProductRef & { revision: number; fields: ProductFields },
    ): Promise<ProductUpdateResult> {
      return deps.jobs.transaction(async (trx) => {
        const found = await accessible(trx, actor, request);
        if (!found) return { kind: 'not-found' };
        const products = createProductRepository(trx);
        const { companyId } = found.membership;
        if (await products.update(companyId, request.productId, request.revision, request.fields, deps.now()))
          return { kind: 'saved' };
        return {
          kind: 'conflict',
          current: (await products.find(companyId, request.productId)) ?? found.product,
        };
      });
    },

    /** Sets (or, with null, removes) the product's picture; the one it replaces goes unless still in use. */
    async setPicture(
      actor: ProductActor,
      request: ProductRef & { picture: { bytes: Uint8Array; type: string } | null },
    ): Promise<{ kind: 'changed' } | { kind: 'not-found' }> {
      // Files live outside the database: stored first, released again should the change not hold.
      const key = request.picture ? await deps.files.put(request.picture.bytes) : null;
      const replaced = await deps.jobs
        .transaction(async (trx) => {
          const found = await accessible(trx, actor, request);
          if (!found) return undefined;
          const image = key && request.picture ? { key, type: request.picture.type } : null;
          await createProductRepository(trx).setImage(
            found.membership.companyId,
            found.product.id,
            image,
            deps.now(),
          );
          return { previous: found.product.image_key };
        })
        .catch(async (error: unknown) => {
          await deps.releaseFiles([key]);
          throw error;
        });
      if (!replaced) {
        await deps.releaseFiles([key]);
        return { kind: 'not-found' };
      }
      await deps.releaseFiles([replaced.previous]);
      return { kind: 'changed' };
    },

    /**
     * Starts a draft application for the product with the newest published criteria, optionally taking
     * the answers of one of the same company's earlier applications.
     */
    async startApplication(
      actor: ProductActor,
      request: ProductRef & { sourceApplicationId: string },
    ): Promise<StartResult> {
      // Read before the transaction: on SQLite it holds the only connection.
      const version = await deps.criteriaPublications.current();
      return deps.jobs.transaction(async (trx) => {
        const found = await accessible(trx, actor, request);
        if (!found) return { kind: 'not-found' };
        const { membership, product } = found;
        if (!supportPeriodRunning(product.support_end_date, deps.now())) return { kind: 'support-ended' };
        const applications = createApplicationRepository(trx);
        const source = request.sourceApplicationId
          ? await applications.find(request.sourceApplicationId)
          : undefined;
        // Answers can only be reused from the same company's applications.
        if (request.sourceApplicationId && source?.organization_id !== membership.companyId)
          return { kind: 'not-found' };
        const applicationId = await applications.create({
          companyId: membership.companyId,
          productId: product.id,
          criteriaVersion: version.version,
          criterionIds: version.criteria.map((criterion) => criterion.id),
          author: { id: actor.userId, name: actor.name },
          now: deps.now(),
          ...(source ? { sourceApplicationId: source.id } : {}),
        });
        return { kind: 'started', applicationId };
      });
    },
  };
}

export type ProductActions = ReturnType<typeof createProductActions>;
