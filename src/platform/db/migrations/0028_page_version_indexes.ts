import type { Kysely } from 'kysely';

/**
 * The registry's page version (registry/label-store.ts) is read about twice a second per instance and takes
 * the newest security notice, firmware release and evidence flag: each from an index, never a scan of every
 * notice, release or pinned link in the registry.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const indexes: [name: string, table: string, column: string][] = [
    ['security_notice_created_index', 'security_notice', 'created_at'],
    ['firmware_release_created_index', 'firmware_release', 'created_at'],
    ['evidence_pin_changed_index', 'evidence_pin', 'changed_at'],
  ];
  for (const [name, table, column] of indexes) {
    await db.schema.createIndex(name).ifNotExists().on(table).column(column).execute();
  }
}
