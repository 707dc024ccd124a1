import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { checkpointText, parseCheckpoint } from './checkpoint';
import { consistencyProof, inclusionProof, leafHash, rootHash, type Hash } from './merkle';
import { openNote, parseVerifierKey, signNote, type NoteSigner } from './note';

/** The stored log does not match its last signed checkpoint: the database was changed behind the app. */
export class TamperedLogError extends Error {
  constructor(reason: string) {
    super(`The transparency log does not match its last signed checkpoint: ${reason}. Refusing to start.`);
    this.name = 'TamperedLogError';
  }
}

/** How often appending may find its position just taken by another instance before the job is retried later. */
const maxPositionRaces = 100;

export interface LogEntry {
  index: number;
  leaf: string;
  leafHash: string;
}

/**
 * The public transparency log of certification events. Each event becomes one leaf (canonical JSON)
 * of an RFC 9162 Merkle tree, and every growth of the tree is signed as a C2SP checkpoint. Entries are
 * only ever inserted; the leaf hashes are kept in memory and read incrementally.
 */
export function createTransparencyLog(deps: { db: Kysely<Database>; signer: NoteSigner; now: () => Date }) {
  const { db, signer } = deps;
  const verifier = parseVerifierKey(signer.verifierKey);
  const hashes: Hash[] = [];

  /** Reads entries appended since the last read (by any instance) into the in-memory leaf hashes. */
  async function catchUp(): Promise<void> {
    const rows = await db
      .selectFrom('log_entry')
      .select(['position', 'leaf'])
      .where('position', '>=', hashes.length)
      .orderBy('position')
      .execute();
    for (const row of rows) {
      if (row.position !== hashes.length) throw new TamperedLogError(`entry ${hashes.length} is missing`);
      hashes.push(leafHash(Buffer.from(row.leaf)));
    }
  }

  /** The newest signed checkpoint; its size is stored beside the note, so reading it needs no parsing. */
  async function latestCheckpoint(): Promise<{ size: number; note: string } | undefined> {
    return db
      .selectFrom('log_checkpoint')
      .select(['size', 'note'])
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Events not yet in the log: all of them, or the one named. */
  async function pendingEvents(eventId?: string) {
    let query = db
      .selectFrom('certification_event as event')
      .innerJoin('certification', 'certification.id', 'event.certification_id')
      .leftJoin('log_entry', 'log_entry.event_id', 'event.id')
      .where('log_entry.event_id', 'is', null)
      .select([
        'event.id',
        'event.certification_id',
        'event.kind',
        'event.reason',
        'event.occurred_at',
        'certification.product_name',
        'certification.company_name',
      ]);
    if (eventId) query = query.where('event.id', '=', eventId);
    return query.orderBy('event.occurred_at').orderBy('event.id').execute();
  }

  /**
   * Appends the events not yet in the log (or the one named), each once: an event is logged under a unique
   * key, so one that is already in the log is skipped. Several instances may append at once: a position
   * another instance took first (or an event it logged first) is not an error; this instance catches up
   * and tries the rest again. Each lost race means the log grew, so this ends once the others are through.
   */
  async function appendPendingEvents(eventId?: string): Promise<void> {
    for (let attempt = 0; attempt < maxPositionRaces; attempt++) {
      const pending = await pendingEvents(eventId);
      if (pending.length === 0) return;
      await catchUp();
      let lostARace = false;
      for (const event of pending) {
        const leaf = JSON.stringify({
          certification: event.certification_id,
          event: event.kind,
          reason: event.reason,
          product: event.product_name,
          company: event.company_name,
          occurredAt: event.occurred_at,
        });
        const inserted = await db
          .insertInto('log_entry')
          .values({ position: hashes.length, event_id: event.id, leaf, created_at: deps.now().toISOString() })
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
          lostARace = true;
          break;
        }
        hashes.push(leafHash(Buffer.from(leaf)));
      }
      if (!lostARace) return;
    }
    throw new Error(`The log kept growing under this instance for ${maxPositionRaces} attempts`);
  }

  async function signCurrentSize(): Promise<void> {
    await catchUp();
    const latest = await latestCheckpoint();
    if (latest && latest.size >= hashes.length) return;
    const text = checkpointText({ origin: signer.name, size: hashes.length, root: rootHash(hashes) });
    await db
      .insertInto('log_checkpoint')
      .values({ size: hashes.length, note: signNote(text, signer), created_at: deps.now().toISOString() })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }

  // One pass at a time on this instance (they share the leaf hashes in memory); other instances are kept
  // apart by the primary keys.
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work, work);
    // A failure is its caller's; the next pass starts regardless.
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    origin: signer.name,
    verifierKey: signer.verifierKey,

    /** At start: the stored entries must reproduce the root of the last signed checkpoint. */
    async verifyStored(): Promise<void> {
      hashes.length = 0;
      await catchUp();
      const latest = await latestCheckpoint();
      if (!latest) return;
      let text: string;
      try {
        text = openNote(latest.note, verifier);
      } catch (error) {
        throw new TamperedLogError(`its signature does not verify (${(error as Error).message})`);
      }
      const checkpoint = parseCheckpoint(text);
      if (checkpoint.origin !== signer.name) throw new TamperedLogError('it names another log');
      if (checkpoint.size !== latest.size)
        throw new TamperedLogError('its stored size differs from the signed one');
      if (checkpoint.size > hashes.length) throw new TamperedLogError('signed entries are missing');
      if (!rootHash(hashes.slice(0, checkpoint.size)).equals(checkpoint.root)) {
        throw new TamperedLogError(`the root of the first ${checkpoint.size} entries differs`);
      }
    },

    /** Appends every certification event not yet in the log and signs the new size (the start-up catch-up). */
    sync(): Promise<void> {
      return serially(() => appendPendingEvents().then(signCurrentSize));
    },

    /**
     * Appends one event (the job that follows its status change) and signs the new size. Run twice, the
     * event is found logged and only the signing is repeated, which adds nothing for a size already signed.
     */
    append(eventId: string): Promise<void> {
      return serially(() => appendPendingEvents(eventId).then(signCurrentSize));
    },

    /** The newest signed checkpoint note (start-up signs one, so there always is one). */
    async checkpoint(): Promise<string> {
      return (await latestCheckpoint())?.note ?? '';
    },

    /** The size of the newest signed tree: proofs are offered up to it. */
    async size(): Promise<number> {
      return (await latestCheckpoint())?.size ?? 0;
    },

    async entries(start: number, end: number): Promise<LogEntry[]> {
      const rows = await db
        .selectFrom('log_entry')
        .select(['position', 'leaf'])
        .where('position', '>=', start)
        .where('position', '<', end)
        .orderBy('position')
        .execute();
      return rows.map((row) => ({
        index: row.position,
        leaf: row.leaf,
        leafHash: leafHash(Buffer.from(row.leaf)).toString('base64'),
      }));
    },

    /** Positions of a certification's events in the log, oldest first. */
    async positionsOf(certificationId: string): Promise<{ eventId: string; index: number }[]> {
      const rows = await db
        .selectFrom('log_entry')
        .innerJoin('certification_event', 'certification_event.id', 'log_entry.event_id')
        .select(['log_entry.event_id', 'log_entry.position'])
        .where('certification_event.certification_id', '=', certificationId)
        .orderBy('log_entry.position')
        .execute();
      return rows.map((row) => ({ eventId: row.event_id, index: row.position }));
    },

    /** RangeError when the sizes are not those of a tree the log has. */
    async inclusionProof(index: number, size: number) {
      await catchUp();
      if (size > hashes.length) throw new RangeError(`the log has ${hashes.length} entries`);
      const proof = inclusionProof(hashes, index, size);
      return { leafHash: hashes[index], rootHash: rootHash(hashes.slice(0, size)), proof };
    },

    async consistencyProof(first: number, second: number) {
      await catchUp();
      if (second > hashes.length) throw new RangeError(`the log has ${hashes.length} entries`);
      return {
        firstRoot: rootHash(hashes.slice(0, first)),
        secondRoot: rootHash(hashes.slice(0, second)),
        proof: consistencyProof(hashes, first, second),
      };
    },
  };
}

export type TransparencyLog = ReturnType<typeof createTransparencyLog>;
