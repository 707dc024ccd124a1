import type { Context } from 'hono';
import type { AppServices } from '../../../app/services';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits } from '../../../platform/web/forms';
import { Field, PageHeader } from '../../../platform/web/views/components';
import { renderNotFound } from '../../../platform/web/views/error-page';
import { page } from '../../../platform/web/views/layout';
import type { Criterion } from '../../criteria/rules';
import type { AnswerStatus } from '../../review/decision-rules';
import { applicationPath, type LoadedApplication } from '../load';
import { answerSchema } from '../schemas';
import { AnswerView } from './application-parts';
import { AnswerChoices } from './criterion-page';

/** Both versions side by side; the person picks one, or edits theirs, and nothing is lost. */
export async function renderConflictPage(
  c: Context<AppEnv>,
  services: AppServices,
  target: { loaded: LoadedApplication; criterion: Criterion },
  mine: { status: AnswerStatus | null; explanation: string },
) {
  const m = c.get('m');
  const theirs = (await services.applications.answers(target.loaded.application.id)).get(target.criterion.id);
  if (!theirs) return renderNotFound(c);
  const history = await services.applications.history(theirs.id);
  const here = `${applicationPath(c, target.loaded)}/criteria/${target.criterion.id}`;
  const theirAuthor = history[0]?.author_name || m.account.deletedAccount;
  return page(
    c,
    { title: m.applications.conflictTitle, status: 409, indexable: false },
    <>
      <PageHeader title={m.applications.conflictTitle} lead={m.applications.conflictLead} />
      <div class="two-columns">
        <section class="card" aria-labelledby="theirs-title">
          <h2 id="theirs-title">{m.applications.theirVersion(theirAuthor)}</h2>
          <AnswerView answer={theirs} m={m} />
          <p>
            <a class="button button-secondary" href={here}>
              {m.applications.keepTheirs}
            </a>
          </p>
        </section>
        <section class="card" aria-labelledby="mine-title">
          <h2 id="mine-title">{m.applications.yourVersion}</h2>
          <form method="post" action={here} class="form" novalidate>
            <input type="hidden" name="revision" value={String(theirs.revision)} />
            <AnswerChoices m={m} shown={mine.status} />
            <Field
              name="explanation"
              label={m.applications.explanation}
              multiline
              required={false}
              maxLength={fieldLimits(answerSchema(m))['explanation']}
              values={{ explanation: mine.explanation }}
            />
            <button type="submit" class="button">
              {m.applications.keepMine}
            </button>
          </form>
        </section>
      </div>
    </>,
  );
}
