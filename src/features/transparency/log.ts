import type { Kysely } from 'kysely';
import { serializeTransactions, type DialectName } from '../../platform/db/dialect';
import type { Database } from '../../platform/db/schema';
import { checkpointText } from './checkpoint';
import { leafHash } from './merkle';
import { signNote, type NoteSigner } from './note';
import { checkStoredLog, latestCheckpoint, TamperedLogError } from './log-check';
import { createTileStore, entriesPerPage, entryPage } from './tile-store';
import { createTileTree } from './tile-tree';
import { checkExtends, LogForkError, type PublishedCheckpointRecord } from './published-checkpoint';
import { edgeTiles, TileBuilder, tileWidth, tileWidthAt } from './tiles';

export { TamperedLogError } from './log-check';
export { LogForkError } from './published-checkpoint';

/** The advisory lock that makes one appending transaction at a time the log's sequencer ("tlog" in ASCII). */
const sequencerLock = 0x746c6f67;

export interface LogEntry {
  index: number;
  leaf: string;
  leafHash: string;
}

/** The leaf of an event exactly as hashed and stored: canonical JSON. */
function leafOf(event: {
  certification_id: string;
  kind: string;
  reason: string;
  product_name: string;
  company_name: string;
  occurred_at: string;
}): string {
  return JSON.stringify({
    certification: event.certification_id,
    event: event.kind,
    reason: event.reason,
    product: event.product_name,
    company: event.company_name,
    occurredAt: event.occurred_at,
  });
}

/**
 * The public transparency log of certification events. Each event becomes one leaf (canonical JSON) of an
 * RFC 9162 Merkle tree, stored as C2SP tlog-tiles beside the entries, and every growth of the tree is
 * signed as a C2SP checkpoint. Appending reads and rewrites only the right edge of the tiles; roots and
 * proofs read a few tiles. Nothing grows in memory with the log.
 */
