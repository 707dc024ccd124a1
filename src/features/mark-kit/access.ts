import type { Kysely } from 'kysely';
import type { DialectName } from '../../platform/db/dialect';
import type { CertificationRow, Database } from '../../platform/db/schema';
import { createCompanyRepository } from '../companies';
import { createRegistryRepository } from '../registry';
import { liveStatus } from '../registry/rules';
import { offersMarkKit } from './rules';

export interface KitRequest {
  userId: string;
  slug: string;
  productId: string;
}

/**
 * The mark a member of the owning company may take the kit of: the product's most recent certification,
 * if it belongs to the company named and still stands. Undefined for anyone else and any other product,
 * which the routes answer as "not found", never revealing that it exists.
 */
export async function kitCertification(
  db: Kysely<Database>,
  dialect: DialectName,
  request: KitRequest,
  now: Date,
): Promise<CertificationRow | undefined> {
  const membership = await createCompanyRepository(db).membership(request.slug, request.userId);
  if (!membership) return undefined;
  const certification = await createRegistryRepository(db, dialect).forProduct(request.productId);
  if (certification?.organization_id !== membership.companyId) return undefined;
  return offersMarkKit(liveStatus(certification.status, certification.valid_until, now))
    ? certification
    : undefined;
}
