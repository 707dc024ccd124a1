import type { Verdict } from './rules';

/**
 * Rounds that carry work over, as pure rules: which criteria a reviewer must look at again in a new round,
 * which of their verdicts carry over from the last one, and which of the reviewers' questions the company
 * has still to answer before it may resubmit.
 */

/** An answer as a round snapshot keeps it (see applications/snapshot.ts). */
export interface SnapshotOfAnswer {
  status: string | null;
  explanation: string;
  evidence: readonly string[];
}

/** Whether an answer differs between two round snapshots; a missing side counts as changed. */
export function answerChanged(before: SnapshotOfAnswer | undefined, after: SnapshotOfAnswer | undefined) {
  if (!before || !after) return true;
  const sameEvidence =
    before.evidence.length === after.evidence.length &&
    before.evidence.every((item) => after.evidence.includes(item));
  return before.status !== after.status || before.explanation !== after.explanation || !sameEvidence;
}

/** A message of a clarification thread, in the order they were written. */
export interface ThreadMessage {
  criterion_id: string;
  author_side: string;
  round: number;
}

/**
 * The criteria whose thread waits for the company: the last message on it is a reviewer's. A company's
 * reply answers every question before it, so a thread is open until the company has the last word.
 */
export function unansweredQuestions(messages: readonly ThreadMessage[]): string[] {
  const lastSide = new Map<string, string>();
  for (const message of messages) lastSide.set(message.criterion_id, message.author_side);
  return [...lastSide].filter(([, side]) => side === 'reviewer').map(([criterionId]) => criterionId);
}

/** A reviewer's verdict and comment on one criterion. */
export interface VerdictEntry {
  verdict: Verdict;
  comment: string;
}

/** One reviewer's verdicts and comments in one round. */
export interface RoundVerdicts {
  verdicts: ReadonlyMap<string, Verdict>;
  comments: ReadonlyMap<string, string>;
}

export interface RoundCarry {
  /** Changed or answered in a thread since the last round, in criteria order: the reviewer looks first. */
  changed: string[];
  /** The last round's verdict and comment on every other criterion the reviewer had judged. */
  prefill: ReadonlyMap<string, VerdictEntry>;
}

export const noCarry: RoundCarry = { changed: [], prefill: new Map() };

/**
 * What a reviewer's new round starts from. A criterion is to look at again when its answer changed or the
 * company replied on its thread in the last round (a question answered in words, the answer unchanged);
 * on every other criterion the reviewer's verdict of the last round carries over. A reviewer new to the
 * application (an appeal, a reassignment) has nothing to carry.
 */
export function carryOver(input: {
  criteria: readonly { id: string }[];
  round: number;
  before: ReadonlyMap<string, SnapshotOfAnswer>;
  after: ReadonlyMap<string, SnapshotOfAnswer>;
  messages: readonly ThreadMessage[];
  previous: RoundVerdicts | undefined;
}): RoundCarry {
  if (input.round <= 1) return noCarry;
  const replied = new Set(
    input.messages
      .filter((message) => message.author_side === 'applicant' && message.round === input.round - 1)
      .map((message) => message.criterion_id),
  );
  const changed = input.criteria
    .map((criterion) => criterion.id)
    .filter((id) => replied.has(id) || answerChanged(input.before.get(id), input.after.get(id)));
  const prefill = new Map<string, VerdictEntry>();
  for (const { id } of input.criteria) {
    const verdict = input.previous?.verdicts.get(id);
    if (!verdict || changed.includes(id)) continue;
    prefill.set(id, { verdict, comment: input.previous?.comments.get(id) ?? '' });
  }
  return { changed, prefill };
}

export interface RoundCounts {
  changed: number;
  /** Verdicts standing as they were carried over: prefilled, or saved unchanged. */
  carriedOver: number;
  /** Criteria with no verdict yet, saved or carried. */
  toDecide: number;
}

/**
 * The criteria whose verdict stands as carried over: not yet saved in this round, or saved exactly as
 * it was. Once the reviewer changes one, it is their new verdict and no longer marked.
 */
export function carriedOver(carry: RoundCarry, own: RoundVerdicts | undefined): Set<string> {
  const marked = new Set<string>();
  for (const [id, entry] of carry.prefill) {
    const saved = own?.verdicts.get(id);
    if (!saved || (saved === entry.verdict && (own?.comments.get(id) ?? '') === entry.comment))
      marked.add(id);
  }
  return marked;
}

/** "n changed, m carried over, k to decide" for the reviewer's workspace. */
export function roundCounts(
  criteria: readonly { id: string }[],
  carry: RoundCarry,
  own: RoundVerdicts | undefined,
): RoundCounts {
  return {
    changed: carry.changed.length,
    carriedOver: carriedOver(carry, own).size,
    toDecide: criteria.filter(({ id }) => !own?.verdicts.has(id) && !carry.prefill.has(id)).length,
  };
}

/**
 * What the first round of an application started from a certified one (an update of its evidence, a
 * renewal) starts from: the certified application's final round stands in for "the last round". A
 * criterion is to look at again when its answer differs from the certified one, or when its evidence
 * changed since certification (`evidenceChanged`, the pinned links a re-check found changed) even though
 * the company kept the answer as it was; the reviewer's final verdict carries over on every other one.
 */
export function carryFromCertified(input: {
  criteria: readonly { id: string }[];
  certified: ReadonlyMap<string, SnapshotOfAnswer>;
  after: ReadonlyMap<string, SnapshotOfAnswer>;
  evidenceChanged: ReadonlySet<string>;
  previous: RoundVerdicts | undefined;
}): RoundCarry {
  const changed = input.criteria
    .map((criterion) => criterion.id)
    .filter(
      (id) => input.evidenceChanged.has(id) || answerChanged(input.certified.get(id), input.after.get(id)),
    );
  const prefill = new Map<string, VerdictEntry>();
  for (const { id } of input.criteria) {
    const verdict = input.previous?.verdicts.get(id);
    if (!verdict || changed.includes(id)) continue;
    prefill.set(id, { verdict, comment: input.previous?.comments.get(id) ?? '' });
  }
  return { changed, prefill };
}
