import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { OptionalMailKind } from '../review/notification-rules';

/** Which optional mails a user turned off. Everything is on until they say otherwise. */
export function createMailPreferenceRepository(db: Kysely<Database>) {
  return {
    async disabledKinds(userId: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('mail_preference')
        .select('kind')
        .where('user_id', '=', userId)
        .where('enabled', '=', 0)
        .execute();
      return new Set(rows.map((row) => row.kind));
    },

    async set(userId: string, kind: OptionalMailKind, enabled: boolean): Promise<void> {
      await db
        .insertInto('mail_preference')
        .values({ user_id: userId, kind, enabled: enabled ? 1 : 0 })
        .onConflict((conflict) =>
          conflict.columns(['user_id', 'kind']).doUpdateSet({ enabled: enabled ? 1 : 0 }),
        )
        .execute();
    },
  };
}

export type MailPreferenceRepository = ReturnType<typeof createMailPreferenceRepository>;
