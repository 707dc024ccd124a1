/** The transparency log: entries, tiles and signed checkpoints. Part of the `Database` of schema.ts. */

export interface LogEntryTable {
  position: number;
  event_id: string;
  leaf: string;
  created_at: string;
}

/** One C2SP tlog-tile of the log's Merkle tree: `width` hashes of 32 bytes of tree level 8·level. */
export interface LogTileTable {
  level: number;
  idx: number;
  width: number;
  hashes: Uint8Array;
  /** A full tile's 255 hashes above its own, level by level up to its root; null for a partial tile. */
  above: Uint8Array | null;
}

export interface LogCheckpointTable {
  size: number;
  note: string;
  created_at: string;
}
