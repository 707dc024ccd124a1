import { randomUUID } from 'node:crypto';
import { type Kysely } from 'kysely';
import {
  indexForSearch,
  joinedModelNumber,
  matchesAllWords,
  normaliseSearchText,
  serializeTransactions,
  type DialectName,
} from '../../platform/db/dialect';
import type { CertificationEventRow, CertificationRow, Database } from '../../platform/db/schema';
import type { SqliteReader } from '../../platform/db/sqlite-reader';
import { changeTimeAfter, type CertificationStatus } from './rules';
import { createMemorySearch } from './search-memory-store';
import { createSearch } from './search-store';
import type { ProductFields } from '../products';

/** What the public record of a certification holds, frozen when it was issued. */
export interface PublishedEntry {
  product: ProductFields & { image: { key: string; type: string } | null };
  company: { name: string; slug: string };
  answers: {
    criterionId: string;
    status: string | null;
    explanation: string;
    links: { title: string; url: string }[];
  }[];
}

import { registrySorts, type RegistrySort } from './rules';

export { registrySorts, type RegistrySort };

/** A page of search results, and how many there are (at least, when `totalIsLowerBound`). */
export interface SearchResult {
  items: CertificationRow[];
  total: number;
  totalIsLowerBound: boolean;
}

export interface RegistryQuery {
  q?: string | undefined;
  category?: string | undefined;
  company?: string | undefined;
  status?: CertificationStatus | undefined;
  updatedSince?: string | undefined;
  /** At least this openness level (0 none … 3 fully open; see label-rules.ts). */
  openness?: number | undefined;
  /** Security updates promised until at least this day (YYYY-MM-DD). */
  supportUntil?: string | undefined;
  sort?: RegistrySort | undefined;
  page: number;
  pageSize: number;
}

/** The advisory lock under which certifications' changes take their times ("regi"; the log's is "tlog"). */
const registryChangeLock = 0x72656769;

