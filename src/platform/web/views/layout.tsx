import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { locales, messagesFor } from '../../i18n';
import type { AppEnv } from '../env';
import { ButtonForm } from './components';

export interface PageOptions {
  title: string;
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500 | 503;
  /** Whether search engines may index the page; private pages say no. */
  indexable?: boolean;
}

/** Renders a full page in the site's frame: header, navigation, language switch, footer. */
export function page(c: Context<AppEnv>, options: PageOptions, content: Child) {
  c.header('Cache-Control', 'no-store');
  return c.html(
    <>
      {raw('<!DOCTYPE html>')}
      <Layout c={c} options={options} content={content} />
    </>,
    options.status ?? 200,
  );
}

function Layout({ c, options, content }: { c: Context<AppEnv>; options: PageOptions; content: Child }) {
  const locale = c.get('locale');
  const m = c.get('m');
  const user = c.get('user');
  const path = new URL(c.req.url).pathname;
  const pathWithoutLocale = path.replace(/^\/(en|de)(?=\/|$)/, '');
  const isCurrent = (href: string) => (path === href ? 'page' : undefined);
  const navigation = [
    { href: `/${locale}`, label: m.nav.home },
    { href: `/${locale}/products`, label: m.nav.registry },
    { href: `/${locale}/dimensions`, label: m.nav.dimensions },
    { href: `/${locale}/news`, label: m.nav.news },
    { href: `/${locale}/partners`, label: m.nav.partners },
    { href: `/${locale}/contact`, label: m.nav.contact },
  ];

  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${options.title} · ${m.meta.siteName}`}</title>
        <meta name="description" content={m.meta.description} />
        {options.indexable === false ? <meta name="robots" content="noindex" /> : null}
        <link rel="stylesheet" href="/assets/styles.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link
          rel="alternate"
          type="application/atom+xml"
          href={`/${locale}/news/feed.atom`}
          title={m.footer.feed}
        />
        {locales.map((other) => (
          <link rel="alternate" hreflang={other} href={`/${other}${pathWithoutLocale}`} />
        ))}
        <script type="module" src="/assets/app.js"></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {m.meta.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={`/${locale}`}>
              <img src="/assets/logo.svg" alt="" width="32" height="32" />
              <span>{m.meta.siteName}</span>
            </a>
            <nav aria-label={m.nav.main}>
              <ul class="nav-list">
                {navigation.map((item) => (
                  <li>
                    <a href={item.href} aria-current={isCurrent(item.href)}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="account-nav">
              {user ? (
                <>
                  {user.role === 'admin' ? <a href={`/${locale}/admin/users`}>{m.nav.admin}</a> : null}
                  {user.role !== 'applicant' ? <a href={`/${locale}/review`}>{m.nav.review}</a> : null}
                  <a href={`/${locale}/account`}>{m.nav.account}</a>
                  <ButtonForm action={`/${locale}/sign-out`} label={m.nav.signOut} look="link" />
                </>
              ) : (
                <>
                  <a href={`/${locale}/sign-in`}>{m.nav.signIn}</a>
                  <a class="button button-small" href={`/${locale}/sign-up`}>
                    {m.nav.signUp}
                  </a>
                </>
              )}
              <ul class="language-switch" aria-label={m.meta.otherLanguages}>
                {locales
                  .filter((other) => other !== locale)
                  .map((other) => (
                    <li>
                      <a href={`/${other}${pathWithoutLocale}`} hreflang={other} lang={other}>
                        {messagesFor(other).meta.languageName}
                      </a>
                    </li>
                  ))}
              </ul>
            </div>
          </div>
        </header>
        {c.get('reviewPause') ? (
          <div class="pause-banner" role="status">
            <div class="wrap">
              <strong>{m.review.pausedTitle}</strong> {c.get('reviewPause')}
            </div>
          </div>
        ) : null}
        <main id="main" class="wrap" tabindex={-1}>
          {content}
        </main>
        <footer class="site-footer">
          <div class="wrap footer-row">
            <p>{m.footer.promise}</p>
            <ul class="footer-links">
              <li>
                <a href={`/${locale}/privacy`}>{m.footer.privacy}</a>
              </li>
              <li>
                <a href={`/${locale}/news/feed.atom`}>{m.footer.feed}</a>
              </li>
              <li>
                <a href={`/${locale}/contact`}>{m.nav.contact}</a>
              </li>
            </ul>
            <p class="muted">{m.footer.openSource}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
