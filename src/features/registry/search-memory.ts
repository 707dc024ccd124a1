/**
 * The registry's words, held in memory (decision 0026): which certifications each word of their search
 * text belongs to, and what a search filters on, in the newest-first order. A search for words lists its
 * matches newest first from here, without asking the database which rows match: on PostgreSQL that
 * question took 9 ms a search at 100,000 certifications (its GIN index yields matches in no order, so
 * every match of a broad word was found, checked against its row and counted). Pure: what it holds is put
 * in by search-memory-store.ts, which keeps it in step with the database.
 */

/** What the index holds of a certification: the columns a newest-first search matches and filters on. */
export interface IndexedCertification {
  id: string;
  issued_at: string;
  search_text: string;
  category: string;
  company_slug: string;
  status: string;
  updated_at: string;
  openness_level: number | null;
  support_end_date: string;
}

/** A newest-first search: every word a prefix of a word of the text (or all run together), and filters. */
export interface IndexQuery {
  words: readonly string[];
  category?: string | undefined;
  company?: string | undefined;
  status?: string | undefined;
  updatedSince?: string | undefined;
  openness?: number | undefined;
  supportUntil?: string | undefined;
  offset: number;
  size: number;
  /** Matches are counted no further than this (the page aside). */
  countUpTo: number;
}

/**
 * Certifications read for an index, oldest first: each with its words as numbers (`termIds` from
 * `from` up to `to`, each a position in `terms`), and the newest change time of the registry before
 * they were read.
 */
export interface BuiltIndex {
  records: (Omit<IndexedCertification, 'search_text'> & { from: number; to: number })[];
  terms: string[];
  termIds: Int32Array;
  latestChange: string;
}

/**
 * What the index takes of memory, estimated from what it holds: a certification's id, change time and
 * slots (some 200 bytes), 4 bytes a word's occurrence, and a term's string and place (some 40 bytes and its
 * length). Calibrated on the benchmark's 100,000 (23.7 MB of heap and packed arrays measured); decision 0026.
 */
export function estimatedBytes(
  certifications: number,
  occurrences: number,
  termCharacters: number,
  terms: number,
) {
  return certifications * 200 + occurrences * 4 + terms * 40 + termCharacters;
}

/** Whether certification `a` comes before `b` newest first: issued later, or at once with a smaller id. */
export function isNewer(a: Pick<IndexedCertification, 'issued_at' | 'id'>, b: typeof a): boolean {
  return a.issued_at > b.issued_at || (a.issued_at === b.issued_at && a.id < b.id);
}

/** What can change of a certification once issued, and what a search filters on, as one string. */
export function stateOf(
  row: Pick<IndexedCertification, 'updated_at' | 'status' | 'openness_level' | 'support_end_date'>,
): string {
  return `${row.updated_at} ${row.status} ${String(row.openness_level)} ${row.support_end_date}`;
}

/** Sets a slot's bit. */
function mark(bits: Uint32Array, slot: number) {
  const at = slot >>> 5;
  bits[at] = (bits[at] as number) | (1 << (slot & 31));
}

