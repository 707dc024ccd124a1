import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema';
import { inputValue, type HttpClient } from './http';

/** One simulated person editing one answer of a draft. */
export interface EditorTarget {
  client: HttpClient;
  applicationId: string;
  criterionId: string;
}

/** How the server answered the crowd's saves. */
export interface CrowdCounts {
  attempts: number;
  acknowledged: number;
  conflicts: number;
  unavailable: number;
  /** Saves that got no answer at all (connection refused or cut): their fate is unknown. */
  unanswered: number;
  /** Any other status, by code; a correct server gives none. */
  unexpected: Record<number, number>;
}

interface Ledger {
  target: EditorTarget;
  /** Every explanation sent, by the revision it would become if stored. */
  sent: Map<number, Set<string>>;
  /** What the server confirmed: revision → explanation. */
  acknowledged: Map<number, string>;
}

export interface CrowdCheck {
  /** Acknowledged saves whose revision is missing or holds another text. */
  lost: string[];
  /** Stored answers or revisions that hold a text nobody sent for that revision (half-written). */
  corrupt: string[];
  acknowledged: number;
  /** Acknowledged saves found in the answer history. */
  found: number;
  /** Saves that got no answer (or a 503) yet are in the database. */
  committedWithoutAnswer: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A crowd of editors autosaving as the criterion page's script does: a POST asking for JSON with the
 * revision last seen. Each keeps a ledger of what it sent and what the server acknowledged, so a test
 * can crash or cut the server and then check that nothing acknowledged was lost and nothing stored is
 * half-written. Texts vary in length (up to ~6 KB) so a torn write would show.
 */
export class EditorCrowd {
  readonly counts: CrowdCounts = {
    attempts: 0,
    acknowledged: 0,
    conflicts: 0,
    unavailable: 0,
    unanswered: 0,
    unexpected: {},
  };
  private readonly ledgers: Ledger[];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(targets: EditorTarget[]) {
    this.ledgers = targets.map((target) => ({ target, sent: new Map(), acknowledged: new Map() }));
  }

  start(): void {
    this.running = true;
    this.loops = this.ledgers.map((ledger, index) => this.edit(ledger, index));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async edit(ledger: Ledger, index: number): Promise<void> {
    const { client, applicationId, criterionId } = ledger.target;
    const path = `/en/applications/${applicationId}/criteria/${criterionId}`;
    let revision = await this.currentRevision(client, path);
    let save = 0;
    while (this.running && revision !== undefined) {
      save += 1;
      const explanation = `editor ${index} save ${save}: ${'x'.repeat((save * 997 + index * 131) % 6000)}.`;
      const next = revision + 1;
      ledger.sent.set(next, (ledger.sent.get(next) ?? new Set()).add(explanation));
      this.counts.attempts += 1;
      let status: number;
      let body: string;
      try {
        const response = await client.post(
          path,
          { status: 'met', explanation, revision: String(revision) },
          { headers: { accept: 'application/json' } },
        );
        status = response.status;
        body = response.text;
      } catch {
        this.counts.unanswered += 1;
        await sleep(50);
        revision = await this.currentRevision(client, path);
        continue;
      }
      if (status === 200) {
        const saved = JSON.parse(body) as { revision: number };
        if (saved.revision !== next)
          throw new Error(`Acknowledged revision ${saved.revision}, expected ${next}`);
        ledger.acknowledged.set(next, explanation);
        this.counts.acknowledged += 1;
        revision = next;
      } else if (status === 409) {
        this.counts.conflicts += 1;
        revision = await this.currentRevision(client, path);
      } else if (status === 503) {
        this.counts.unavailable += 1;
        await sleep(50);
        revision = await this.currentRevision(client, path);
      } else {
        this.counts.unexpected[status] = (this.counts.unexpected[status] ?? 0) + 1;
        await sleep(50);
      }
    }
  }

  /** The revision the page shows, waiting while the server is down; undefined once the crowd stops. */
  private async currentRevision(client: HttpClient, path: string): Promise<number | undefined> {
    while (this.running) {
      try {
        const page = await client.get(path);
        if (page.status === 200) return Number(inputValue(page.text, 'revision'));
      } catch {
        // The server is down or restarting; ask again shortly.
      }
      await sleep(50);
    }
    return undefined;
  }

  /** Compares the ledgers with the answers and their history as stored. */
  async check(db: Kysely<Database>): Promise<CrowdCheck> {
    const result: CrowdCheck = {
      lost: [],
      corrupt: [],
      acknowledged: 0,
      found: 0,
      committedWithoutAnswer: 0,
    };
    for (const [index, ledger] of this.ledgers.entries()) {
      const { applicationId, criterionId } = ledger.target;
      const answer = await db
        .selectFrom('answer')
        .select(['id', 'revision', 'explanation'])
        .where('application_id', '=', applicationId)
        .where('criterion_id', '=', criterionId)
        .executeTakeFirstOrThrow();
      const history = new Map(
        (
          await db
            .selectFrom('answer_revision')
            .select(['revision', 'explanation'])
            .where('answer_id', '=', answer.id)
            .execute()
        ).map((row) => [row.revision, row.explanation]),
      );
      const label = `editor ${index}`;
      if (answer.revision > 0 && history.get(answer.revision) !== answer.explanation)
        result.corrupt.push(`${label}: the answer differs from its revision ${answer.revision}`);
      for (let revision = 1; revision <= answer.revision; revision++)
        if (!history.has(revision))
          result.corrupt.push(`${label}: revision ${revision} is missing from the history`);
      for (const [revision, explanation] of history) {
        if (!ledger.sent.get(revision)?.has(explanation ?? ''))
          result.corrupt.push(`${label}: revision ${revision} holds a text never sent for it`);
        if (revision > answer.revision)
          result.corrupt.push(`${label}: revision ${revision} is newer than the answer`);
      }
      for (const [revision, explanation] of ledger.acknowledged) {
        result.acknowledged += 1;
        if (history.get(revision) === explanation) result.found += 1;
        else result.lost.push(`${label}: acknowledged revision ${revision} is missing`);
      }
      for (const revision of history.keys())
        if (!ledger.acknowledged.has(revision)) result.committedWithoutAnswer += 1;
    }
    return result;
  }
}
