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
  // One read at a time, shared by the requests that wait for it. A read started before a change made
  // here (`invalidate`) is neither kept nor shared after it: it may have seen the registry as it was.
  let reading: Promise<string> | undefined;
  let generation = 0;
  const readVersion = (): Promise<string> => {
    if (reading) return reading;
    const startedIn = generation;
    // Dated when asked, not when answered: the registry was at least this new then.
    const startedAt = Date.now();
    const read = registry.version().then((value) => {
      if (startedIn === generation) knownVersion = { value, at: startedAt };
      return value;
    });
    reading = read;
    const done = () => {
      if (reading === read) reading = undefined;
    };
    read.then(done, done);
    return read;
  };
  const currentVersion = async () => {
    if (knownVersion && Date.now() - knownVersion.at <= versionFreshnessMs) return knownVersion.value;
    return readVersion();
  };
  return {
    invalidate(): void {
      knownVersion = undefined;
      reading = undefined;
      generation++;
    },

    /**
     * Whether a result is still the answer, known without waiting: the version was read within the last
     * `versionFreshnessMs` (and not dropped by a change here) and is the one the result was read at.
     * Past half that age the version is read again in the background, so that under steady load it stays
     * fresh and answers made in front of the app (api-fast-path.ts) need not wait for the app to read it.
     */
    isCurrent(result: SearchResult): boolean {
      if (!knownVersion) return false;
      const age = Date.now() - knownVersion.at;
      if (age > versionFreshnessMs / 2 && !reading) {
        // A failed read is the next search's to report.
        readVersion().catch(() => undefined);
      }
      return age <= versionFreshnessMs && versions.get(result) === knownVersion.value;
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
        query.openness,
        query.supportUntil,
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