/** The first position in the sorted `terms` whose term is not before `word`. */
function firstAtOrAfter(terms: readonly string[], word: string): number {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((terms[middle] as string) < word) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * An index of certifications in slots, oldest first (so the newest is the last slot). A certification
 * newer than every other takes the next slot; `put` refuses one that is not (a clock that went back), and
 * the caller builds the index anew, in order. A certification's words, category, company and issue time
 * never change once it is issued (SQLite's full-text index holds them alike): a change is its status, its
 * openness level or its support date, with its change time.
 */
export function createRegistryIndex(initial?: BuiltIndex) {
  const ids: string[] = [];
  const slotOf = new Map<string, number>();
  // Each term's slots, ascending: packed into two arrays (most of them), and those put in since.
  let packed = { terms: [] as string[], starts: new Int32Array(1), slots: new Int32Array(0) };
  const recent = new Map<string, number[]>();
  // Terms in code-unit order, packed and recent: the terms a word is a prefix of are next to each other.
  let recentTerms: string[] = [];
  let recentSlots = 0;
  // The packed terms' characters and the recent terms', for estimatedBytes.
  let termCharacters = 0;
  // What a search filters on, a slot each. Repeated values are one string (a shared copy each).
  const categories: string[] = [];
  const companies: string[] = [];
  const statuses: string[] = [];
  const updated: string[] = [];
  const openness: (number | null)[] = [];
  const supportEnds: string[] = [];
  const shared = new Map<string, string>();
  const share = (value: string) => {
    const known = shared.get(value);
    if (known !== undefined) return known;
    shared.set(value, value);
    return value;
  };
  let newest: Pick<IndexedCertification, 'issued_at' | 'id'> | undefined;
  let latestChange = '';
  // Scratch bit sets, a bit a slot, reused by every search (searches run one at a time: no await inside).
  const scratch: Uint32Array[] = [];

  function setMutable(slot: number, row: Omit<IndexedCertification, 'search_text'>) {
    statuses[slot] = share(row.status);
    updated[slot] = row.updated_at;
    openness[slot] = row.openness_level;
    supportEnds[slot] = share(row.support_end_date);
    if (row.updated_at > latestChange) latestChange = row.updated_at;
  }

  /** Gives a certification the next slot, with all but its words. */
  function place(row: Omit<IndexedCertification, 'search_text'>): number {
    const slot = ids.length;
    ids.push(row.id);
    slotOf.set(row.id, slot);
    categories[slot] = share(row.category);
    companies[slot] = share(row.company_slug);
    setMutable(slot, row);
    newest = { issued_at: row.issued_at, id: row.id };
    return slot;
  }

  function append(row: IndexedCertification) {
    const slot = place(row);
    for (const term of new Set(row.search_text.split(' '))) {
      if (!term) continue;
      recentSlots++;
      const list = recent.get(term);
      if (list) list.push(slot);
      else {
        recent.set(term, [slot]);
        termCharacters += term.length;
      }
    }
  }

  /**
   * Packs the recent terms' slots in with the rest: a number array a term held three to four times the
   * memory of the packed form at 100,000 certifications. Done after a bulk put, and once those put in
   * one by one come to an eighth of the rest.
   */
  function pack() {
    const terms = [...new Set([...packed.terms, ...recent.keys()])].sort();
    const starts = new Int32Array(terms.length + 1);
    const slots = new Int32Array(packed.slots.length + recentSlots);
    let next = 0;
    let from = 0;
    terms.forEach((term, at) => {
      starts[at] = next;
      // The packed slots of a term come before its recent ones: slots are given out in increasing order.
      if (packed.terms[from] === term) {
        slots.set(packed.slots.subarray(packed.starts[from], packed.starts[from + 1]), next);
        next += (packed.starts[from + 1] as number) - (packed.starts[from] as number);
        from++;
      }
      const more = recent.get(term);
      if (more) {
        slots.set(more, next);
        next += more.length;
      }
    });
    starts[terms.length] = next;
    packed = { terms, starts, slots };
    termCharacters = terms.reduce((sum, term) => sum + term.length, 0);
    recent.clear();
    recentTerms = [];
    recentSlots = 0;
  }

  /** The slots whose text has a word starting with `word`, as bits, OR-ed into `bits`. */
  function markPrefix(bits: Uint32Array, word: string) {
    const { terms, starts, slots } = packed;
    for (let at = firstAtOrAfter(terms, word); at < terms.length; at++) {
      if (!(terms[at] as string).startsWith(word)) break;
      for (let next = starts[at] as number; next < (starts[at + 1] as number); next++) {
        const slot = slots[next] as number;
        mark(bits, slot);
      }
    }
    for (let at = firstAtOrAfter(recentTerms, word); at < recentTerms.length; at++) {
      const term = recentTerms[at] as string;
      if (!term.startsWith(word)) break;
      for (const slot of recent.get(term) as number[]) mark(bits, slot);
    }
  }

  /** Lays out a built index (search-memory-build.ts): its certifications in slots, its terms packed. */
  function load({ records, terms: names, termIds, latestChange: asOf }: BuiltIndex) {
    const counts = new Int32Array(names.length);
    for (const record of records) {
      place(record);
      for (let at = record.from; at < record.to; at++) {
        const id = termIds[at] as number;
        counts[id] = (counts[id] as number) + 1;
      }
    }
    const order = names
      .map((_, id) => id)
      .sort((a, b) => ((names[a] as string) < (names[b] as string) ? -1 : 1));
    const starts = new Int32Array(names.length + 1);
    const cursor = new Int32Array(names.length);
    let next = 0;
    order.forEach((id, at) => {
      starts[at] = next;
      cursor[id] = next;
      next += counts[id] as number;
    });
    starts[names.length] = next;
    const slots = new Int32Array(next);
    // Slot by slot, so each term's slots come out ascending.
    records.forEach((record, slot) => {
      for (let at = record.from; at < record.to; at++) {
        const id = termIds[at] as number;
        const position = cursor[id] as number;
        slots[position] = slot;
        cursor[id] = position + 1;
      }
    });
    packed = { terms: order.map((id) => names[id] as string), starts, slots };
    termCharacters = names.reduce((sum, term) => sum + term.length, 0);
    // Changes made while it was read are read again (search-memory-store.ts).
    latestChange = asOf;
  }

  if (initial) load(initial);

  function bitSet(index: number, length: number): Uint32Array {
    let bits = scratch[index];
    if (!bits || bits.length < length) {
      bits = new Uint32Array(Math.max(length, 1024));
      scratch[index] = bits;
    }
    bits.fill(0, 0, length);
    return bits;
  }

  /** The slots matching the words: every word a prefix, or (several) the words run together one. */
  function matchingSlots(words: readonly string[], length: number): Uint32Array {
    const all = bitSet(0, length);
    markPrefix(all, words[0] as string);
    for (let index = 1; index < words.length; index++) {
      const next = bitSet(1, length);
      markPrefix(next, words[index] as string);
      for (let at = 0; at < length; at++) all[at] = (all[at] as number) & (next[at] as number);
    }
    if (words.length > 1) markPrefix(all, words.join(''));
    return all;
  }

  /**
   * Whether a slot passes the query's filters. An empty filter (0 or "", as the search form's "any" sends)
   * filters nothing, as in the database's search.
   */
  function passesFilters(slot: number, query: IndexQuery): boolean {
    if (query.category && categories[slot] !== query.category) return false;
    if (query.company && companies[slot] !== query.company) return false;
    if (query.status && statuses[slot] !== query.status) return false;
    if (query.updatedSince && (updated[slot] as string) < query.updatedSince) return false;
    const level = openness[slot];
    if (query.openness && (level === null || (level as number) < query.openness)) return false;
    return !(query.supportUntil && (supportEnds[slot] as string) < query.supportUntil);
  }

  return {
    get size(): number {
      return ids.length;
    },

    /** What the index takes of memory, estimated (a recent occurrence, in a number array, as three). */
    get estimatedBytes(): number {
      const occurrences = packed.slots.length + recentSlots * 3;
      return estimatedBytes(ids.length, occurrences, termCharacters, packed.terms.length + recent.size);
    },

    /** The newest change time the index holds (every change since is to be put in). */
    get latestChange(): string {
      return latestChange;
    },

    /** What the index holds of a certification that can change (see stateOf), if it holds it. */
    heldState(id: string): string | undefined {
      const slot = slotOf.get(id);
      if (slot === undefined) return undefined;
      return stateOf({
        updated_at: updated[slot] as string,
        status: statuses[slot] as string,
        openness_level: openness[slot] as number | null,
        support_end_date: supportEnds[slot] as string,
      });
    },

    /**
     * Puts certifications in, or their changes: false (with nothing after the refused row put in) if one
     * cannot be, and the index must be built anew. An older state of a row than the one held is ignored,
     * so reads that overtake each other do no harm (a row's change time never goes back).
     */
    put(rows: readonly IndexedCertification[]): boolean {
      let placed = true;
      for (const row of rows) {
        const slot = slotOf.get(row.id);
        if (slot !== undefined) {
          if (row.updated_at >= (updated[slot] as string)) setMutable(slot, row);
        } else if (!newest || isNewer(row, newest)) append(row);
        else {
          placed = false;
          break;
        }
      }
      if (recentSlots > Math.max(4096, packed.slots.length / 8)) pack();
      else if (recentTerms.length !== recent.size) recentTerms = [...recent.keys()].sort();
      return placed;
    },

    /** The ids of the page's matches, newest first, and how many match (up to countUpTo, or the page's end). */
    find(query: IndexQuery): { ids: string[]; matches: number } {
      const length = (ids.length + 31) >>> 5;
      const page: string[] = [];
      if (query.words.length === 0 || length === 0) return { ids: page, matches: 0 };
      const bits = matchingSlots(query.words, length);
      const end = query.offset + query.size;
      let matches = 0;
      for (let at = length - 1; at >= 0; at--) {
        let word = bits[at] as number;
        while (word !== 0) {
          const bit = 31 - Math.clz32(word);
          word ^= 1 << bit;
          const slot = (at << 5) + bit;
          if (!passesFilters(slot, query)) continue;
          if (matches >= query.offset && matches < end) page.push(ids[slot] as string);
          matches++;
          if (matches >= query.countUpTo && matches >= end) return { ids: page, matches };
        }
      }
      return { ids: page, matches };
    },
  };
}

export type RegistryIndex = ReturnType<typeof createRegistryIndex>;
