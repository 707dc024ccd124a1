import { canPerform } from '../companies/rules';
import type { Kysely } from 'kysely';
import { createAuditLog } from '../../platform/audit/store';
import type { DialectName } from '../../platform/db/dialect';
import type { CertificationRow, Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs/queue';
import { createCompanyRepository } from '../companies';
import { createRegistryRepository } from '../registry';
import { acceptsSecurityInformation } from './rules';
import type { NoticeForm, ReleaseForm } from './schemas';
import { createSecurityRepository, type NewNotice, type NewRelease } from './store';

export interface SecurityActionDependencies {
  jobs: JobQueue;
  dialect: DialectName;
  now: () => Date;
  /** After a publication has committed: the public pages that show it are rendered anew. */
  published: (certificationId: string) => void;
}

/** The product named, in the company named, published on by a member of that company. */
export interface SecurityRequest {
  userId: string;
  slug: string;
  productId: string;
}

export type PublishResult =
  | { kind: 'published'; id: string; certificationId: string }
  /** Not a member, no such product, or a product that was never certified: as if it did not exist. */
  | { kind: 'not-found' }
  /** A member without the owner's or an administrator's role: they see the page, they do not publish. */
  | { kind: 'not-allowed' }
  /** The product's record was revoked: it takes no more public information. */
  | { kind: 'not-accepted' };

/**
 * The certified product a member of its company may publish security information on: its most recent
 * certification, decided in the same transaction as the write, so a member removed meanwhile, or a mark
 * revoked meanwhile, writes nothing.
 */
export async function certifiedProductOf(
  trx: Kysely<Database>,
  dialect: DialectName,
  request: SecurityRequest,
): Promise<CertificationRow | undefined> {
  const membership = await createCompanyRepository(trx).membership(request.slug, request.userId);
  if (!membership) return undefined;
  const certification = await createRegistryRepository(trx, dialect).forProduct(request.productId);
  return certification?.organization_id === membership.companyId ? certification : undefined;
}

/** Publishing security notices and firmware releases: the row and its audit entry in one transaction. */
export function createSecurityActions(deps: SecurityActionDependencies) {
  async function publish(
    request: SecurityRequest,
    action: string,
    write: (trx: Kysely<Database>, certification: CertificationRow, now: Date) => Promise<string>,
    details: Record<string, unknown>,
  ): Promise<PublishResult> {
    const now = deps.now();
    const result = await deps.jobs.transaction(async (trx): Promise<PublishResult> => {
      const certification = await certifiedProductOf(trx, deps.dialect, request);
      if (!certification) return { kind: 'not-found' };
      const membership = await createCompanyRepository(trx).membership(request.slug, request.userId);
      if (!membership || !canPerform(membership.role, 'publish-security-information'))
        return { kind: 'not-allowed' };
      if (!acceptsSecurityInformation(certification.status, certification.valid_until, now))
        return { kind: 'not-accepted' };
      const id = await write(trx, certification, now);
      await createAuditLog(trx).append(
        { actorId: request.userId, action, subjectId: certification.id, details: { id, ...details } },
        now,
      );
      return { kind: 'published', id, certificationId: certification.id };
    });
    if (result.kind === 'published') deps.published(result.certificationId);
    return result;
  }

  const on = (certification: CertificationRow, request: SecurityRequest, now: Date) => ({
    productId: certification.product_id,
    certificationId: certification.id,
    userId: request.userId,
    now,
  });

  return {
    publishNotice(request: SecurityRequest, form: NoticeForm): Promise<PublishResult> {
      const notice: NewNotice = { ...form, csafUrl: form.csafUrl || null };
      return publish(
        request,
        'security-notice-published',
        (trx, certification, now) =>
          createSecurityRepository(trx).addNotice(notice, on(certification, request, now)),
        { title: notice.title, severity: notice.severity },
      );
    },

    publishRelease(request: SecurityRequest, form: ReleaseForm): Promise<PublishResult> {
      const release: NewRelease = { version: form.version, date: form.releasedOn, notesUrl: form.notesUrl };
      return publish(
        request,
        'firmware-release-published',
        (trx, certification, now) =>
          createSecurityRepository(trx).addRelease(release, on(certification, request, now)),
        { version: release.version },
      );
    },
  };
}

export type SecurityActions = ReturnType<typeof createSecurityActions>;
