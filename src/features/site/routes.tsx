import { Feed } from 'feed';
import type { Context } from 'hono';
import { raw } from 'hono/html';
import { dimensions, isRequiredDimension } from '../criteria/dimensions-rules';
import { formatDate } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import type { AppEnv } from '../../platform/web/env';
import { contactSchema } from './schemas';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import { renderMarkdown } from '../../platform/web/markdown';
import { limitSubmissions } from '../../platform/web/rate-limits';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import {
  BotGuardFields,
  EmailField,
  Field,
  Notice,
  PageHeader,
  PostForm,
} from '../../platform/web/views/components';
import { renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';

export function registerPublicRoutes(routes: RouteRegistry, services: AppServices): void {
  const { news, partners, formGuard, mailer, config } = services;

  routes.get('/:locale', 'public', async (c) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const latest = await news.listPublished(locale, services.now(), 3);
    return page(
      c,
      { title: m.home.title },
      <>
        <section class="hero">
          <h1>{m.home.title}</h1>
          <p class="lead">{m.home.lead}</p>
          <p class="actions">
            <a class="button" href={`/${locale}/sign-up`}>
              {m.home.applyCta}
            </a>
            <a class="button button-secondary" href={`/${locale}/dimensions`}>
              {m.home.dimensionsCta}
            </a>
          </p>
        </section>
        <section class="two-columns">
          <div>
            <h2>{m.home.whatTitle}</h2>
            <p>{m.home.whatBody}</p>
          </div>
          <div>
            <h2>{m.home.whoTitle}</h2>
            <p>{m.home.whoBody}</p>
          </div>
        </section>
        <section>
          <h2>{m.home.howTitle}</h2>
          <ol class="steps">
            {m.home.steps.map((step) => (
              <li>
                <h3>{step.title}</h3>
                <p>{step.body}</p>
              </li>
            ))}
          </ol>
        </section>
        <section>
          <h2>{m.home.notTitle}</h2>
          <p>{m.home.notBody}</p>
        </section>
        {latest.length > 0 ? (
          <section>
            <h2>{m.home.latestNews}</h2>
            <ul class="card-list">
              {latest.map((post) => (
                <li class="card">
                  <h3>
                    <a href={`/${locale}/news/${post.slug}`}>{post.title}</a>
                  </h3>
                  <p class="muted">
                    <time datetime={post.published_at}>{formatDate(locale, post.published_at)}</time>
                  </p>
                  <p>{post.summary}</p>
                </li>
              ))}
            </ul>
            <p>
              <a href={`/${locale}/news`}>{m.home.allNews}</a>
            </p>
          </section>
        ) : null}
      </>,
    );
  });

  routes.get('/:locale/dimensions', 'public', (c) => {
    const m = c.get('m');
    return page(
      c,
      { title: m.dimensions.title },
      <>
        <PageHeader title={m.dimensions.title} lead={m.dimensions.lead} />
        <ol class="dimension-list">
          {dimensions.map((dimension) => {
            const item = m.dimensions.items[dimension];
            return (
              <li class="card" id={dimension}>
                <h2>{item.name}</h2>
                <p class={isRequiredDimension(dimension) ? 'tag tag-required' : 'tag'}>
                  {isRequiredDimension(dimension) ? m.dimensions.required : m.dimensions.encouraged}
                </p>
                <p>
                  <strong>{m.dimensions.guidingQuestion}:</strong> {item.question}
                </p>
                <p>{item.body}</p>
              </li>
            );
          })}
        </ol>
      </>,
    );
  });

  routes.get('/:locale/partners', 'public', async (c) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const list = await partners.list();
    return page(
      c,
      { title: m.partners.title },
      <>
        <PageHeader title={m.partners.title} lead={m.partners.lead} />
        {list.length === 0 ? (
          <p>{m.partners.empty}</p>
        ) : (
          <ul class="card-list">
            {list.map((partner) => (
              <li class="card">
                {partner.logo_key ? (
                  <img
                    src={`/partner-logos/${partner.id}`}
                    alt={m.contentAdmin.logoAlt(partner.name)}
                    class="partner-logo"
                  />
                ) : null}
                <h2>{partner.name}</h2>
                <p class="tag">{m.partners.kinds[partner.kind] ?? partner.kind}</p>
                <p>{locale === 'de' ? partner.description_de : partner.description_en}</p>
                <p>
                  <a href={partner.url} rel="noopener" aria-label={m.partners.visit(partner.name)}>
                    {new URL(partner.url).hostname}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  routes.get('/:locale/news', 'public', async (c) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const posts = await news.listPublished(locale, services.now());
    return page(
      c,
      { title: m.news.title },
      <>
        <PageHeader title={m.news.title} lead={m.news.lead} />
        <p>
          <a href={`/${locale}/news/feed.atom`}>{m.news.feed}</a>
        </p>
        {posts.length === 0 ? (
          <p>{m.news.empty}</p>
        ) : (
          <ul class="card-list">
            {posts.map((post) => (
              <li class="card">
                <h2>
                  <a href={`/${locale}/news/${post.slug}`}>{post.title}</a>
                </h2>
                <p class="muted">
                  <time datetime={post.published_at}>{formatDate(locale, post.published_at)}</time>
                </p>
                <p>{post.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  // Registered before the post page so "feed.atom" is never taken for a post's slug.
  routes.get('/:locale/news/feed.atom', 'public', async (c) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const posts = await news.listPublished(locale, services.now(), 20);
    const newsUrl = `${config.baseUrl}/${locale}/news`;
    const feed = new Feed({
      id: newsUrl,
      title: `${m.meta.siteName} – ${m.news.title}`,
      description: m.news.lead,
      link: newsUrl,
      language: locale,
      updated: posts[0] ? new Date(posts[0].updated_at) : new Date(0),
      feedLinks: { atom: `${newsUrl}/feed.atom` },
      generator: false,
      copyright: m.meta.siteName,
      // RFC 4287 4.1.1: a feed without an author on every entry needs one of its own.
      author: { name: m.meta.siteName, link: config.baseUrl },
    });
    for (const post of posts) {
      const link = `${newsUrl}/${post.slug}`;
      feed.addItem({
        id: link,
        link,
        title: post.title,
        description: post.summary,
        content: renderMarkdown(post.body_markdown),
        date: new Date(post.updated_at),
        published: new Date(post.published_at),
      });
    }
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(feed.atom1());
  });

  routes.get('/:locale/news/:slug', 'public', async (c) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const post = await news.findPublished(locale, c.req.param('slug') ?? '', services.now());
    if (!post) return renderNotFound(c);
    return page(
      c,
      { title: post.title },
      <article class="article">
        <header class="page-header">
          <h1>{post.title}</h1>
          <p class="muted">
            {m.news.published}:{' '}
            <time datetime={post.published_at}>{formatDate(locale, post.published_at)}</time>
          </p>
          <p class="lead">{post.summary}</p>
        </header>
        {post.image_key ? (
          <img src={`/news-images/${post.id}`} alt={post.image_alt} class="post-image" />
        ) : null}
        <div class="prose">{raw(renderMarkdown(post.body_markdown))}</div>
        <p>
          <a href={`/${locale}/news`}>← {m.news.back}</a>
        </p>
      </article>,
    );
  });

  routes.get('/:locale/privacy', 'public', (c) => {
    const m = c.get('m');
    return page(
      c,
      { title: m.privacy.title },
      <article class="article">
        <PageHeader title={m.privacy.title} lead={m.privacy.lead} />
        {m.privacy.sections.map((section) => (
          <section>
            <h2>{section.heading}</h2>
            <p>{section.body}</p>
          </section>
        ))}
        <section>
          <h2>{m.privacy.retentionHeading}</h2>
          <p>{m.privacy.retention(services.config.unsuccessfulRetentionDays)}</p>
        </section>
      </article>,
    );
  });

  const contactForm = (
    c: Context<AppEnv>,
    state: { errors?: FieldErrors; values?: FormValues; status?: 200 | 422 | 503 } = {},
  ) => {
    const m = c.get('m');
    const locale = c.get('locale');
    return page(
      c,
      { title: m.contact.title, status: state.status ?? 200 },
      <>
        <PageHeader title={m.contact.title} lead={m.contact.lead} />
        <PostForm
          action={`/${locale}/contact`}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.contact.send}
        >
          <Field name="name" label={m.contact.name} autocomplete="name" maxLength={100} {...state} />
          <EmailField label={m.contact.email} hint={m.contact.emailHint} {...state} />
          <Field name="message" label={m.contact.message} multiline maxLength={5000} {...state} />
          <BotGuardFields m={m} formToken={formGuard.issue()} />
        </PostForm>
      </>,
    );
  };

  routes.get('/:locale/contact', 'public', (c) => contactForm(c));

  routes.post(
    '/:locale/contact',
    'public',
    limitSubmissions('contact', services.rateLimits.contact, config.trustProxy),
    async (c) => {
      const m = c.get('m');
      const form = parseForm(contactSchema(m), await c.req.parseBody());
      if (!form.ok) return contactForm(c, { errors: form.errors, values: form.values, status: 422 });
      const { name, email, message, formToken } = form.data;
      const values = { name, email, message };
      const guard = formGuard.check(formToken);
      if (guard !== 'ok') {
        const problem = guard === 'expired' ? m.contact.expired : m.contact.tooFast;
        return contactForm(c, { errors: { form: problem }, values, status: 422 });
      }
      try {
        const mail = composeMail(
          m,
          config.contactTo,
          '',
          m.contact.mailSubject(name),
          `${message}\n\n— ${name} <${email}>`,
        );
        await mailer.send({ ...mail, replyTo: email });
      } catch {
        return contactForm(c, { errors: { form: m.contact.mailFailed }, values, status: 503 });
      }
      return page(
        c,
        { title: m.contact.sentTitle },
        <>
          <PageHeader title={m.contact.sentTitle} />
          <Notice>{m.contact.sentBody}</Notice>
        </>,
      );
    },
  );
}
