import { describe, expect, it } from 'vitest';
import { createSearchCache } from '../../src/features/registry/search-cache';
import type { RegistryRepository, SearchResult } from '../../src/features/registry/store';

/** A registry whose version reads are answered by the test, one by one. */
function registryWithPendingReads() {
  const pending: ((version: string) => void)[] = [];
  let searches = 0;
  const registry = {
    version: () => new Promise<string>((resolve) => pending.push(resolve)),
    search: async (): Promise<SearchResult> => {
      searches++;
      return { items: [], total: searches, totalIsLowerBound: false };
    },
  } as unknown as RegistryRepository;
  return { registry, pending, searchCount: () => searches };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the registry search cache', () => {
  it('shares one version read among waiting searches and knows a result current without waiting', async () => {
    const { registry, pending, searchCount } = registryWithPendingReads();
    const cache = createSearchCache(registry, 10, 500);
    const first = cache.search({ q: 'lamp', page: 1, pageSize: 50 });
    const second = cache.search({ q: 'lamp', page: 1, pageSize: 50 });
    await settle();
    expect(pending).toHaveLength(1);
    pending[0]!('v1');
    const [a, b] = await Promise.all([first, second]);
    expect(searchCount()).toBe(2);
    expect(cache.isCurrent(a)).toBe(true);
    expect(cache.isCurrent(b)).toBe(true);
    // A search after that is answered from memory, with no read at all while the version is fresh.
    expect(await cache.search({ q: 'lamp', page: 1, pageSize: 50 })).toBe(b);
    expect(pending).toHaveLength(1);
    cache.invalidate();
    expect(cache.isCurrent(b)).toBe(false);
  });

  it('keeps no version read that started before a change made here', async () => {
    const { registry, pending } = registryWithPendingReads();
    const cache = createSearchCache(registry, 10, 500);
    const before = cache.search({ q: 'lamp', page: 1, pageSize: 50 });
    await settle();
    cache.invalidate();
    // The search after the change reads the version again rather than sharing the read begun before it.
    const after = cache.search({ q: 'lamp', page: 1, pageSize: 50 });
    await settle();
    expect(pending).toHaveLength(2);
    // The read begun before the change answers last, with the registry as it was.
    pending[1]!('new');
    pending[0]!('old');
    const stale = await before;
    const result = await after;
    expect(cache.isCurrent(result)).toBe(true);
    expect(cache.isCurrent(stale)).toBe(false);
    // The old read's answer was not taken for the registry's version.
    const again = cache.search({ q: 'lamp', page: 1, pageSize: 50 });
    await settle();
    expect(pending).toHaveLength(2);
    expect(cache.isCurrent(await again)).toBe(true);
  });
});
