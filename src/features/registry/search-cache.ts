import { searchWords } from '../../platform/db/dialect';
import type { RegistryQuery, RegistryRepository, SearchResult } from './store';

/**
 * Registry searches, remembered until the registry changes. The registry changes a few times a day
 * while the same searches come again and again, so a request reuses an earlier answer for the same
 * query while the registry's version (the newest change time, one indexed lookup) is unchanged.
 */
export function createSearchCache(registry: RegistryRepository, limit = 2000, versionFreshnessMs = 1000) {
  const entries = new Map<string, { version: string; result: SearchResult }>();
  const versions = new WeakMap<SearchResult, string>();
  // The version itself is re-read at most once a second; a change on this instance clears it at once,
  // so only changes made on other instances take up to a second to show, as with the badge.
  let knownVersion: { value: string; at: number } | undefined;
  const currentVersion = async () => {
    if (knownVersion && Date.now() - knownVersion.at <= versionFreshnessMs) return knownVersion.value;
    knownVersion = { value: await registry.version(), at: Date.now() };
    return knownVersion.value;
  };
  return {
    invalidate(): void {
      knownVersion = undefined;
    },

    /**
     * Whether a result is still the answer, known without waiting: the version was read within the last
     * `versionFreshnessMs` (and not dropped by a change here) and is the one the result was read at.
     */
    isCurrent(result: SearchResult): boolean {
      return (
        knownVersion !== undefined &&
        Date.now() - knownVersion.at <= versionFreshnessMs &&
        versions.get(result) === knownVersion.value
      );
    },

    async search(query: RegistryQuery): Promise<SearchResult> {
      const version = await currentVersion();
      // Keyed by the words the search runs on, so "AS-200" and "as 200" share one entry.
      const key = JSON.stringify([
        searchWords(query.q ?? ''),
        query.category,
        query.company,
        query.status,
        query.updatedSince,
        query.sort,
        query.page,
        query.pageSize,
      ]);
      const cached = entries.get(key);
      if (cached && cached.version === version) return cached.result;
      const result = await registry.search(query);
      entries.delete(key);
      entries.set(key, { version, result });
      versions.set(result, version);
      if (entries.size > limit) entries.delete(entries.keys().next().value ?? '');
      return result;
    },
  };
}

export type SearchCache = ReturnType<typeof createSearchCache>;
