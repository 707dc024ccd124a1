import {
  createRegistryIndex,
  estimatedBytes,
  isNewer,
  type BuiltIndex,
  type IndexedCertification,
  type RegistryIndex,
} from './search-memory';

/**
 * Builds the in-memory index (search-memory.ts) from certifications read in batches, in any order: each
 * batch's search texts are turned into term numbers as it comes and then dropped, so that building at
 * 100,000 certifications never holds all their rows at once (read whole, they and a term list each took
 * 100 MB more of resident memory than the index itself).
 */
export function createIndexBuilder() {
  const termIdOf = new Map<string, number>();
  const terms: string[] = [];
  const records: BuiltIndex['records'] = [];
  let termIds = new Int32Array(1 << 16);
  let used = 0;
  let termCharacters = 0;

  function termIdFor(term: string): number {
    let id = termIdOf.get(term);
    if (id === undefined) {
      id = terms.length;
      terms.push(term);
      termIdOf.set(term, id);
      termCharacters += term.length;
    }
    return id;
  }

  return {
    add(rows: readonly IndexedCertification[]): void {
      for (const { search_text: text, ...row } of rows) {
        const from = used;
        for (const term of new Set(text.split(' '))) {
          if (!term) continue;
          if (used === termIds.length) {
            const larger = new Int32Array(termIds.length * 2);
            larger.set(termIds);
            termIds = larger;
          }
          termIds[used++] = termIdFor(term);
        }
        records.push({ ...row, from, to: used });
      }
    },

    /** What the index built from the certifications added so far would take of memory, estimated. */
    get estimatedBytes(): number {
      return estimatedBytes(records.length, used, termCharacters, terms.length);
    },

    /** The index, `latestChange` the registry's newest change time read before the first batch. */
    build(latestChange: string): RegistryIndex {
      records.sort((a, b) => (isNewer(a, b) ? 1 : -1));
      return createRegistryIndex({ records, terms, termIds: termIds.subarray(0, used), latestChange });
    },
  };
}
