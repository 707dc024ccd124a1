import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { page, type PageOptions } from './layout';
import { PageHeader } from './components';

/** An error as a normal page of the site: a plain sentence and a way back, never internals. */
export function renderError(
  c: Context<AppEnv>,
  status: NonNullable<PageOptions['status']>,
  title: string,
  message: string,
) {
  const m = c.get('m');
  return page(
    c,
    { title, status, indexable: false },
    <>
      <PageHeader title={title} lead={message} />
      <p>
        <a href={`/${c.get('locale')}`}>{m.errors.backHome}</a>
      </p>
    </>,
  );
}

/** The one "page not found" of the site, also for things that exist but that this user may not see. */
export function renderNotFound(c: Context<AppEnv>) {
  const m = c.get('m');
  return renderError(c, 404, m.errors.notFoundTitle, m.errors.notFound);
}
