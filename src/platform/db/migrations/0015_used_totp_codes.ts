import type { Kysely } from 'kysely';

/**
 * Which TOTP time steps each account has already signed in or confirmed with, so that one code works
 * once. The primary key makes the claim atomic across instances: the second insert of a pair fails.
 * Rows older than a code's window are deleted as new ones arrive.
 */
// Migrations are frozen in time, so they take an untyped database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('used_totp_code')
    .addColumn('user_id', 'text', (column) => column.notNull().references('user.id').onDelete('cascade'))
    // Unix time divided by the 30-second period: the counter the code was computed from.
    .addColumn('time_step', 'integer', (column) => column.notNull())
    .addColumn('used_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('used_totp_code_pk', ['user_id', 'time_step'])
    .execute();
}
