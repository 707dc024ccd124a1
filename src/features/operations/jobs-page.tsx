import type { Context } from 'hono';
import type { JobRow } from '../../platform/db/schema';
import { formatDateTime } from '../../platform/i18n';
import type { JobCounts } from '../../platform/jobs/store';
import type { AppEnv } from '../../platform/web/env';
import { AdminNav, ButtonForm, Notice, PageHeader } from '../../platform/web/views/components';
import { page } from '../../platform/web/views/layout';

export interface JobsPageProps {
  counts: JobCounts;
  open: readonly JobRow[];
  notice?: string | undefined;
  problem?: string | undefined;
}

/** What waits, runs and gave up in the job queue; failed jobs can be tried again. */
export function jobsPage(c: Context<AppEnv>, props: JobsPageProps) {
  const m = c.get('m');
  const t = m.operations;
  const locale = c.get('locale');
  const states = ['failed', 'pending', 'running', 'done'] as const;
  return page(
    c,
    { title: t.title, indexable: false, status: props.problem ? 409 : 200 },
    <>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      {props.problem ? <Notice tone="warning">{props.problem}</Notice> : null}
      <AdminNav locale={locale} m={m} />
      <PageHeader title={t.title} lead={t.lead} />
      <table class="table">
        <caption>{t.counts}</caption>
        <thead>
          <tr>
            <th scope="col">{t.state}</th>
            <th scope="col">{t.number}</th>
          </tr>
        </thead>
        <tbody>
          {states.map((state) => (
            <tr>
              <th scope="row">{t.states[state]}</th>
              <td>{props.counts[state]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.open}</h2>
      {props.open.length === 0 ? <p>{t.none}</p> : null}
      {props.open.map((job) => (
        <article class="card review-item">
          <h3>
            {t.kinds[job.kind] ?? job.kind} <span class="muted">· {t.states[job.status as 'pending']}</span>
          </h3>
          <dl class="facts">
            <dt>{t.attempts}</dt>
            <dd>
              {job.attempts} / {job.max_attempts}
            </dd>
            <dt>{job.status === 'failed' ? t.created : t.nextTry}</dt>
            <dd>{formatDateTime(locale, job.status === 'failed' ? job.created_at : job.run_after)}</dd>
            {job.last_error ? (
              <>
                <dt>{t.error}</dt>
                <dd>
                  <code>{job.last_error}</code>
                </dd>
              </>
            ) : null}
          </dl>
          {job.status === 'failed' ? (
            <ButtonForm
              action={`/${locale}/admin/jobs/${job.id}/retry`}
              label={t.retry}
              look="secondary"
              subject={t.kinds[job.kind] ?? job.kind}
            />
          ) : null}
        </article>
      ))}
    </>,
  );
}
