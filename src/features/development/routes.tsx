import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { PageHeader } from '../../platform/web/views/components';
import { page } from '../../platform/web/views/layout';

/** Splits text into plain parts and links, so a developer can follow links in mail without copying. */
function linkify(text: string) {
  return text
    .split(/(https?:\/\/[^\s]+)/g)
    .map((part) => (/^https?:\/\//.test(part) ? <a href={part}>{part}</a> : part));
}

/**
 * The development outbox: only registered when mail goes to files (no SMTP_URL) outside production.
 * Mail can carry sign-in links, so it is never served where real people use the site.
 */
export function registerDevelopmentRoutes(routes: RouteRegistry, services: AppServices): void {
  const outbox = services.outbox;
  if (!outbox || services.config.environment === 'production') return;

  routes.get('/:locale/dev/outbox', 'public', async (c) => {
    const m = c.get('m');
    const entries = await outbox.list();
    return page(
      c,
      { title: m.outbox.title, indexable: false },
      <>
        <PageHeader title={m.outbox.title} lead={m.outbox.lead} />
        {entries.length === 0 ? <p>{m.outbox.empty}</p> : null}
        {entries.map((entry) => (
          <article class="card mail">
            <dl class="facts">
              <dt>{m.outbox.to}</dt>
              <dd>{entry.to}</dd>
              <dt>{m.outbox.subject}</dt>
              <dd>{entry.subject}</dd>
              <dt>{m.outbox.sent}</dt>
              <dd>
                <time datetime={entry.writtenAt}>{entry.writtenAt}</time>
              </dd>
            </dl>
            <pre class="mail-body">{linkify(entry.text)}</pre>
          </article>
        ))}
      </>,
    );
  });
}
