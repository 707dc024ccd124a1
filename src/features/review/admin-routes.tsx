import type { Context } from 'hono';
import { formatDate } from '../../platform/i18n';
import type { AppEnv } from '../../platform/web/env';
import { assignSchema, pauseSchema, programSettingsSchema, unassignSchema } from '../../web/form-schemas';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import {
  ButtonForm,
  AdminNav,
  Field,
  Notice,
  PageHeader,
  PostForm,
  TableRegion,
} from '../../platform/web/views/components';
import { renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import { ReviewTimes } from './pages/review-times';

type Ctx = Context<AppEnv>;

/** The admin's view of the review: pausing, reviewers per application, capacity figures, pool and queue. */
export function registerReviewAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { review, reviewers, settings, workflow, applications } = services;
  const home = (c: Ctx, notice: string) => `/${c.get('locale')}/admin/reviews?notice=${notice}`;

  const adminPage = async (
    c: Ctx,
    state: { errors?: FieldErrors; values?: FormValues; problem?: string; status?: 404 | 409 | 422 } = {},
  ) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const [current, pool, open, timings] = await Promise.all([
      settings.review(),
      reviewers.pool(),
      review.openApplications(),
      review.timings(),
    ]);
    const queue = open.filter((entry) => entry.status === 'submitted');
    const assignmentsByApplication = new Map(
      await Promise.all(open.map(async (entry) => [entry.id, await review.assignments(entry.id)] as const)),
    );
    const notice = m.reviewAdmin.notices[c.req.query('notice') ?? ''];
    const values = state.values ?? {};
    return page(
      c,
      { title: m.reviewAdmin.title, indexable: false, status: state.status ?? 200 },
      <>
        {notice ? <Notice>{notice}</Notice> : null}
        {state.problem ? <Notice tone="warning">{state.problem}</Notice> : null}
        <AdminNav locale={locale} m={m} />
        <PageHeader title={m.reviewAdmin.title} lead={m.reviewAdmin.lead} />
        <section class="card" aria-labelledby="pause-title">
          <h2 id="pause-title">{current.paused ? m.reviewAdmin.pausedNow : m.reviewAdmin.runningNow}</h2>
          {current.paused ? (
            <form method="post" action={`/${locale}/admin/reviews/resume`} class="form">
              <p>{m.reviewAdmin.resumeLead(queue.length)}</p>
              <button type="submit" class="button">
                {m.reviewAdmin.resume}
              </button>
            </form>
          ) : (
            <PostForm
              action={`/${locale}/admin/reviews/pause`}
              errorTitle={m.errors.formProblems}
              errors={state.errors}
              submitLabel={m.reviewAdmin.pause}
            >
              <Field
                name="messageEn"
                label={m.reviewAdmin.messageEn}
                hint={m.reviewAdmin.messageHint}
                multiline
                maxLength={500}
                errors={state.errors}
                values={values}
              />
              <Field
                name="messageDe"
                label={m.reviewAdmin.messageDe}
                multiline
                required={false}
                maxLength={500}
                errors={state.errors}
                values={values}
              />
            </PostForm>
          )}
        </section>
        <section class="card" aria-labelledby="settings-title">
          <h2 id="settings-title">{m.reviewAdmin.settings}</h2>
          <PostForm
            action={`/${locale}/admin/reviews/settings`}
            errorTitle={m.errors.formProblems}
            errors={state.errors}
            submitLabel={m.reviewAdmin.save}
          >
            <Field
              name="reviewersPerApplication"
              label={m.reviewAdmin.reviewersPerApplication}
              maxLength={1}
              errors={state.errors}
              values={{
                reviewersPerApplication:
                  values['reviewersPerApplication'] ?? String(current.reviewersPerApplication),
              }}
            />
            <Field
              name="validityMonths"
              label={m.reviewAdmin.validityMonths}
              hint={m.reviewAdmin.validityHint(services.config.certificationValidityMonths)}
              required={false}
              inputMode="numeric"
              maxLength={3}
              errors={state.errors}
              values={{
                validityMonths:
                  values['validityMonths'] ??
                  (current.validityMonths === null ? '' : String(current.validityMonths)),
              }}
            />
            <Field
              name="recommendedPercent"
              label={m.reviewAdmin.recommendedPercent}
              hint={m.reviewAdmin.recommendedHint}
              required={false}
              inputMode="numeric"
              maxLength={3}
              errors={state.errors}
              values={{
                recommendedPercent:
                  values['recommendedPercent'] ??
                  (current.recommendedShare === null
                    ? ''
                    : String(Math.round(current.recommendedShare * 100))),
              }}
            />
          </PostForm>
        </section>
        <section class="card" aria-labelledby="figures-title">
          <h2 id="figures-title">{m.reviewAdmin.figures}</h2>
          <p>{m.reviewAdmin.queueLength(queue.length)}</p>
          <ReviewTimes timings={timings} m={m} />
        </section>
        <section class="card" aria-labelledby="pool-title">
          <h2 id="pool-title">{m.reviewAdmin.pool}</h2>
          {pool.length === 0 ? (
            <p>{m.reviewAdmin.poolEmpty}</p>
          ) : (
            <TableRegion label={m.reviewAdmin.pool}>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{m.admin.name}</th>
                    <th scope="col">{m.reviewAdmin.load}</th>
                    <th scope="col">{m.review.available}</th>
                    <th scope="col">{m.admin.twoFactor}</th>
                    <th scope="col">{m.review.conflicts}</th>
                  </tr>
                </thead>
                <tbody>
                  {pool.map((member) => (
                    <tr>
                      <td>{member.name}</td>
                      <td>{m.reviewAdmin.loadOf(member.load, member.capacity)}</td>
                      <td>{member.available ? m.admin.yes : m.admin.no}</td>
                      <td>{member.twoFactorEnabled ? m.admin.yes : m.admin.no}</td>
                      <td>{member.conflicts.map((conflict) => conflict.companyName).join(', ') || '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </section>
        <section class="card" aria-labelledby="open-title">
          <h2 id="open-title">{m.reviewAdmin.open}</h2>
          {open.length === 0 ? <p>{m.review.queueEmpty}</p> : null}
          {open.map((entry, index) => {
            const assigned = assignmentsByApplication.get(entry.id) ?? [];
            const candidates = pool.filter(
              (member) =>
                !member.conflictedCompanyIds.has(entry.companyId) &&
                !assigned.some((row) => row.reviewerId === member.reviewerId),
            );
            return (
              <article class="review-item">
                <h3>
                  <a href={`/${locale}/review/applications/${entry.id}`}>{entry.productName}</a>{' '}
                  <span class="muted">
                    {entry.companyName} · {m.applications.statuses[entry.status]}
                    {entry.appealedAt ? ` · ${m.reviewAdmin.appeal}` : ''}
                    {entry.status === 'submitted' ? ` · ${m.reviewAdmin.place(index + 1)}` : ''} ·{' '}
                    {entry.submittedAt ? formatDate(locale, entry.submittedAt) : ''}
                  </span>
                </h3>
                <ul class="plain-list">
                  {assigned.map((row) => (
                    <li>
                      {row.name}{' '}
                      <ButtonForm
                        action={`/${locale}/admin/applications/${entry.id}/unassign`}
                        label={m.reviewAdmin.unassign}
                        look="link"
                        subject={row.name}
                      >
                        <input type="hidden" name="reviewerId" value={row.reviewerId} />
                        <input type="hidden" name="reason" value={m.reviewAdmin.unassignReason} />
                      </ButtonForm>
                    </li>
                  ))}
                </ul>
                {candidates.length > 0 ? (
                  <form
                    method="post"
                    action={`/${locale}/admin/applications/${entry.id}/assign`}
                    class="inline-form"
                  >
                    <label for={`reviewer-${entry.id}`}>{m.reviewAdmin.assign}</label>{' '}
                    <select id={`reviewer-${entry.id}`} name="reviewerId">
                      {candidates.map((member) => (
                        <option value={member.reviewerId}>
                          {`${member.name} (${m.reviewAdmin.loadOf(member.load, member.capacity)})`}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" class="button button-small">
                      {m.reviewAdmin.assignButton}
                    </button>
                  </form>
                ) : null}
              </article>
            );
          })}
        </section>
      </>,
    );
  };

  routes.get('/:locale/admin/reviews', 'admin', (c) => adminPage(c));

  routes.post('/:locale/admin/reviews/pause', 'admin', async (c) => {
    const form = parseForm(pauseSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return adminPage(c, { errors: form.errors, values: form.values, status: 422 });
    await workflow.pause({ en: form.data.messageEn, de: form.data.messageDe }, currentUser(c).id);
    return c.redirect(home(c, 'paused'), 303);
  });

  routes.post('/:locale/admin/reviews/resume', 'admin', async (c) => {
    await workflow.resume(currentUser(c).id);
    return c.redirect(home(c, 'resumed'), 303);
  });

  routes.post('/:locale/admin/reviews/settings', 'admin', async (c) => {
    const form = parseForm(programSettingsSchema(c.get('m')), await c.req.parseBody());
    if (!form.ok) return adminPage(c, { errors: form.errors, values: form.values, status: 422 });
    const { reviewersPerApplication, validityMonths, recommendedPercent } = form.data;
    await settings.setProgram({
      reviewersPerApplication,
      validityMonths,
      recommendedShare: recommendedPercent === null ? null : recommendedPercent / 100,
    });
    await services.audit.append(
      { actorId: currentUser(c).id, action: 'settings-changed', details: form.data },
      services.now(),
    );
    await workflow.fillAssignments();
    return c.redirect(home(c, 'saved'), 303);
  });

  const loadOpen = async (c: Ctx) => {
    const application = await applications.find(c.req.param('applicationId') ?? '');
    return application && ['submitted', 'in-review', 'changes-requested'].includes(application.status)
      ? application
      : undefined;
  };

  routes.post('/:locale/admin/applications/:applicationId/assign', 'admin', async (c) => {
    const m = c.get('m');
    const application = await loadOpen(c);
    if (!application) return renderNotFound(c);
    const form = parseForm(assignSchema(m), await c.req.parseBody());
    if (!form.ok) return adminPage(c, { problem: m.reviewAdmin.notAReviewer, status: 422 });
    const outcome = await workflow.assignByAdmin(application, form.data.reviewerId, currentUser(c).id);
    if (outcome === 'member-of-company')
      return adminPage(c, { problem: m.reviewAdmin.memberOfCompany, status: 409 });
    if (outcome === 'conflicted') return adminPage(c, { problem: m.reviewAdmin.conflicted, status: 409 });
    if (outcome === 'took-part') return adminPage(c, { problem: m.reviewAdmin.tookPart, status: 409 });
    if (outcome === 'no-two-factor') return adminPage(c, { problem: m.reviewAdmin.noTwoFactor, status: 409 });
    if (outcome === 'not-a-reviewer')
      return adminPage(c, { problem: m.reviewAdmin.notAReviewer, status: 422 });
    return c.redirect(home(c, 'assigned'), 303);
  });

  routes.post('/:locale/admin/applications/:applicationId/unassign', 'admin', async (c) => {
    const m = c.get('m');
    const application = await loadOpen(c);
    if (!application) return renderNotFound(c);
    const form = parseForm(unassignSchema(m), await c.req.parseBody());
    if (!form.ok) return adminPage(c, { problem: m.reviewAdmin.unassignReasonMissing, status: 422 });
    if (!(await workflow.unassign(application, form.data.reviewerId, currentUser(c).id, form.data.reason)))
      return renderNotFound(c);
    return c.redirect(home(c, 'unassigned'), 303);
  });
}
