import type { RegistryRepository } from './store';

type Company = { slug: string; name: string };

/**
 * The makers listed in the registry search form. Reading them means a pass over every certification
 * (0.2 s at 100,000), for a list that changes only with the registry, so it is kept while the registry's
 * version (the newest change time, one indexed lookup, re-read at most once a second) is unchanged. A
 * change on this instance drops it at once; concurrent requests share one reading.
 */
export function createCompaniesCache(registry: RegistryRepository, versionFreshnessMs = 1000) {
  let known: { version: string; checkedAt: number; companies: Company[] } | undefined;
  let reading: Promise<Company[]> | undefined;

  async function read(): Promise<Company[]> {
    const version = await registry.version();
    if (known?.version === version) {
      known.checkedAt = Date.now();
      return known.companies;
    }
    const companies = await registry.companies();
    known = { version, checkedAt: Date.now(), companies };
    return companies;
  }

  return {
    invalidate(): void {
      known = undefined;
    },

    list(): Promise<Company[]> {
      if (known && Date.now() - known.checkedAt <= versionFreshnessMs)
        return Promise.resolve(known.companies);
      reading ??= read().finally(() => {
        reading = undefined;
      });
      return reading;
    },
  };
}

export type CompaniesCache = ReturnType<typeof createCompaniesCache>;
