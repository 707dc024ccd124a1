import type { Logger } from 'pino';
import type { Config } from '../config';
import type { CredentialService } from '../features/credentials/service';
import type { CriteriaCatalogue } from '../features/criteria/loader';
import { dimensionSummary } from '../features/mark-kit/rules';
import { createBadgeCache } from '../features/registry/badge-cache';
import { createCompaniesCache } from '../features/registry/companies-cache';
import { fillMissingOpenness } from '../features/registry/label';
import { createLabelRepository } from '../features/registry/label-store';
import { createPageStamp } from '../features/registry/page-stamp';
import { publishedEntry } from '../features/registry/published';
import { createSearchCache } from '../features/registry/search-cache';
import type { RegistryRepository } from '../features/registry/store';
import type { DatabaseHandle } from '../platform/db/database';
import { createChangeNotifications, everythingChanged } from '../platform/db/notifications';
import { createPageCache } from '../platform/web/page-cache';

/**
 * What an instance keeps of the registry to answer fast — badges, searches, makers, rendered pages and the
 * stamp pages are kept under — and how a change empties it: here at once, and on every other instance through
 * PostgreSQL's LISTEN/NOTIFY (each cache's own re-read within a second is the fallback).
 */
export async function createRegistryCaches(deps: {
  config: Config;
  database: DatabaseHandle;
  registry: RegistryRepository;
  criteria: CriteriaCatalogue;
  credentials: Pick<CredentialService, 'invalidate'>;
  logger: Logger;
  now: () => Date;
}) {
  const { config, database, registry, criteria, now } = deps;
  // Certifications issued before the registry kept their openness level get it now (migration 0025).
  const labelData = createLabelRepository(database.db);
  await fillMissingOpenness(labelData, criteria.versions);
  // The full badge variant shows how the published answers fulfil each dimension (mark-kit/rules.ts).
  const badges = createBadgeCache(registry, now, undefined, (row) =>
    dimensionSummary(criteria.versions.get(row.criteria_version), publishedEntry(row).answers),
  );
  // A status change made on another instance is to show on every page within a second. Pages are kept for
  // half of it, so the search results and makers they are rendered from may be at most the other half old.
  const pageFreshnessMs = 500;
  const registrySearch = createSearchCache(registry, undefined, 1000 - pageFreshnessMs);
  const registryCompanies = createCompaniesCache(registry, 1000 - pageFreshnessMs);
  // Product, label and registry pages are kept until what they show changes (registry/page-stamp.ts).
  const pageStamp = createPageStamp(() => labelData.pageVersion(), now, 1000 - pageFreshnessMs);
  const pages = createPageCache({ freshnessMs: pageFreshnessMs, currentStamp: () => pageStamp.known() });

  const forget = (id: string) => {
    if (id === everythingChanged) badges.invalidateAll();
    else badges.invalidate(id);
    registrySearch.invalidate();
    registryCompanies.invalidate();
    pageStamp.invalidate();
    pages.invalidate();
    deps.credentials.invalidate();
  };
  const notifications = createChangeNotifications({
    database: config.database,
    db: database.db,
    logger: deps.logger,
    onChange: (message) => {
      if (message === everythingChanged) forget(everythingChanged);
      else if (message === 'pages') pages.invalidate();
      else if (message.startsWith('registry ')) forget(message.slice('registry '.length));
    },
  });

  return {
    badges,
    registrySearch,
    registryCompanies,
    pageStamp,
    /** This instance's page cache, for the front door that answers from it. */
    localPages: pages,
    /** The page cache as the app sees it: what staff change through this instance drops it everywhere. */
    pages: {
      ...pages,
      invalidate() {
        pageStamp.invalidate();
        pages.invalidate();
        notifications.announce('pages');
      },
    },
    /** A certification changed through this instance. */
    registryChanged(id: string): void {
      forget(id);
      notifications.announce(`registry ${id}`);
    },
    close: () => notifications.close(),
  };
}
