import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { CriteriaVersion } from './rules';
import type { AffectedItem } from './diff-rules';
import type { CriteriaCatalogue } from './loader';

export interface Publication {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

/** Applications whose company or program still has work to do on them. */
const openStatuses = ['draft', 'submitted', 'in-review', 'changes-requested'];

/**
 * Which of the criteria versions in the files are published. New applications and renewals use the
 * newest published one; the list is read again at most every few seconds, so every instance follows
 * a publication soon after it happens.
 */
export function createCriteriaPublications(db: Kysely<Database>, catalogue: CriteriaCatalogue, ttlMs = 5000) {
  let cached: { value: Publication[]; at: number } | undefined;

  async function list(): Promise<Publication[]> {
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    const rows = await db.selectFrom('criteria_publication').selectAll().orderBy('version').execute();
    const value = rows
      .filter((row) => catalogue.versions.has(Number(row.version)))
      .map((row) => ({
        version: Number(row.version),
        publishedAt: row.published_at,
        publishedBy: row.published_by,
      }));
    cached = { value, at: Date.now() };
    return value;
  }

  return {
    list,

    /**
     * On a database that has never recorded a publication, the versions in use (and always the first)
     * count as published, so an upgrade changes nothing for running applications.
     */
    async ensureInitial(now: Date): Promise<void> {
      const existing = await db.selectFrom('criteria_publication').select('version').executeTakeFirst();
      if (existing) return;
      const [applications, certifications] = await Promise.all([
        db
          .selectFrom('application')
          .select((eb) => eb.fn.max('criteria_version').as('highest'))
          .executeTakeFirst(),
        db
          .selectFrom('certification')
          .select((eb) => eb.fn.max('criteria_version').as('highest'))
          .executeTakeFirst(),
      ]);
      const inUse = Math.max(1, Number(applications?.highest ?? 0), Number(certifications?.highest ?? 0));
      const versions = [...catalogue.versions.keys()].filter((version) => version <= inUse);
      const fallback = Math.min(...catalogue.versions.keys());
      for (const version of versions.length > 0 ? versions : [fallback]) {
        await db
          .insertInto('criteria_publication')
          .values({ version, published_at: now.toISOString(), published_by: null })
          .onConflict((conflict) => conflict.column('version').doNothing())
          .execute();
      }
      cached = undefined;
    },

    /** The version new applications and renewals use: the newest published one. */
    async current(): Promise<CriteriaVersion> {
      const published = await list();
      const newest = published[published.length - 1];
      const version = catalogue.versions.get(newest?.version ?? Math.min(...catalogue.versions.keys()));
      if (!version) throw new Error('The criteria catalogue has no version');
      return version;
    },

    /**
     * The newest published version as `trx` sees it, past the cache: a publication checks it in the
     * transaction that publishes.
     */
    async newestIn(trx: Kysely<Database>): Promise<number> {
      const rows = await trx.selectFrom('criteria_publication').select('version').execute();
      const known = rows
        .map((row) => Number(row.version))
        .filter((version) => catalogue.versions.has(version));
      return known.length > 0 ? Math.max(...known) : Math.min(...catalogue.versions.keys());
    },

    /**
     * Publishes a version from the files, in `trx` when it is part of a larger change; false if it was
     * published already (or by someone at once).
     */
    async publish(version: number, adminId: string, now: Date, trx: Kysely<Database> = db): Promise<boolean> {
      const result = await trx
        .insertInto('criteria_publication')
        .values({ version, published_at: now.toISOString(), published_by: adminId })
        .onConflict((conflict) => conflict.column('version').doNothing())
        .executeTakeFirst();
      cached = undefined;
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    /** Reads the publications afresh next time (after a publication has committed). */
    forget(): void {
      cached = undefined;
    },

    /** Open applications pinned to a version, with the criteria each has answered. */
    async openApplicationsOn(version: number): Promise<AffectedItem[]> {
      const rows = await db
        .selectFrom('application')
        .innerJoin('product', 'product.id', 'application.product_id')
        .innerJoin('organization', 'organization.id', 'application.organization_id')
        .leftJoin('answer', (join) =>
          join.onRef('answer.application_id', '=', 'application.id').on('answer.status', 'is not', null),
        )
        .select(['application.id', 'product.name', 'organization.name as company', 'answer.criterion_id'])
        .where('application.criteria_version', '=', version)
        .where('application.status', 'in', openStatuses)
        .execute();
      const items = new Map<string, { id: string; label: string; answered: Set<string> }>();
      for (const row of rows) {
        const item = items.get(row.id) ?? {
          id: row.id,
          label: `${row.name} (${row.company})`,
          answered: new Set(),
        };
        if (row.criterion_id) item.answered.add(row.criterion_id);
        items.set(row.id, item);
      }
      return [...items.values()];
    },

    /** Certifications on a version that still carry the mark (active or suspended). */
    async certificationsOn(version: CriteriaVersion): Promise<AffectedItem[]> {
      const rows = await db
        .selectFrom('certification')
        .select(['id', 'product_name', 'company_name'])
        .where('criteria_version', '=', version.version)
        .where('status', 'in', ['active', 'suspended'])
        .execute();
      const all = new Set(version.criteria.map((criterion) => criterion.id));
      return rows.map((row) => ({
        id: row.id,
        label: `${row.product_name} (${row.company_name})`,
        answered: all,
      }));
    },
  };
}

export type CriteriaPublications = ReturnType<typeof createCriteriaPublications>;
