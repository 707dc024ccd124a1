import type { Context } from 'hono';
import type { AppServices } from '../../app/services';
import type { AppEnv } from '../../platform/web/env';
import { bodyLimitOf, parseForm } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import { currentUser } from '../../platform/web/session';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { messageSchema } from './schemas';
import { applicationPath, type ApplicationLoader } from './load';
import { renderConflictPage } from './pages/conflict-page';
import { renderCriterionPage } from './pages/criterion-page';
import { answerSchema } from './schemas';

type Ctx = Context<AppEnv>;

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

  /** Autosave asks for JSON; a form post gets the page, the conflict page or the way back. */
  const saveAnswer = async (c: Ctx) => {
    const found = await load.criterion(c);
    if (!found) return renderNotFound(c);
    const { loaded, criterion } = found;
    const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
    if (!loaded.canEdit) return wantsJson ? c.json({ ok: false, reason: 'locked' }, 409) : lockedPage(c);
    const form = parseForm(answerSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) {
      if (wantsJson) return c.json({ ok: false, reason: 'invalid', errors: form.errors }, 422);
      const draft = { status: null, explanation: form.values['explanation'] ?? '' };
      return renderCriterionPage(c, services, loaded, criterion, { errors: form.errors, status: 422, draft });
    }
    const { status, explanation } = form.data;
    const outcome = await applications.saveAnswer({
      applicationId: loaded.application.id,
      criterionId: criterion.id,
      expectedRevision: form.data.revision,
      status,
      explanation,
      author: authorOf(c),
      now: services.now(),
    });
    if (wantsJson) return c.json(outcome, outcome.ok ? 200 : 409);
    if (outcome.ok)
      return c.redirect(`${applicationPath(c, loaded)}/criteria/${criterion.id}?notice=saved`, 303);
    return outcome.reason === 'locked'
      ? lockedPage(c)
      : renderConflictPage(c, services, found, { status, explanation });
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
