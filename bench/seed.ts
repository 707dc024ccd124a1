import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import { indexUnindexedForSearch, normaliseSearchText, tidySearchIndex } from '../src/platform/db/dialect';
import type { CertificationTable } from '../src/platform/db/schema';
import type { AppServices } from '../src/app/services';

const adjectives = [
  'smart',
  'quiet',
  'secure',
  'open',
  'tiny',
  'solar',
  'modular',
  'private',
  'robust',
  'clear',
];
const nouns = [
  'thermostat',
  'camera',
  'doorbell',
  'speaker',
  'lamp',
  'plug',
  'lock',
  'sensor',
  'router',
  'watch',
];
export const seededCategories = [
  'smart-home',
  'security-camera',
  'voice-assistant',
  'wearable',
  'networking',
  'appliance',
];

/**
 * Inserts `count` certified products straight into the registry tables in large batches: the same
 * rows and search index the app writes, without taking 100,000 applications through review. The search
 * index is written once at the end, in one statement, which keeps a million rows to minutes.
 */
export async function seedCertifications(services: AppServices, count: number) {
  const started = performance.now();
  const { db, dialect } = services.database;
  const ids: string[] = [];
  // Issued a minute apart, newest last, so that "newest first" has an order of its own to walk.
  const firstIssue = Date.now() - count * 60_000;
  const batch = 500;
  for (let offset = 0; offset < count; offset += batch) {
    const rows: Insertable<CertificationTable>[] = [];
    for (let index = offset; index < Math.min(count, offset + batch); index++) {
      const id = randomUUID();
      ids.push(id);
      const issuedAt = new Date(firstIssue + index * 60_000).toISOString();
      const name = `${adjectives[index % 10]} ${nouns[Math.floor(index / 10) % 10]} ${index}`;
      const company = `Maker ${index % 997}`;
      const model = `M-${index}`;
      const category = seededCategories[index % seededCategories.length] ?? 'other';
      const entry = {
        product: {
          name,
          category,
          modelNumbers: [model],
          webPageUrl: `https://maker${index % 997}.example/p/${index}`,
          description: `A ${name} that works offline.`,
          firmwareVersion: '1.0.0',
          supportEndDate: '2032-12-31',
          image: null,
        },
        company: { name: company, slug: `maker-${index % 997}` },
        answers: [],
      };
      rows.push({
        id,
        application_id: id,
        product_id: id,
        organization_id: `org-${index % 997}`,
        company_name: company,
        company_slug: `maker-${index % 997}`,
        product_name: name,
        category,
        model_numbers: model.toLowerCase(),
        web_page_url: entry.product.webPageUrl,
        criteria_version: 1,
        status: index % 50 === 0 ? 'expired' : 'active',
        status_reason: '',
        issued_at: issuedAt,
        valid_until: '2028-12-31',
        support_end_date: '2032-12-31',
        published: JSON.stringify(entry),
        search_text: normaliseSearchText(
          `${name} ${company} ${category} ${model} ${entry.product.description}`,
        ),
        updated_at: issuedAt,
        // Spread over the four levels, so the registry's openness filter has each to find.
        openness_level: index % 4,
      });
    }
    await db.insertInto('certification').values(rows).execute();
  }
  await indexUnindexedForSearch(db, dialect);
  // The index as the hourly sweep keeps it (decision 0025), and on PostgreSQL the table as autovacuum
  // leaves it after so many inserts (VACUUM also empties the GIN index's pending list): a registry that
  // has been running, not one whose last 100,000 certifications arrived a moment ago.
  if (dialect === 'postgres') await sql`vacuum analyze certification`.execute(db);
  else await tidySearchIndex(db, dialect, async () => {});
  return { ids, seconds: (performance.now() - started) / 1000 };
}
