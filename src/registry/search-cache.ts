import type { CertificationRow } from '../db/schema';
import type { RegistryQuery, RegistryRepository } from '../repositories/registry';

type SearchResult = { items: CertificationRow[]; total: number };

/**
 * Registry searches, remembered until the registry changes. The registry changes a few times a day
 * while the same searches come again and again, so each request first reads only the registry's
 * version (the newest change time, one indexed lookup) and reuses an earlier answer for the same
 * query and version. A change on any instance moves the version, so no answer is ever stale.
 */
export function createSearchCache(registry: RegistryRepository, limit = 2000) {
  const entries = new Map<string, { version: string; result: SearchResult }>();
  return {
    async search(query: RegistryQuery): Promise<SearchResult> {
      const version = await registry.version();
      const key = JSON.stringify([
        query.q?.toLowerCase(),
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
      if (entries.size > limit) entries.delete(entries.keys().next().value ?? '');
      return result;
    },
  };
}

export type SearchCache = ReturnType<typeof createSearchCache>;
