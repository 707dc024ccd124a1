import { parseCheckpoint, type Checkpoint } from './checkpoint';
import { verifyConsistency } from './merkle';
import { openNote, parseVerifierKey } from './note';

/** What a monitor remembers between runs: the log's key (pinned on first sight) and the last checkpoint. */
export interface MonitorState {
  verifierKey: string;
  size: number;
  root: string;
  note: string;
}

export type MonitorResult =
  { ok: true; state: MonitorState; message: string } | { ok: false; message: string };

type Fetch = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/**
 * One monitoring pass over the log at `baseUrl`: fetch and verify the signed checkpoint, and if an
 * earlier one is known, check with a consistency proof that the new tree extends the old one. Any
 * rewrite of history (a changed entry, a shrunk tree, a different key) fails.
 */
export async function monitorLog(
  baseUrl: string,
  previous: MonitorState | undefined,
  fetchText: Fetch,
): Promise<MonitorResult> {
  const get = async (path: string) => {
    const response = await fetchText(`${baseUrl}${path}`);
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.text();
  };
  const verifierKey = previous?.verifierKey ?? (await get('/log/key')).trim();
  const note = await get('/log/checkpoint');
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(openNote(note, parseVerifierKey(verifierKey)));
  } catch (error) {
    return {
      ok: false,
      message: `The checkpoint does not verify with the log's key: ${(error as Error).message}.`,
    };
  }
  const state: MonitorState = {
    verifierKey,
    size: checkpoint.size,
    root: checkpoint.root.toString('base64'),
    note,
  };
  if (!previous) {
    return {
      ok: true,
      state,
      message: `First checkpoint of ${checkpoint.origin}: size ${checkpoint.size}; key pinned.`,
    };
  }
  if (checkpoint.size < previous.size) {
    return {
      ok: false,
      message: `The log shrank from ${previous.size} to ${checkpoint.size} entries: history was rewritten.`,
    };
  }
  const previousRoot = Buffer.from(previous.root, 'base64');
  if (checkpoint.size === previous.size) {
    return checkpoint.root.equals(previousRoot)
      ? { ok: true, state, message: `Unchanged at size ${checkpoint.size}.` }
      : { ok: false, message: `The root at size ${checkpoint.size} changed: history was rewritten.` };
  }
  const proof = JSON.parse(
    await get(`/log/proof/consistency?first=${previous.size}&second=${checkpoint.size}`),
  ) as { proof?: unknown };
  const hashes = Array.isArray(proof.proof)
    ? proof.proof.map((hash) => Buffer.from(String(hash), 'base64'))
    : [];
  if (
    previous.size > 0 &&
    !verifyConsistency(previous.size, checkpoint.size, hashes, previousRoot, checkpoint.root)
  ) {
    return {
      ok: false,
      message: `The tree of size ${checkpoint.size} does not extend the one of size ${previous.size} seen before: history was rewritten.`,
    };
  }
  return {
    ok: true,
    state,
    message: `Consistent: grew from ${previous.size} to ${checkpoint.size} entries.`,
  };
}