/** The public registry: certifications and their events. Nothing of an application before certification. */
export function createRegistryRepository(
  db: Kysely<Database>,
  dialect: DialectName,
  /** A SQLite file's reader thread, which the registry search reads on (search-store.ts). */
  reader?: SqliteReader,
  /**
   * Given, searches for words, newest first, are answered from an index in memory (decision 0026): for
   * the instance's one repository of the registry, not one a transaction or a test makes for itself. Its
   * memory budget in bytes is a quarter of the heap unless given.
   */
  searchInMemory?: { budget?: number },
) {
  async function addEvent(certificationId: string, kind: string, reason: string, at: string) {
    await db
      .insertInto('certification_event')
      .values({ id: randomUUID(), certification_id: certificationId, kind, reason, occurred_at: at })
      .execute();
  }

  const memory = searchInMemory ? createMemorySearch(db, searchInMemory.budget) : undefined;
  const search = createSearch(db, dialect, reader, memory);

  /**
   * When a change made at `now` is recorded: never before the newest recorded change (changeTimeAfter).
   * Changes take their times one at a time until they commit (on PostgreSQL an advisory lock; SQLite has
   * one writer): a time taken while another transaction's later one is still to commit would otherwise be
   * committed behind it, where neither the registry's version nor an `updatedSince` client looks.
   */
  async function changeTime(now: Date): Promise<string> {
    await serializeTransactions(db, dialect, registryChangeLock);
    const row = await db
      .selectFrom('certification')
      .select((eb) => eb.fn.max('updated_at').as('latest'))
      .executeTakeFirst();
    return changeTimeAfter(now, row?.latest);
  }

  return {
    async issue(input: {
      applicationId: string;
      productId: string;
      companyId: string;
      criteriaVersion: number;
      entry: PublishedEntry;
      categoryLabel: string;
      validUntil: string;
      /** The openness level of the published answers (label-rules.ts opennessRank). */
      opennessLevel: number;
      now: Date;
    }): Promise<string> {
      const id = randomUUID();
      const at = input.now.toISOString();
      const changedAt = await changeTime(input.now);
      const { product, company } = input.entry;
      const searchText = normaliseSearchText(
        [
          product.name,
          company.name,
          input.categoryLabel,
          product.category,
          ...product.modelNumbers,
          ...product.modelNumbers.map(joinedModelNumber),
          product.description,
        ].join(' '),
      );
      await db
        .insertInto('certification')
        .values({
          id,
          application_id: input.applicationId,
          product_id: input.productId,
          organization_id: input.companyId,
          company_name: company.name,
          company_slug: company.slug,
          product_name: product.name,
          category: product.category,
          model_numbers: product.modelNumbers.map((model) => model.toLowerCase()).join('\n'),
          web_page_url: normaliseUrl(product.webPageUrl),
          criteria_version: input.criteriaVersion,
          status: 'active',
          status_reason: '',
          issued_at: at,
          valid_until: input.validUntil,
          support_end_date: product.supportEndDate,
          published: JSON.stringify(input.entry),
          search_text: searchText,
          updated_at: changedAt,
          openness_level: input.opennessLevel,
        })
        .execute();
      await indexForSearch(db, dialect, id, searchText);
      await addEvent(id, 'issued', '', at);
      return id;
    },

    search,

    /**
     * Resolves once the in-memory index of searchInMemory is built, with whether it was (false without
     * one, or for a registry over its memory budget). Searches never wait for it.
     */
    async searchIndexReady(): Promise<boolean> {
      return (await memory?.ready()) ?? false;
    },

    /** How many searches the in-memory index answered (tests tell its answers from the database's). */
    searchesFromMemory(): number {
      return memory?.answered ?? 0;
    },

    /**
     * Changes whenever any certification is issued or changes status: the newest change time (which never
     * goes backwards and is taken one change at a time, see changeTime), and how many changes share it, as
     * changes recorded before that rule could.
     */
    async version(): Promise<string> {
      const row = await db
        .selectFrom('certification')
        .select((eb) => ['updated_at', eb.fn.countAll<number | string>().as('sharing')])
        .where('updated_at', '=', (eb) =>
          eb.selectFrom('certification').select((inner) => inner.fn.max('updated_at').as('latest')),
        )
        .groupBy('updated_at')
        .executeTakeFirst();
      return row ? `${row.updated_at} ${String(row.sharing)}` : '';
    },

    find(id: string): Promise<CertificationRow | undefined> {
      return db.selectFrom('certification').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The most recent certification of a product, for the company's own pages. */
    forProduct(productId: string): Promise<CertificationRow | undefined> {
      return db
        .selectFrom('certification')
        .selectAll()
        .where('product_id', '=', productId)
        .orderBy('issued_at', 'desc')
        .executeTakeFirst();
    },

    /** The certification an application led to, if any, for the company's application page. */
    forApplication(applicationId: string): Promise<CertificationRow | undefined> {
      return db
        .selectFrom('certification')
        .selectAll()
        .where('application_id', '=', applicationId)
        .executeTakeFirst();
    },

    /** Every certification a company was issued, in any status, newest first: its own pages show them. */
    issuedToCompany(companyId: string): Promise<CertificationRow[]> {
      return db
        .selectFrom('certification')
        .selectAll()
        .where('organization_id', '=', companyId)
        .orderBy('issued_at', 'desc')
        .orderBy('id')
        .execute();
    },

    /**
     * Certifications with the model number `model`, in any spelling of case, spaces and punctuation
     * ("AS-200" is "as 200" is "AS200"): found through the joined word the search index holds for each
     * model number, then compared whole, so "AS-20" does not find "AS-200".
     */
    async byModel(model: string): Promise<CertificationRow[]> {
      const wanted = joinedModelNumber(model);
      if (!wanted) return [];
      const candidates = await db
        .selectFrom('certification')
        .selectAll()
        .where((eb) => matchesAllWords(dialect, eb.ref('search_key'), [wanted]))
        .execute();
      return candidates.filter((row) =>
        row.model_numbers.split('\n').some((stored) => joinedModelNumber(stored) === wanted),
      );
    },

    /** Certifications whose product page is `url` (compared in the normal form they were stored in). */
    byUrl(url: string): Promise<CertificationRow[]> {
      return db
        .selectFrom('certification')
        .selectAll()
        .where('web_page_url', '=', normaliseUrl(url))
        .execute();
    },

    companies(): Promise<{ slug: string; name: string }[]> {
      return db
        .selectFrom('certification')
        .select(['company_slug as slug', 'company_name as name'])
        .distinct()
        .orderBy('company_name')
        .execute();
    },

    async all(): Promise<CertificationRow[]> {
      return db.selectFrom('certification').selectAll().orderBy('product_name').orderBy('id').execute();
    },

    events(limit = 50): Promise<(CertificationEventRow & { product_name: string })[]> {
      return db
        .selectFrom('certification_event')
        .innerJoin('certification', 'certification.id', 'certification_event.certification_id')
        .selectAll('certification_event')
        .select('certification.product_name')
        .orderBy('certification_event.occurred_at', 'desc')
        .orderBy('certification_event.id', 'desc')
        .limit(limit)
        .execute();
    },

    eventsOf(certificationId: string): Promise<CertificationEventRow[]> {
      return db
        .selectFrom('certification_event')
        .selectAll()
        .where('certification_id', '=', certificationId)
        .orderBy('occurred_at')
        .orderBy('id')
        .execute();
    },

    /** Moves a certification's status if it is still in one of `from`; records the public event. */
    async changeStatus(
      id: string,
      from: readonly CertificationStatus[],
      to: CertificationStatus,
      kind: string,
      reason: string,
      now: Date,
    ): Promise<boolean> {
      const at = now.toISOString();
      const result = await db
        .updateTable('certification')
        .set({ status: to, status_reason: reason, updated_at: await changeTime(now) })
        .where('id', '=', id)
        .where('status', 'in', [...from])
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await addEvent(id, kind, reason, at);
      return true;
    },

    /** Active certifications whose validity ended before `today` (YYYY-MM-DD). */
    expiredBy(today: string): Promise<CertificationRow[]> {
      return db
        .selectFrom('certification')
        .selectAll()
        .where('status', '=', 'active')
        .where('valid_until', '<', today)
        .execute();
    },

    /** A company's certifications that still carry the mark (active or suspended). */
    ofCompany(companyId: string): Promise<CertificationRow[]> {
      return db
        .selectFrom('certification')
        .selectAll()
        .where('organization_id', '=', companyId)
        .where('status', 'in', ['active', 'suspended'])
        .execute();
    },

    /** Active certifications ending within `days`, for reminders. */
    endingBy(lastDay: string): Promise<CertificationRow[]> {
      return db
        .selectFrom('certification')
        .selectAll()
        .where('status', '=', 'active')
        .where('valid_until', '<=', lastDay)
        .execute();
    },

    async remindersSent(certificationId: string): Promise<Set<number>> {
      const rows = await db
        .selectFrom('certification_reminder')
        .select('days_before')
        .where('certification_id', '=', certificationId)
        .execute();
      return new Set(rows.map((row) => row.days_before));
    },

    /**
     * Claims reminders as sent; only the instance whose insert succeeds for the nearest one sends the
     * mail, so several instances sweeping at once send it once.
     */
    async claimReminders(certificationId: string, days: readonly number[], now: Date): Promise<boolean> {
      let claimedNearest = false;
      for (const [index, daysBefore] of days.entries()) {
        const result = await db
          .insertInto('certification_reminder')
          .values({ certification_id: certificationId, days_before: daysBefore, sent_at: now.toISOString() })
          .onConflict((conflict) => conflict.columns(['certification_id', 'days_before']).doNothing())
          .executeTakeFirst();
        if (index === 0) claimedNearest = Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      return claimedNearest;
    },
  };
}

export type RegistryRepository = ReturnType<typeof createRegistryRepository>;

/** A product page address in one form: lowercase host, no trailing slash, no fragment. */
export function normaliseUrl(value: string): string {
  try {
    const parsed = new URL(value.trim());
    return `${parsed.protocol}//${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
  } catch {
    return value.trim();
  }
}
