import type { Context } from 'hono';
import QRCode from 'qrcode';
import type { CertificationRow } from '../../platform/db/schema';
import type { AppEnv } from '../../platform/web/env';
import { lastSearchPage, listedPages, liveStatus } from './rules';
import { badgeHeaders, etagMatches } from './badge-cache';
import { publishedEntry } from './published';
import { supportFilterDate } from './label-rules';
import { certificationsFeed } from './feed';
import { registrySearchSchema } from './schemas';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { renderNotFound } from '../../platform/web/views/error-page';
import { entryPage, labelPage, type EntryView } from './pages/entry-page';
import { cardOf, labelFactsOf } from './label';
import { openDataPage } from './pages/open-data-page';
import { companyRegistryPage, searchPage } from './pages/search-page';
import { shortLink } from '../mark-kit';

export const registryPageSize = 20;

/** How long a product page waits for its credential before it is kept until a change without one. */
const credentialWaitMs = 10 * 60_000;

/**
 * The live badge. Also answered, while fresh, by the fast path in front of the app
 * (registry/badge-cache.ts), so it is registered before the page middleware: both paths send exactly
 * `badgeHeaders`, whichever answers. An unknown badge goes on to the site's own "not found" page.
 */
export function registerBadgeRoute(routes: RouteRegistry, services: AppServices): void {
  const answer = async (c: Context<AppEnv>, next: () => Promise<void>, key: string) => {
    const badge = key.endsWith('.svg') ? await services.badges.get(key.slice(0, -4)) : undefined;
    if (!badge) return next();
    for (const [name, value] of Object.entries(badgeHeaders)) c.header(name, value);
    c.header('ETag', badge.etag);
    if (etagMatches(c.req.header('if-none-match'), badge.etag)) return c.body(null, 304);
    return c.body(badge.svg);
  };
  routes.get('/badge/:file', 'public', (c, next) => answer(c, next, c.req.param('file') ?? ''));
  // The mark kit's variants (compact or full, light or dark, English or German): /badge/{id}/{variant}.svg.
  routes.get('/badge/:id/:file', 'public', (c, next) =>
    answer(c, next, `${c.req.param('id') ?? ''}/${c.req.param('file') ?? ''}`),
  );
}

