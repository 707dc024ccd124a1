import type { Context } from 'hono';
import type { AppServices } from '../../app/services';
import type { AppEnv } from '../../platform/web/env';
import { statedJson } from '../../platform/web/compression';
import { bodyLimitOf, parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import type { AnswerStatus } from '../review/decision-rules';
import type { RouteRegistry } from '../../platform/web/routing';
import { currentUser } from '../../platform/web/session';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { messageSchema } from './schemas';
import { applicationPath, type ApplicationLoader } from './load';
import { renderConflictPage } from './pages/conflict-page';
import { renderCriterionPage } from './pages/criterion-page';
import { answerSchema } from './schemas';

type Ctx = Context<AppEnv>;
/** What the person sent, shown beside the answer saved meanwhile. */
type Mine = { status: AnswerStatus | null; explanation: string };

export const lockedPage = (c: Ctx) =>
  renderError(c, 409, c.get('m').errors.title, c.get('m').applications.locked);
export const authorOf = (c: Ctx) => ({ id: currentUser(c).id, name: currentUser(c).name });

/** The answer to one criterion: its page, saving it (as a form or by autosave), and replies to reviewers. */
export function registerAnswerRoutes(
  routes: RouteRegistry,
  services: AppServices,
  load: ApplicationLoader,
): void {
  const { applications, review } = services;

  routes.get('/:locale/applications/:applicationId/criteria/:criterionId', 'signed-in', async (c) => {
    const found = await load.criterion(c);
    if (!found) return renderNotFound(c);
    return renderCriterionPage(c, services, found.loaded, found.criterion);
  });

  /** A form post that was not saved: its page again with the form's errors, or the conflict page. */
  const answerPageAgain = async (
    c: Ctx,
    again: { errors: FieldErrors; values: FormValues } | { mine: Mine },
  ) => {
    const found = await load.criterion(c);
    if (!found) return renderNotFound(c);
    if ('mine' in again) return renderConflictPage(c, services, found, again.mine);
    const draft = { status: null, explanation: again.values['explanation'] ?? '' };
    const options = { errors: again.errors, status: 422 as const, draft };
    return renderCriterionPage(c, services, found.loaded, found.criterion, options);
  };

  /** Autosave asks for JSON; a form post gets the page, the conflict page or the way back. */
  const saveAnswer = async (c: Ctx) => {
    const target = await load.answerable(c);
    if (!target) return renderNotFound(c);
    const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
    if (!target.canEdit) return wantsJson ? c.json({ ok: false, reason: 'locked' }, 409) : lockedPage(c);
    const form = parseForm(answerSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) {
      if (wantsJson) return c.json({ ok: false, reason: 'invalid', errors: form.errors }, 422);
      return answerPageAgain(c, form);
    }
    const { status, explanation } = form.data;
    const outcome = await applications.saveAnswer({
      applicationId: target.application.id,
      criterionId: target.criterion.id,
      expectedRevision: form.data.revision,
      status,
      explanation,
      author: authorOf(c),
      now: services.now(),
    });
    if (wantsJson) return statedJson(c, outcome, outcome.ok ? 200 : 409);
    if (outcome.ok)
      return c.redirect(`${applicationPath(c, target)}/criteria/${target.criterion.id}?notice=saved`, 303);
    if (outcome.reason === 'locked') return lockedPage(c);
    return answerPageAgain(c, { mine: { status, explanation } });
  };
  routes.post(
    '/:locale/applications/:applicationId/criteria/:criterionId',
    'signed-in',
    bodyLimitOf(answerSchema),
    saveAnswer,
  );

  routes.post(
    '/:locale/applications/:applicationId/criteria/:criterionId/messages',
    'signed-in',
    async (c) => {
      const found = await load.criterion(c);
      if (!found?.loaded.membership) return renderNotFound(c);
      const { loaded, criterion } = found;
      if (loaded.application.status !== 'changes-requested') return lockedPage(c);
      const form = parseForm(messageSchema(c.get('m')), await c.req.parseBody());
      if (!form.ok)
        return renderCriterionPage(c, services, loaded, criterion, { errors: form.errors, status: 422 });
      await review.addMessage({
        applicationId: loaded.application.id,
        criterionId: criterion.id,
        round: loaded.application.round,
        author: authorOf(c),
        side: 'applicant',
        body: form.data.body,
        now: services.now(),
      });
      return c.redirect(`${applicationPath(c, loaded)}/criteria/${criterion.id}`, 303);
    },
  );
}
