import type { Principal } from '../../platform/auth/access';
import { createAuditLog } from '../../platform/audit/store';
import { createSettingsRepository } from '../../platform/settings/store';
import { createCompanyRepository } from '../companies';
import { fillAssignmentsJob } from './decide';
import type { ReviewDependencies } from './dependencies';
import { enqueueMails } from './notify';
import { canResume, queuePlace } from './rules';
import { createReviewRepository } from './store';

type Admin = Principal & { userId: string };
type Dependencies = Pick<ReviewDependencies, 'jobs' | 'mailer' | 'settings' | 'baseUrl' | 'now'>;

/**
 * Pauses the review with a public notice per locale: the setting and its audit entry are one transaction.
 * Applications still arrive and wait in the queue; nobody is assigned until reviews resume.
 */
export async function pauseReviews(
  deps: Dependencies,
  request: { actor: Admin; message: Record<string, string> },
): Promise<{ kind: 'paused' } | { kind: 'not-allowed' }> {
  if (request.actor.role !== 'admin') return { kind: 'not-allowed' };
  await deps.jobs.transaction(async (trx) => {
    const now = deps.now();
    await createSettingsRepository(trx, deps.now).setPause(true, request.message);
    await createAuditLog(trx).append(
      { actorId: request.actor.userId, action: 'reviews-paused', reason: request.message['en'] ?? '' },
      now,
    );
  });
  deps.settings.forget();
  return { kind: 'paused' };
}

/**
 * Resumes the review: the setting, its audit entry, the mail to every company waiting in the queue (those
 * who did not turn it off) with its place, and the job that assigns reviewers are one transaction.
 */
export async function resumeReviews(
  deps: Dependencies,
  request: { actor: Admin },
): Promise<{ kind: 'resumed'; waiting: number } | { kind: 'not-paused' } | { kind: 'not-allowed' }> {
  if (request.actor.role !== 'admin') return { kind: 'not-allowed' };
  const result = await deps.jobs.transaction(async (trx) => {
    const settings = createSettingsRepository(trx, deps.now);
    if (!canResume(await settings.review())) return { kind: 'not-paused' } as const;
    const now = deps.now();
    await settings.setPause(false, {});
    await createAuditLog(trx).append({ actorId: request.actor.userId, action: 'reviews-resumed' }, now);
    const waiting = (await createReviewRepository(trx).openApplications()).filter(
      (entry) => entry.status === 'submitted',
    );
    for (const entry of waiting) {
      const place = queuePlace(waiting, entry.id);
      await enqueueMails(trx, deps.mailer, {
        kind: 'reviews-resumed',
        recipients: await createCompanyRepository(trx).members(entry.companyId),
        dedupeKey: `reviews-resumed:${now.toISOString()}:${entry.id}`,
        compose: (m, locale) => ({
          subject: m.reviewMail.resumedSubject,
          body: m.reviewMail.resumedBody(
            entry.productName,
            place,
            `${deps.baseUrl}/${locale}/applications/${entry.id}`,
          ),
        }),
      });
    }
    await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
    return { kind: 'resumed', waiting: waiting.length } as const;
  });
  deps.settings.forget();
  return result;
}

export interface ProgramSettings {
  reviewersPerApplication: number;
  validityMonths: number | null;
  recommendedPercent: number | null;
}

/**
 * Changes the program's settings: the values, their audit entry and the job that assigns reviewers to
 * the new number per application are one transaction.
 */
export async function saveProgramSettings(
  deps: Dependencies,
  request: { actor: Admin; settings: ProgramSettings },
): Promise<{ kind: 'saved' } | { kind: 'not-allowed' }> {
  if (request.actor.role !== 'admin') return { kind: 'not-allowed' };
  const { reviewersPerApplication, validityMonths, recommendedPercent } = request.settings;
  await deps.jobs.transaction(async (trx) => {
    await createSettingsRepository(trx, deps.now).setProgram({
      reviewersPerApplication,
      validityMonths,
      recommendedShare: recommendedPercent === null ? null : recommendedPercent / 100,
    });
    await createAuditLog(trx).append(
      { actorId: request.actor.userId, action: 'settings-changed', details: { ...request.settings } },
      deps.now(),
    );
    await deps.jobs.enqueue(trx, { kind: fillAssignmentsJob, payload: null });
  });
  deps.settings.forget();
  return { kind: 'saved' };
}
