import type { Kysely } from 'kysely';

/** A company's one appeal against a "not certified" decision: its reasons and when it was made. */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application').addColumn('appeal_reason', 'text').execute();
  await db.schema.alterTable('application').addColumn('appealed_at', 'text').execute();
}
