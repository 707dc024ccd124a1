import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, FirmwareReleaseTable, SecurityNoticeTable } from '../../platform/db/schema';
import { newestFirst, type Severity } from './rules';

export type SecurityNoticeRow = Selectable<SecurityNoticeTable>;
export type FirmwareReleaseRow = Selectable<FirmwareReleaseTable>;

/** A notice as the page, the feed and the API show it. */
export interface SecurityNotice {
  id: string;
  title: string;
  date: string;
  severity: Severity;
  affectedVersions: string;
  fixedVersion: string;
  advisoryUrl: string;
  csafUrl: string | null;
  createdAt: string;
}

export interface FirmwareRelease {
  id: string;
  version: string;
  date: string;
  notesUrl: string;
  createdAt: string;
}

export interface SecurityInformation {
  notices: SecurityNotice[];
  releases: FirmwareRelease[];
}

export type NewNotice = Omit<SecurityNotice, 'id' | 'createdAt'>;
export type NewRelease = Omit<FirmwareRelease, 'id' | 'createdAt'>;

/** Where something is published: the product, and the public record it was published on. */
export interface PublishedOn {
  productId: string;
  certificationId: string;
  userId: string;
  now: Date;
}

const noticeOf = (row: SecurityNoticeRow): SecurityNotice => ({
  id: row.id,
  title: row.title,
  date: row.published_on,
  severity: row.severity as Severity,
  affectedVersions: row.affected_versions,
  fixedVersion: row.fixed_version,
  advisoryUrl: row.advisory_url,
  csafUrl: row.csaf_url,
  createdAt: row.created_at,
});

const releaseOf = (row: FirmwareReleaseRow): FirmwareRelease => ({
  id: row.id,
  version: row.version,
  date: row.released_on,
  notesUrl: row.notes_url,
  createdAt: row.created_at,
});

/** How many of each a product's page, feed and API answer show at most (newest first). */
export const shownPerProduct = 100;

/** Security notices and firmware releases, kept by product so that a renewed mark keeps its history. */
export function createSecurityRepository(db: Kysely<Database>) {
  return {
    async forProduct(productId: string): Promise<SecurityInformation> {
      const [notices, releases] = await Promise.all([
        db
          .selectFrom('security_notice')
          .selectAll()
          .where('product_id', '=', productId)
          .orderBy('published_on', 'desc')
          .orderBy('created_at', 'desc')
          .limit(shownPerProduct)
          .execute(),
        db
          .selectFrom('firmware_release')
          .selectAll()
          .where('product_id', '=', productId)
          .orderBy('released_on', 'desc')
          .orderBy('created_at', 'desc')
          .limit(shownPerProduct)
          .execute(),
      ]);
      return { notices: newestFirst(notices.map(noticeOf)), releases: newestFirst(releases.map(releaseOf)) };
    },

    async addNotice(notice: NewNotice, on: PublishedOn): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('security_notice')
        .values({
          id,
          product_id: on.productId,
          certification_id: on.certificationId,
          title: notice.title,
          published_on: notice.date,
          severity: notice.severity,
          affected_versions: notice.affectedVersions,
          fixed_version: notice.fixedVersion,
          advisory_url: notice.advisoryUrl,
          csaf_url: notice.csafUrl,
          published_by: on.userId,
          created_at: on.now.toISOString(),
        })
        .execute();
      return id;
    },

    async addRelease(release: NewRelease, on: PublishedOn): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('firmware_release')
        .values({
          id,
          product_id: on.productId,
          certification_id: on.certificationId,
          version: release.version,
          released_on: release.date,
          notes_url: release.notesUrl,
          published_by: on.userId,
          created_at: on.now.toISOString(),
        })
        .execute();
      return id;
    },
  };
}

export type SecurityRepository = ReturnType<typeof createSecurityRepository>;
