import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import {
  ButtonForm,
  AdminNav,
  Field,
  Notice,
  PageHeader,
  PostForm,
  TableRegion,
} from '../../../platform/web/views/components';
import type { ReviewSettings } from '../../../platform/settings/store';
import type { PoolMember } from '../reviewers-store';
import type { QueueEntry, ReviewRepository } from '../store';
import { numberFieldLimits, pauseSchema } from '../schemas';
import { ReviewTimes } from './review-times';

export interface AdminState {
  errors?: FieldErrors;
  values?: FormValues;
  problem?: string;
  status?: 404 | 409 | 422;
}

export interface ReviewAdminProps {
  m: Messages;
  locale: Locale;
  notice: string | undefined;
  state: AdminState;
  current: ReviewSettings;
  defaultValidityMonths: number;
  pool: readonly PoolMember[];
  open: readonly QueueEntry[];
  timings: Awaited<ReturnType<ReviewRepository['timings']>>;
  assignments: ReadonlyMap<string, Awaited<ReturnType<ReviewRepository['assignments']>>>;
}

/** The admin's view of the review: pausing, reviewers per application, capacity figures, pool and queue. */
export function ReviewAdminPage(props: ReviewAdminProps) {
  const { m, locale, state, current, pool, open, timings } = props;
  const notice = props.notice;
  const values = state.values ?? {};
  const queue = open.filter((entry) => entry.status === 'submitted');
  const assignmentsByApplication = props.assignments;
  const pauseLimits = fieldLimits(pauseSchema(m));
  return (
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
              maxLength={pauseLimits['messageEn']}
              errors={state.errors}
              values={values}
            />
            <Field
              name="messageDe"
              label={m.reviewAdmin.messageDe}
              multiline
              required={false}
              maxLength={pauseLimits['messageDe']}
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
            maxLength={numberFieldLimits.reviewersPerApplication}
            errors={state.errors}
            values={{
              reviewersPerApplication:
                values['reviewersPerApplication'] ?? String(current.reviewersPerApplication),
            }}
          />
          <Field
            name="validityMonths"
            label={m.reviewAdmin.validityMonths}
            hint={m.reviewAdmin.validityHint(props.defaultValidityMonths)}
            required={false}
            inputMode="numeric"
            maxLength={numberFieldLimits.validityMonths}
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
            maxLength={numberFieldLimits.recommendedPercent}
            errors={state.errors}
            values={{
              recommendedPercent:
                values['recommendedPercent'] ??
                (current.recommendedShare === null ? '' : String(Math.round(current.recommendedShare * 100))),
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
    </>
  );
}