export function createTransparencyLog(deps: {
  db: Kysely<Database>;
  dialect: DialectName;
  signer: NoteSigner;
  now: () => Date;
  /** The newest checkpoint published, kept outside the database; every new one must extend it. */
  published?: PublishedCheckpointRecord;
}) {
  const { db, signer } = deps;
  const tiles = createTileStore(db);
  const tree = createTileTree(tiles);

  /** A builder at the stored tiles' right edge (the only tiles appending reads). */
  async function builderAtEdge(trx: Kysely<Database>): Promise<TileBuilder> {
    const size = await tiles.coveredSize(trx);
    const edges = edgeTiles(size);
    const stored = await tiles.read(
      edges.map((edge) => ({ level: edge.level, index: edge.index, count: edge.width })),
      trx,
    );
    const rows = edges.map((edge) =>
      (stored.get(`${edge.level}/${edge.index}`)?.hashes ?? []).slice(0, edge.width),
    );
    return new TileBuilder(size, rows);
  }

  /**
   * Extends the tiles over entries stored beyond them, in order and a page at a time: a database from before
   * the tiles (migration 0019), or entries appended by an instance of an older version during an upgrade.
   */
  async function tileStoredEntries(trx: Kysely<Database>, builder: TileBuilder): Promise<void> {
    for (;;) {
      const rows = await entryPage(trx, builder.size);
      for (const row of rows) {
        if (row.position !== builder.size) throw new TamperedLogError(`entry ${builder.size} is missing`);
        builder.push(leafHash(Buffer.from(row.leaf)));
      }
      await tiles.write(trx, builder.take());
      if (rows.length < entriesPerPage) return;
    }
  }

  /** Events not yet in the log: all of them, or the one named. */
  async function pendingEvents(trx: Kysely<Database>, eventId?: string) {
    let query = trx
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
   * Signs the builder's tree unless a checkpoint of that size (or a larger one) exists, and only when it
   * extends the published checkpoint (a database restored from an older backup must not fork the log).
   * Returns the new note, to be recorded as published once its transaction has committed.
   */
  async function signGrowth(trx: Kysely<Database>, builder: TileBuilder): Promise<string | undefined> {
    const latest = await latestCheckpoint(trx);
    if (latest && latest.size >= builder.size) return undefined;
    await checkExtends(deps.published?.read(), builder.size, (size) => tree.root(size, trx));
    const text = checkpointText({ origin: signer.name, size: builder.size, root: builder.root() });
    const note = signNote(text, signer);
    await trx
      .insertInto('log_checkpoint')
      .values({ size: builder.size, note, created_at: deps.now().toISOString() })
      .execute();
    return note;
  }

  /**
   * At start: the stored log must reach the published checkpoint (else LogForkError: the database is older
   * than what readers have seen), and its newest checkpoint becomes the record (the first start with one).
   */
  async function checkAgainstPublished(): Promise<void> {
    const latest = await latestCheckpoint(db);
    const published = deps.published?.read();
    if (published && (latest?.size ?? 0) < published.size)
      throw new LogForkError(published.size, latest?.size ?? 0, 'is shorter');
    if (latest) {
      await checkExtends(published, latest.size, (size) => tree.root(size));
      deps.published?.record(latest.note);
    }
  }

  /**
   * Appends the events not yet in the log (or the one named), each once, writes the tiles' new right edge
   * and signs the new size, all in one transaction. That transaction is the log's only sequencer: on
   * PostgreSQL it holds an advisory lock, so instances appending at once take turns, and each finds the
   * entries, tiles and checkpoint of the one before it (an event logged by another is no longer pending).
   */
  async function appendPendingEvents(eventId?: string): Promise<void> {
    // Most calls find the event logged already (a job after the immediate append, or several instances
    // after the same change): a look without the lock spares the others the wait.
    const [pending, latest, covered] = await Promise.all([
      pendingEvents(db, eventId),
      latestCheckpoint(db),
      tiles.coveredSize(),
    ]);
    if (pending.length === 0 && latest && latest.size === covered) return;
    const signed = await db.transaction().execute(async (trx) => {
      await serializeTransactions(trx, deps.dialect, sequencerLock);
      const builder = await builderAtEdge(trx);
      await tileStoredEntries(trx, builder);
      const pending = await pendingEvents(trx, eventId);
      for (let at = 0; at < pending.length; at += 200) {
        const entries = pending.slice(at, at + 200).map((event) => {
          const leaf = leafOf(event);
          builder.push(leafHash(Buffer.from(leaf)));
          return {
            position: builder.size - 1,
            event_id: event.id,
            leaf,
            created_at: deps.now().toISOString(),
          };
        });
        await trx.insertInto('log_entry').values(entries).execute();
      }
      await tiles.write(trx, builder.take());
      return signGrowth(trx, builder);
    });
    // After the commit: a record ahead of the database would refuse the database's own next checkpoint.
    if (signed) deps.published?.record(signed);
  }

  // One pass at a time on this instance: they would only wait for each other's lock.
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work, work);
    // A failure is its caller's; the next pass starts regardless.
    queue = next.catch(() => undefined);
    return next;
  };

  /** The size proofs are offered up to: what the tiles cover. */
  async function provableSize(size: number): Promise<void> {
    const covered = await tiles.coveredSize();
    if (size > covered) throw new RangeError(`the log has ${covered} entries`);
  }

  return {
    origin: signer.name,
    verifierKey: signer.verifierKey,

    /**
     * At start: tiles for any entries stored without them, then the check of log-check.ts (the last signed
     * checkpoint against the tiles and the tiles' right edge against the entries), which throws
     * TamperedLogError when the database was changed behind the app.
     */
    async verifyStored(): Promise<void> {
      await serially(() =>
        db.transaction().execute(async (trx) => {
          await serializeTransactions(trx, deps.dialect, sequencerLock);
          await tileStoredEntries(trx, await builderAtEdge(trx));
        }),
      );
      await checkStoredLog({ db, signer, tiles, tree });
      await checkAgainstPublished();
    },

    /** Appends every certification event not yet in the log and signs the new size (the start-up catch-up). */
    sync(): Promise<void> {
      return serially(() => appendPendingEvents());
    },

    /**
     * Appends one event (the job that follows its status change) and signs the new size. Run twice, the
     * event is found logged and nothing is appended or signed.
     */
    append(eventId: string): Promise<void> {
      return serially(() => appendPendingEvents(eventId));
    },

    /** The newest signed checkpoint note (start-up signs one, so there always is one). */
    async checkpoint(): Promise<string> {
      return (await latestCheckpoint(db))?.note ?? '';
    },

    /** The size of the newest signed tree: proofs are offered up to it. */
    async size(): Promise<number> {
      return (await latestCheckpoint(db))?.size ?? 0;
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

    /**
     * A tile of the newest signed tree as served at /log/tile/…: `width` hashes (256 for a full tile) of
     * tile level `level`, or, for 'entries', the bundle of those entries (each a big-endian uint16 length
     * and the leaf's bytes). Undefined when the signed tree has no such tile (or not that wide).
     */
    async tile(level: number | 'entries', index: number, width: number): Promise<Buffer | undefined> {
      const size = (await latestCheckpoint(db))?.size ?? 0;
      if (width > tileWidthAt(size, level === 'entries' ? 0 : level, index)) return undefined;
      if (level !== 'entries') {
        const hashes = (await tiles.read([{ level, index, count: width }])).get(`${level}/${index}`)?.hashes;
        return hashes && hashes.length >= width ? Buffer.concat(hashes.slice(0, width)) : undefined;
      }
      const rows = await db
        .selectFrom('log_entry')
        .select('leaf')
        .where('position', '>=', index * tileWidth)
        .where('position', '<', index * tileWidth + width)
        .orderBy('position')
        .execute();
      return Buffer.concat(
        rows.flatMap((row) => {
          const leaf = Buffer.from(row.leaf);
          const length = Buffer.alloc(2);
          length.writeUInt16BE(leaf.length);
          return [length, leaf];
        }),
      );
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

    /**
     * Proofs without the look at the tiles' size, for a caller that has seen the size proven already
     * (proof-fast-path.ts): the tiles' first `size` leaves never change, so neither does such a proof.
     */
    provenTree: { inclusion: tree.inclusion, consistency: tree.consistency },

    /** RangeError when the sizes are not those of a tree the log has. */
    async inclusionProof(index: number, size: number) {
      await provableSize(size);
      return tree.inclusion(index, size);
    },

    async consistencyProof(first: number, second: number) {
      await provableSize(second);
      return tree.consistency(first, second);
    },
  };
}

export type TransparencyLog = ReturnType<typeof createTransparencyLog>;
