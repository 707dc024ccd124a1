/**
 * What every public page about certifications is rendered from, as one short string: the registry's page
 * version (the newest change of any certification, and of any decided concern; label-store.ts pageVersion) and
 * today's date (statuses expire and the months of security updates left count down by the day). A page
 * kept with the stamp it was rendered at is served again, without rendering, while the stamp is unchanged
 * (platform/web/page-cache.ts): a product page is rendered once per change, however often it is asked for.
 *
 * The version is read at most every `freshnessMs` and, under load, refreshed in the background at half
 * that age, so `known` answers in front of the app without waiting; a change made on another instance shows
 * within `freshnessMs` (plus a render). A change made here (`invalidate`) is read again at once.
 *
 * Anything else shown on those pages that can change must change the version: a feature that adds to a
 * product page (security notices, say) bumps its certification's updated_at, or adds its own newest change
 * time to pageVersion.
 */
export function createPageStamp(read: () => Promise<string>, now: () => Date, freshnessMs = 500) {
  let known: { value: string; at: number } | undefined;
  let reading: Promise<string> | undefined;
  let generation = 0;
  const today = () => now().toISOString().slice(0, 10);

  const readVersion = (): Promise<string> => {
    if (reading) return reading;
    const startedIn = generation;
    // Dated when asked, not when answered: the registry was at least this new then.
    const startedAt = Date.now();
    const read$ = read().then((value) => {
      if (startedIn === generation) known = { value, at: startedAt };
      return value;
    });
    reading = read$;
    const done = () => {
      if (reading === read$) reading = undefined;
    };
    read$.then(done, done);
    return read$;
  };

  return {
    /** The stamp now, reading the version if it is not known fresh. */
    async current(): Promise<string> {
      const fresh = known && Date.now() - known.at <= freshnessMs ? known.value : await readVersion();
      return `${fresh}|${today()}`;
    },

    /** The stamp if known fresh, without waiting (undefined otherwise); refreshes it in the background. */
    known(): string | undefined {
      const age = known ? Date.now() - known.at : Number.POSITIVE_INFINITY;
      // A failed read is the next page's to report.
      if (age > freshnessMs / 2 && !reading) readVersion().catch(() => undefined);
      return known && age <= freshnessMs ? `${known.value}|${today()}` : undefined;
    },

    /** Something changed here: the version is read again before any stamp is given. */
    invalidate(): void {
      known = undefined;
      reading = undefined;
      generation++;
    },
  };
}

export type PageStamp = ReturnType<typeof createPageStamp>;
