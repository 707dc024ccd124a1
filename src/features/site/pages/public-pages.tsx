import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { NewsPost, Partner } from '../../../platform/db/schema';
import { dimensions, isRequiredDimension } from '../../criteria/dimensions-rules';
import { formatDate } from '../../../platform/i18n';
import type { AppEnv } from '../../../platform/web/env';
import { renderMarkdown } from '../../../platform/web/markdown';
import { PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { ProductCard, type CardItem } from '../../registry';

type Ctx = Context<AppEnv>;

/** The front page: what the mark is, who it is for, how it works, and the latest news. */
export function homePage(c: Ctx, latest: NewsPost[], certified: CardItem[] = []) {
  const m = c.get('m');
  const locale = c.get('locale');
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
      {certified.length > 0 ? (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">{m.label.recentTitle}</h2>
          <ul class="card-list">
            {certified.map((item) => (
              <ProductCard m={m} locale={locale} item={item} subheading />
            ))}
          </ul>
          <p class="actions">
            <a href={`/${locale}/products`}>{m.label.allProducts}</a>{' '}
            <a href={`/${locale}/sign-up`}>{m.label.apply}</a>
          </p>
        </section>
      ) : null}
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
}

/** The dimensions the criteria are grouped in, required and encouraged. */
export function dimensionsPage(c: Ctx) {
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
}

export function partnersPage(c: Ctx, list: Partner[]) {
  const m = c.get('m');
  const locale = c.get('locale');
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
}

export function newsPage(c: Ctx, posts: NewsPost[]) {
  const m = c.get('m');
  const locale = c.get('locale');
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
}

export function postPage(c: Ctx, post: NewsPost) {
  const m = c.get('m');
  const locale = c.get('locale');
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
}

/** The privacy notice, with how long the records of unsuccessful applications are kept. */
export function privacyPage(c: Ctx, retentionDays: number) {
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
        <p>{m.privacy.retention(retentionDays)}</p>
      </section>
    </article>,
  );
}
