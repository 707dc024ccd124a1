import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { contactSchema } from './schemas';
import { parseForm } from '../../platform/web/forms';
import { limitSubmissions } from '../../platform/web/rate-limits';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { renderNotFound } from '../../platform/web/views/error-page';
import { sendContactMessage } from './contact';
import { newsFeed } from './news-feed';
import { cardOf } from '../registry';
import { contactPage, contactSentPage, type ContactFormState } from './pages/contact-pages';
import {
  dimensionsPage,
  homePage,
  newsPage,
  partnersPage,
  postPage,
  privacyPage,
} from './pages/public-pages';

/** The program's public pages: home, dimensions, partners, news and its feed, privacy, contact. */
export function registerPublicRoutes(routes: RouteRegistry, services: AppServices): void {
  const { news, partners, formGuard, config } = services;
  // The same for every visitor without a session: rendered once and served again (platform/web/page-cache.ts).
  const { remember } = services.pages;
  const contactForm = (c: Context<AppEnv>, state: ContactFormState = {}) =>
    contactPage(c, formGuard.issue(), state);

  routes.get('/:locale', 'public', remember, async (c) => {
    const [latest, certified] = await Promise.all([
      news.listPublished(c.get('locale'), services.now(), 3),
      // The most recently certified products lead, as registry cards (the search cache keeps them).
      services.registrySearch.search({ status: 'active', sort: 'newest', page: 1, pageSize: 3 }),
    ]);
    const cards = certified.items.map((row) => cardOf(row, services.criteria.versions, services.now()));
    return homePage(c, latest, cards);
  });
  routes.get('/:locale/dimensions', 'public', remember, (c) => dimensionsPage(c));
  routes.get('/:locale/partners', 'public', remember, async (c) => partnersPage(c, await partners.list()));
  routes.get('/:locale/news', 'public', remember, async (c) =>
    newsPage(c, await news.listPublished(c.get('locale'), services.now())),
  );

  // Registered before the post page so "feed.atom" is never taken for a post's slug.
  routes.get('/:locale/news/feed.atom', 'public', async (c) => {
    const locale = c.get('locale');
    const posts = await news.listPublished(locale, services.now(), 20);
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(newsFeed(c.get('m'), locale, config.baseUrl, posts));
  });

  routes.get('/:locale/news/:slug', 'public', remember, async (c) => {
    const post = await news.findPublished(c.get('locale'), c.req.param('slug') ?? '', services.now());
    return post ? postPage(c, post) : renderNotFound(c);
  });

  routes.get('/:locale/privacy', 'public', remember, (c) => privacyPage(c, config.unsuccessfulRetentionDays));
  routes.get('/:locale/contact', 'public', (c) => contactForm(c));

  routes.post(
    '/:locale/contact',
    'public',
    limitSubmissions('contact', services.rateLimits.contact, config.trustProxy, services.rateLimitCounters),
    async (c) => {
      const m = c.get('m');
      const form = parseForm(contactSchema(m), await c.req.parseBody());
      if (!form.ok) return contactForm(c, { errors: form.errors, values: form.values, status: 422 });
      const { name, email, message } = form.data;
      const values = { name, email, message };
      try {
        const result = await sendContactMessage(services, m, form.data);
        if (result.kind === 'sent') return contactSentPage(c);
        const problem = result.kind === 'expired' ? m.contact.expired : m.contact.tooFast;
        return contactForm(c, { errors: { form: problem }, values, status: 422 });
      } catch {
        return contactForm(c, { errors: { form: m.contact.mailFailed }, values, status: 503 });
      }
    },
  );
}
