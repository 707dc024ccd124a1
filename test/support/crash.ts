import type { BuiltServer } from './built-server';

/** A small seeded generator (mulberry32), so a failing run's kill moments can be replayed. */
export function seededRandom(start: number): () => number {
  let state = start;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the built server answers /readyz, failing if it exits first. */
export async function untilReady(url: string, process: BuiltServer): Promise<void> {
  for (;;) {
    if (process.child.exitCode !== null)
      throw new Error(`The server exited: ${(await process.finished).stderr}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(25);
  }
}
