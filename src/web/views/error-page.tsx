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
