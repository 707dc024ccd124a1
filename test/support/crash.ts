import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema';
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

/** One state-changing request, sent again until the server gives a definite answer. */
export interface CrashAction {
  kind: string;
  name: string;
  send: () => Promise<{ status: number }>;
  /** 303: done now; 409: done by an earlier attempt whose answer a kill cut off. */
  answered?: number;
  /** Requests sent for it; more than one means an earlier one may have been done without an answer. */
  attempts: number;
}

/**
 * Sends the actions in a seeded random order, `senders` at a time, each until it gets a definite answer
 * (a request cut off by a kill is sent again once the server is back). Resolves when all are answered.
 */
export async function sendUntilAnswered(
  actions: CrashAction[],
  random: () => number,
  senders = 3,
): Promise<{ requests: number; cutOff: number }> {
  const sent = { requests: 0, cutOff: 0 };
  const queue = [...actions].sort(() => random() - 0.5);
  const sender = async () => {
    for (let action = queue.shift(); action; action = queue.shift()) {
      while (action.answered === undefined) {
        sent.requests += 1;
        action.attempts += 1;
        const answer = await action.send().catch(() => undefined);
        if (answer && (answer.status === 303 || answer.status === 409)) action.answered = answer.status;
        else {
          sent.cutOff += 1;
          await sleep(50);
        }
      }
      await sleep(random() * 150);
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  return sent;
}

/** Waits until every job is done; fails on a job that gave up, or after `timeoutMs`. */
export async function untilJobsDone(db: Kysely<Database>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await db
      .selectFrom('job')
      .select(['kind', 'status', 'last_error'])
      .where('status', '!=', 'done')
      .execute();
    if (open.length === 0) return;
    if (Date.now() > deadline || open.some((job) => job.status === 'failed'))
      throw new Error(`Jobs not done: ${JSON.stringify(open)}`);
    await sleep(200);
  }
}
