import type { Kysely } from 'kysely';
import type { DialectName } from '../../platform/db/dialect';
import type { CertificationRow, Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs/queue';
import { certifiedProductOf, createSecurityActions, type SecurityRequest } from './actions';
import { createSecurityRepository, type SecurityInformation } from './store';

export interface SecurityServiceDependencies {
  db: Kysely<Database>;
  dialect: DialectName;
  jobs: JobQueue;
  now: () => Date;
  published: (certificationId: string) => void;
}

/** What the routes use: the public reading of a product's security information, and the use cases. */
export function createSecurityService(deps: SecurityServiceDependencies) {
  const repository = createSecurityRepository(deps.db);
  return {
    ...createSecurityActions(deps),

    /** A public record's security information: its product's, whichever mark it was published on. */
    of(certification: Pick<CertificationRow, 'product_id'>): Promise<SecurityInformation> {
      return repository.forProduct(certification.product_id);
    },

    /** The certified product a member asks about, for the company's own page (undefined: not found). */
    certifiedProduct(request: SecurityRequest): Promise<CertificationRow | undefined> {
      return certifiedProductOf(deps.db, deps.dialect, request);
    },
  };
}

export type SecurityService = ReturnType<typeof createSecurityService>;
