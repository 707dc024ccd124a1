import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Program settings an admin changes at run time, stored as text by key. */
export interface ReviewSettings {
  paused: boolean;
  /** The public notice shown while reviews are paused, by locale. */
  pauseMessage: Record<string, string>;
  reviewersPerApplication: number;
  /** How long new certifications are valid; null: the CERTIFICATION_VALIDITY_MONTHS default. */
  validityMonths: number | null;
  /** The share of recommended criteria decisions require; null: each criteria version's own. */
  recommendedShare: number | null;
}

export const defaultReviewSettings: ReviewSettings = {
  paused: false,
  pauseMessage: {},
  reviewersPerApplication: 2,
  validityMonths: null,
  recommendedShare: null,
};

/** A stored whole number or share, or null when unset or unreadable. */
function storedNumber(value: string | undefined, valid: (number: number) => boolean): number | null {
  if (value === undefined || value === '') return null;
  const number = Number(value);
  return valid(number) ? number : null;
}

/**
 * Read on every page (the pause notice is shown everywhere), so the values are kept for a few seconds.
 * A change made through this instance is visible at once; other instances see it within `ttlMs`.
 */
export function createSettingsRepository(db: Kysely<Database>, now: () => Date, ttlMs = 5000) {
  let cached: { value: ReviewSettings; at: number } | undefined;

  async function load(): Promise<ReviewSettings> {
    const rows = await db.selectFrom('program_setting').select(['key', 'value']).execute();
    const byKey = new Map(rows.map((row) => [row.key, row.value]));
    const parsedMessage = (() => {
      try {
        return JSON.parse(byKey.get('pause_message') ?? '{}') as Record<string, string>;
      } catch {
        return {};
      }
    })();
    const reviewers = Number(byKey.get('reviewers_per_application'));
    return {
      validityMonths: storedNumber(
        byKey.get('validity_months'),
        (months) => Number.isInteger(months) && months >= 1 && months <= 120,
      ),
      recommendedShare: storedNumber(byKey.get('recommended_share'), (share) => share >= 0 && share <= 1),
      paused: byKey.get('reviews_paused') === 'true',
      pauseMessage: parsedMessage,
      reviewersPerApplication:
        Number.isInteger(reviewers) && reviewers > 0
          ? reviewers
          : defaultReviewSettings.reviewersPerApplication,
    };
  }

  async function put(key: string, value: string): Promise<void> {
    const at = now().toISOString();
    await db
      .insertInto('program_setting')
      .values({ key, value, updated_at: at })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
  }

  return {
    async review(): Promise<ReviewSettings> {
      if (cached && Date.now() - cached.at < ttlMs) return cached.value;
      const value = await load();
      cached = { value, at: Date.now() };
      return value;
    },

    /** Drops the kept values: a change written in another transaction is read afresh once it commits. */
    forget(): void {
      cached = undefined;
    },

    async setPause(paused: boolean, message: Record<string, string>): Promise<void> {
      await put('reviews_paused', String(paused));
      await put('pause_message', JSON.stringify(message));
      cached = undefined;
    },

    async setProgram(values: {
      reviewersPerApplication: number;
      validityMonths: number | null;
      recommendedShare: number | null;
    }): Promise<void> {
      await put('reviewers_per_application', String(values.reviewersPerApplication));
      await put('validity_months', values.validityMonths === null ? '' : String(values.validityMonths));
      await put('recommended_share', values.recommendedShare === null ? '' : String(values.recommendedShare));
      cached = undefined;
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