export function registerRegistryRoutes(routes: RouteRegistry, services: AppServices): void {
  const { registry, criteria, config, files } = services;
  const status = (row: CertificationRow) => liveStatus(row.status, row.valid_until, services.now());
  // The same for every visitor without a session: rendered once and served again (platform/web/page-cache.ts).
  const { remember } = services.pages;
  const { pageStamp } = services;
  // Kept until the stamp read before the page's data changes (a change, or a new day), not half a second.
  const keptUntilChanged = (c: Context<AppEnv>, stamp: string) => services.pages.until(c.req.raw, stamp);

  /**
   * A product page is kept until a change only once what follows its issue is on it: every event's place in
   * the log, and the credential (signed by a job moments after the issue; one still missing ten minutes on
   * is not waited for, or its page would be rendered on every view). Until then it is kept half a second.
   */
  const settled = (view: EntryView) =>
    view.events.every((event) => (view.logIndex.get(event.id) ?? Infinity) < view.logSize) &&
    (view.hasCredential || services.now().getTime() - Date.parse(view.row.issued_at) > credentialWaitMs);

  /** What other features add to a product's page: its security information, evidence changed since review. */
  async function additionsOf(row: CertificationRow) {
    const [information, evidenceChanges] = await Promise.all([
      services.security.of(row),
      services.evidence.changesOf(row.id),
    ]);
    const { id: certificationId, support_end_date: supportEndDate } = row;
    return {
      security: { certificationId, supportEndDate, now: services.now(), information },
      evidenceChanges,
    };
  }

  /** What the public page of a certification shows: its record, history, log positions and concerns. */
  async function entryView(c: Context<AppEnv>): Promise<EntryView | undefined> {
    const row = await registry.find(c.req.param('certificationId') ?? '');
    if (!row) return undefined;
    const [events, logPositions, logSize, credential, decidedConcerns, additions] = await Promise.all([
      registry.eventsOf(row.id),
      services.transparencyLog.positionsOf(row.id),
      services.transparencyLog.size(),
      services.credentials.jwtFor(row.id),
      services.concerns.decidedFor(row.id),
      additionsOf(row),
    ]);
    const logIndex = new Map(logPositions.map((position) => [position.eventId, position.index]));
    const version = criteria.versions.get(row.criteria_version);
    const entry = publishedEntry(row);
    const common = { row, entry, version, status: status(row), events, logIndex, logSize };
    const label = labelFactsOf(row, entry.answers, version, common.status, services.now());
    const hasCredential = Boolean(credential);
    return { ...common, ...additions, hasCredential, decidedConcerns, baseUrl: config.baseUrl, label };
  }

  // Searches are read through the search cache, whose results may be older than a stamp read now: the
  // registry's lists are kept for half a second, not until a change.
  routes.get('/:locale/products', 'public', remember, async (c) => {
    const query = registrySearchSchema.parse(c.req.query());
    // A page past the counted matches is not searched (see searchCountCap); the page says so.
    const pastCap = query.page > lastSearchPage(registryPageSize);
    const [result, companies] = await Promise.all([
      services.registrySearch.search({
        ...query,
        supportUntil: query.updatesUntil ? supportFilterDate(query.updatesUntil) : undefined,
        page: pastCap ? 1 : query.page,
        pageSize: registryPageSize,
      }),
      services.registryCompanies.list(),
    ]);
    const pages = listedPages(result.total, registryPageSize);
    const beyondLastPage = query.page > pages;
    const items = beyondLastPage
      ? []
      : result.items.map((row) => cardOf(row, criteria.versions, services.now()));
    const view = { ...result, query, items, pages, beyondLastPage, companies, now: services.now() };
    return searchPage(c, view);
  });

  routes.get('/:locale/products/:certificationId', 'public', remember, async (c) => {
    const stamp = await pageStamp.current();
    const view = await entryView(c);
    if (!view) return renderNotFound(c);
    if (settled(view)) keptUntilChanged(c, stamp);
    return entryPage(c, view);
  });

  routes.get('/:locale/products/:certificationId/qr.svg', 'public', async (c) => {
    const row = await registry.find(c.req.param('certificationId') ?? '');
    if (!row) return renderNotFound(c);
    // The language-neutral short link (mark-kit), so a scan opens the page in the scanner's language.
    const svg = await QRCode.toString(shortLink(config.baseUrl, row.id), {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
    });
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    // Makers print it and put it on their own sites, like the badge.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(svg);
  });

  routes.get('/:locale/products/:certificationId/image', 'public', async (c) => {
    const row = await registry.find(c.req.param('certificationId') ?? '');
    const image = row ? publishedEntry(row).product.image : null;
    const bytes = image ? await files.get(image.key) : undefined;
    if (!image || !bytes) return renderNotFound(c);
    c.header('Content-Type', image.type);
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(Buffer.from(bytes));
  });

  routes.get('/:locale/products/company/:slug', 'public', remember, async (c) => {
    const slug = c.req.param('slug') ?? '';
    const { items } = await services.registrySearch.search({
      company: slug,
      page: 1,
      pageSize: 200,
      sort: 'name',
    });
    const [first] = items;
    if (!first) return renderNotFound(c);
    const cards = items.map((row) => cardOf(row, criteria.versions, services.now()));
    return companyRegistryPage(c, first.company_name, cards);
  });

  // After the company page, whose address /{locale}/products/company/label would otherwise be taken for a label.
  routes.get('/:locale/products/:certificationId/label', 'public', remember, async (c) => {
    keptUntilChanged(c, await pageStamp.current());
    const view = await entryView(c);
    return (view && labelPage(c, view)) ?? renderNotFound(c);
  });

  routes.get('/:locale/open-data', 'public', remember, (c) => openDataPage(c));

  routes.get('/feeds/certifications.atom', 'public', async (c) => {
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=60');
    return c.body(certificationsFeed(await registry.events(50), config.baseUrl));
  });
}
