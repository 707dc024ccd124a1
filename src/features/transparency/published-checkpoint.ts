import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCheckpoint, type Checkpoint } from './checkpoint';
import { openNote, parseSignerKey, parseVerifierKey, type NoteSigner } from './note';

/**
 * The newest checkpoint this log has published, kept OUTSIDE the database: in the keys directory, beside the
 * key that signed it (docs/decisions/0015-published-checkpoint.md). A database restored from
 * an older backup carries an older log; the database cannot tell, but this file can. The file holds the
 * signed note exactly as /log/checkpoint served it, so an operator can also put there the checkpoint a
 * monitor or witness last saw (`npm run monitor` keeps it in .trustmark-monitor.json).
 */
export const publishedCheckpointFileName = 'published-checkpoint';

/** What the operator can do, named in every refusal (and in README.md, "When a restore is refused"). */
export const forkRecoveryAdvice =
  'Restore a newer backup whose log reaches that checkpoint (backups are named with their log size), or ' +
  'follow "Restoring an older backup" in README.md to start a new log deliberately. Signing now would fork ' +
  'the public log: readers who saw the newer checkpoint would see it contradicted.';

/** A checkpoint that would not extend the published one: the app refuses to sign it (or to start on it). */
export class LogForkError extends Error {
  constructor(
    readonly published: number,
    readonly stored: number,
    reason: string,
  ) {
    super(
      `The transparency log already published a checkpoint of ${published} entries, but this database's ` +
        `log ${reason} (it has ${stored}). Refusing to sign a checkpoint that does not extend it. ` +
        forkRecoveryAdvice,
    );
    this.name = 'LogForkError';
  }
}

/** The checkpoint in a signed note, its signature checked with the log's key; throws with the reason. */
export function openCheckpoint(note: string, verifier: { verifierKey: string }): Checkpoint {
  return parseCheckpoint(openNote(note, parseVerifierKey(verifier.verifierKey)));
}

/** The log's signer as kept in `keysDirectory`, or undefined when it holds no log key. */
export function logSignerIn(keysDirectory: string): NoteSigner | undefined {
  const path = join(keysDirectory, 'transparency-log.key');
  return existsSync(path) ? parseSignerKey(readFileSync(path, 'utf8')) : undefined;
}

export interface PublishedCheckpointRecord {
  /** The recorded checkpoint, its signature checked with the log's key; undefined when none is recorded. */
  read(): Checkpoint | undefined;
  /** Records `note` (a signed checkpoint) when it is larger than the one recorded. */
  record(note: string): void;
}

/** The record in `keysDirectory`, read and checked with `verifierKey` (the log's own). */
export function publishedCheckpointRecord(
  keysDirectory: string,
  verifier: { name: string; verifierKey: string },
): PublishedCheckpointRecord {
  const path = join(keysDirectory, publishedCheckpointFileName);
  const open = (note: string): Checkpoint => {
    try {
      return openCheckpoint(note, verifier);
    } catch (error) {
      throw new Error(
        `${path} is not a checkpoint signed by this log's key (${(error as Error).message}); ` +
          'put the newest checkpoint of this log there, as /log/checkpoint serves it.',
        { cause: error },
      );
    }
  };
  const read = () => (existsSync(path) ? open(readFileSync(path, 'utf8')) : undefined);
  return {
    read,
    record(note) {
      const size = open(note).size;
      if ((read()?.size ?? -1) >= size) return;
      // Beside the target, then renamed: a crash leaves the old record or the new one, never half of one.
      const partial = `${path}.${process.pid}.partial`;
      writeFileSync(partial, note, { mode: 0o600 });
      chmodSync(partial, 0o600);
      renameSync(partial, path);
    },
  };
}

/**
 * Throws LogForkError unless a tree of `size` entries whose first `published.size` entries hash to
 * `rootAt(published.size)` extends the published checkpoint.
 */
export async function checkExtends(
  published: Checkpoint | undefined,
  size: number,
  rootAt: (size: number) => Promise<Buffer>,
): Promise<void> {
  if (!published) return;
  if (size < published.size) throw new LogForkError(published.size, size, 'is shorter');
  const root = await rootAt(published.size);
  if (!root.equals(published.root))
    throw new LogForkError(published.size, size, `holds other entries among its first ${published.size}`);
}
