import type { Migration } from 'kysely';
import { binaryColumnType, type DialectName } from '../dialect';

/**
 * The transparency log's Merkle tree as C2SP tlog-tiles: one row per tile (tile level, index), its hashes
 * (32 bytes each, `width` of them) run together. Full tiles are written once; the right-edge tile of each
 * level is rewritten as the log grows, in the transaction that appends the entries. A database that has
 * entries but no tiles yet gets them at the next start, from its entries in order (the append path
 * catches the tiles up before it appends), so this migration only makes the table.
 */
export function logTilesMigration(dialect: DialectName): Migration {
  return {
    // Migrations are frozen in time, so they take an untyped database (Migration's own type).
    async up(db): Promise<void> {
      // ifNotExists: a test runs the migrations from 0016 again on a database that has it.
      await db.schema
        .createTable('log_tile')
        .ifNotExists()
        .addColumn('level', 'integer', (column) => column.notNull())
        .addColumn('idx', 'integer', (column) => column.notNull())
        .addColumn('width', 'integer', (column) => column.notNull())
        .addColumn('hashes', binaryColumnType(dialect), (column) => column.notNull())
        // A full tile's 255 hashes above its own, level by level (not served; spares proofs the hashing).
        .addColumn('above', binaryColumnType(dialect))
        .addPrimaryKeyConstraint('log_tile_pk', ['level', 'idx'])
        .execute();
    },
  };
}
