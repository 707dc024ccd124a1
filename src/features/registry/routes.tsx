import { Feed } from 'feed';
import { raw } from 'hono/html';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { CertificationRow } from '../../platform/db/schema';
import { certificationStatuses, liveStatus } from './rules';
import { acceptsConcerns } from '../concerns/rules';
import { dimensions } from '../criteria/dimensions-rules';
import { productCategories } from '../products/rules';
import { formatDate, messagesFor, type Messages } from '../../platform/i18n';
import { badgeHeaders, etagMatches } from './badge-cache';
import { registrySorts } from './rules';
import { publishedEntry } from './published';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { AnswerView, textOf } from '../applications/pages/application-parts';
import { PublicConcerns } from '../concerns/pages/public-concerns';
import { PageHeader, SelectField } from '../../platform/web/views/components';
import { renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';

export const registryPageSize = 20;

/**
 * The orders the search form offers. "relevance" orders by name as well, so listing it beside "name"
 * showed one choice twice; the API still accepts it, and a page link naming it reads as name order.
 */
const pageSorts = registrySorts.filter((sort) => sort !== 'relevance');

/** The registry's search form, read from the URL; anything unknown is ignored rather than refused. */
export const registrySearchSchema = z.object({
  q: z.string().trim().max(200).catch(''),
  category: z.enum(productCategories).optional().catch(undefined),
  company: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(certificationStatuses).optional().catch(undefined),
  sort: z.enum(pageSorts).catch('name'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/**
 * The live badge. Also answered, while fresh, by the fast path in front of the app
 * (registry/badge-cache.ts), so it is registered before the page middleware: both paths send exactly
 * `badgeHeaders`, whichever answers. An unknown badge goes on to the site's own "not found" page.
 */
export function registerBadgeRoute(routes: RouteRegistry, services: AppServices): void {
  routes.get('/badge/:file', 'public', async (c, next) => {
    const file = c.req.param('file') ?? '';
    const badge = file.endsWith('.svg') ? await services.badges.get(file.slice(0, -4)) : undefined;
    if (!badge) return next();
    for (const [name, value] of Object.entries(badgeHeaders)) c.header(name, value);
    c.header('ETag', badge.etag);
    if (etagMatches(c.req.header('if-none-match'), badge.etag)) return c.body(null, 304);
    return c.body(badge.svg);
  });
}

export function registerRegistryRoutes(routes: RouteRegistry, services: AppServices): void {
  const { registry, criteria, config, files } = services;
  const status = (row: CertificationRow) => liveStatus(row.status, row.valid_until, services.now());

  routes.get('/:locale/products', 'public', async (c) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const query = registrySearchSchema.parse(c.req.query());
    const [{ items, total }, companies] = await Promise.all([
      services.registrySearch.search({ ...query, pageSize: registryPageSize }),
      registry.companies(),
    ]);
    const pages = Math.max(1, Math.ceil(total / registryPageSize));
    const linkTo = (pageNumber: number) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries({ ...query, page: String(pageNumber) })) {
        if (value && !(key === 'sort' && value === 'name') && !(key === 'page' && value === '1'))
          params.set(key, String(value));
      }
      const search = params.toString();
      return `/${locale}/products${search ? `?${search}` : ''}`;
    };
    return page(
      c,
      { title: m.registry.title },
      <>
        <PageHeader title={m.registry.title} lead={m.registry.lead} />
        <form method="get" action={`/${locale}/products`} class="search-form registry-search" role="search">
          <div class="field">
            <label for="q">{m.registry.search}</label>
            <input id="q" name="q" type="search" value={query.q} maxlength={200} />
          </div>
          <SelectField
            name="category"
            label={m.products.category}
            any={m.registry.any}
            selected={query.category}
            options={productCategories.map((value) => ({
              value,
              label: m.products.categories[value] ?? value,
            }))}
          />
          <SelectField
            name="company"
            label={m.review.company}
            any={m.registry.any}
            selected={query.company}
            options={companies.map((company) => ({ value: company.slug, label: company.name }))}
          />
          <SelectField
            name="status"
            label={m.review.status}
            any={m.registry.any}
            selected={query.status}
            options={certificationStatuses.map((value) => ({
              value,
              label: m.registry.statuses[value] ?? value,
            }))}
          />
          <SelectField
            name="sort"
            label={m.registry.sort}
            selected={query.sort}
            options={pageSorts.map((value) => ({ value, label: m.registry.sorts[value] ?? value }))}
          />
          <button type="submit" class="button">
            {m.registry.searchButton}
          </button>
        </form>
        <p role="status">{m.registry.found(total)}</p>
        <ul class="card-list">
          {items.map((row) => (
            <li class="card">
              <h2>
                <a href={`/${locale}/products/${row.id}`}>{row.product_name}</a>
              </h2>
              <p class="muted">
                {row.company_name} · {m.products.categories[row.category] ?? row.category} ·{' '}
                <span class={`tag status-${status(row)}`}>{m.registry.statuses[status(row)]}</span>
              </p>
            </li>
          ))}
        </ul>
        {pages > 1 ? (
          <nav aria-label={m.registry.pagination} class="pagination">
            {query.page > 1 ? <a href={linkTo(query.page - 1)}>{m.registry.previous}</a> : null}{' '}
            <span>{m.registry.pageOf(query.page, pages)}</span>{' '}
            {query.page < pages ? <a href={linkTo(query.page + 1)}>{m.registry.next}</a> : null}
          </nav>
        ) : null}
        <p>
          <a href={`/${locale}/open-data`}>{m.registry.openData}</a>
        </p>
      </>,
    );
  });

  routes.get('/:locale/products/:certificationId', 'public', async (c) => {
    const row = await registry.find(c.req.param('certificationId') ?? '');
    if (!row) return renderNotFound(c);
    const m = c.get('m');
    const locale = c.get('locale');
    const entry = publishedEntry(row);
    const version = criteria.versions.get(row.criteria_version);
    const current = status(row);
    const pageUrl = `${config.baseUrl}/${locale}/products/${row.id}`;
    const badgeUrl = `${config.baseUrl}/badge/${row.id}.svg`;
    const events = await registry.eventsOf(row.id);
    const [logPositions, logSize, credential, decidedConcerns] = await Promise.all([
      services.transparencyLog.positionsOf(row.id),
      services.transparencyLog.size(),
      services.credentials.jwtFor(row.id),
      services.concerns.decidedFor(row.id),
    ]);
    const logIndex = new Map(logPositions.map((entry) => [entry.eventId, entry.index]));
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: entry.product.name,
      description: entry.product.description,
      url: entry.product.webPageUrl,
      brand: { '@type': 'Organization', name: entry.company.name },
      model: entry.product.modelNumbers.join(', '),
      category: m.products.categories[entry.product.category] ?? entry.product.category,
      award: `Trustmark – ${m.registry.statuses[current]}`,
    };
    return page(
      c,
      { title: entry.product.name },
      <>
        <script type="application/ld+json" nonce={c.get('secureHeadersNonce')}>
          {raw(JSON.stringify(jsonLd).replace(/</g, '\\u003c'))}
        </script>
        <p>
          <a href={`/${locale}/products`}>← {m.registry.backToList}</a>
        </p>
        <PageHeader title={entry.product.name} lead={entry.product.description} />
        <p>
          <img
            src={`/badge/${row.id}.svg`}
            alt={m.registry.badgeAlt(m.registry.statuses[current] ?? current)}
          />
        </p>
        {row.status_reason ? (
          <p class={`notice notice-warning`}>
            {m.registry.statusReason(m.registry.statuses[current] ?? current, row.status_reason)}
          </p>
        ) : null}
        <section class="card" aria-labelledby="certification-title">
          <h2 id="certification-title">{m.registry.certification}</h2>
          <dl class="facts">
            <dt>{m.review.status}</dt>
            <dd>{m.registry.statuses[current]}</dd>
            <dt>{m.registry.issued}</dt>
            <dd>{formatDate(locale, row.issued_at)}</dd>
            <dt>{m.registry.validUntil}</dt>
            <dd>{formatDate(locale, row.valid_until)}</dd>
            <dt>{m.registry.updatesUntil}</dt>
            <dd>{m.registry.securityUpdatesUntil(formatDate(locale, entry.product.supportEndDate))}</dd>
            <dt>{m.registry.criteriaVersion}</dt>
            <dd>{row.criteria_version}</dd>
            <dt>{m.review.company}</dt>
            <dd>
              <a href={`/${locale}/products/company/${entry.company.slug}`}>{entry.company.name}</a>
            </dd>
            <dt>{m.products.modelNumbers}</dt>
            <dd>{entry.product.modelNumbers.join(', ')}</dd>
            <dt>{m.products.webPage}</dt>
            <dd>
              <a href={entry.product.webPageUrl} rel="nofollow ugc noopener">
                {entry.product.webPageUrl}
              </a>
            </dd>
            <dt>{m.products.firmwareVersion}</dt>
            <dd>{entry.product.firmwareVersion}</dd>
          </dl>
          {entry.product.image ? (
            <img
              class="product-image"
              src={`/${locale}/products/${row.id}/image`}
              alt={m.products.imageAlt(entry.product.name)}
            />
          ) : null}
        </section>
        {version
          ? dimensions.map((dimension) => (
              <section class="card" aria-labelledby={`published-${dimension}`}>
                <h2 id={`published-${dimension}`}>{m.dimensions.items[dimension].name}</h2>
                {version.criteria
                  .filter((criterion) => criterion.dimension === dimension)
                  .map((criterion) => {
                    const answer = entry.answers.find((item) => item.criterionId === criterion.id);
                    return (
                      <article class="published-answer">
                        <h3>
                          {criterion.id} {textOf(criterion, locale).title}
                        </h3>
                        <AnswerView
                          answer={answer ?? { status: null, explanation: '', links: [], files: [] }}
                          m={m}
                        />
                      </article>
                    );
                  })}
              </section>
            ))
          : null}
        {/* Linked to as #mark from the company's pages and the decision mail. */}
        <section class="card" id="mark" aria-labelledby="embed-title">
          <h2 id="embed-title">{m.registry.embed}</h2>
          <p>{m.registry.embedLead}</p>
          <label for="embed-html">HTML</label>
          <textarea id="embed-html" readonly rows={3}>
            {`<a href="${pageUrl}"><img src="${badgeUrl}" alt="Trustmark: ${entry.product.name}"></a>`}
          </textarea>
          <label for="embed-markdown">Markdown</label>
          <textarea id="embed-markdown" readonly rows={2}>
            {`[![Trustmark: ${entry.product.name}](${badgeUrl})](${pageUrl})`}
          </textarea>
          <p>
            <img
              src={`/${locale}/products/${row.id}/qr.svg`}
              alt={m.registry.qrAlt}
              width="160"
              height="160"
            />
          </p>
        </section>
        {credential ? (
          <section class="card" aria-labelledby="credential-title">
            <h2 id="credential-title">{m.registry.credentialTitle}</h2>
            <p>{m.registry.credentialLead}</p>
            <p>
              <a class="button button-secondary" href={`/credentials/${row.id}`} download>
                {m.registry.credentialDownload}
              </a>{' '}
              <a href={`/${locale}/verify`}>{m.registry.credentialVerify}</a>
            </p>
          </section>
        ) : null}
        <PublicConcerns
          locale={locale}
          m={m}
          certificationId={row.id}
          open={acceptsConcerns(current)}
          decided={decidedConcerns}
        />
        <section class="card" aria-labelledby="events-title">
          <h2 id="events-title">{m.registry.history}</h2>
          <ul class="plain-list">
            {events.map((event) => (
              <li>
                {formatDate(locale, event.occurred_at)} · {m.registry.events[event.kind] ?? event.kind}
                {event.reason ? ` – ${event.reason}` : ''}
                <LogEntryLinks index={logIndex.get(event.id)} size={logSize} m={m} />
              </li>
            ))}
          </ul>
        </section>
      </>,
    );
  });

  routes.get('/:locale/products/:certificationId/qr.svg', 'public', async (c) => {
    const row = await registry.find(c.req.param('certificationId') ?? '');
    if (!row) return renderNotFound(c);
    const svg = await QRCode.toString(`${config.baseUrl}/${c.get('locale')}/products/${row.id}`, {
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

  routes.get('/:locale/products/company/:slug', 'public', async (c) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const slug = c.req.param('slug') ?? '';
    const { items } = await services.registrySearch.search({
      company: slug,
      page: 1,
      pageSize: 200,
      sort: 'name',
    });
    const first = items[0];
    if (!first) return renderNotFound(c);
    return page(
      c,
      { title: first.company_name },
      <>
        <PageHeader title={first.company_name} lead={m.registry.companyLead(items.length)} />
        <ul class="card-list">
          {items.map((row) => (
            <li class="card">
              <h2>
                <a href={`/${locale}/products/${row.id}`}>{row.product_name}</a>
              </h2>
              <p class="muted">{m.registry.statuses[status(row)]}</p>
            </li>
          ))}
        </ul>
      </>,
    );
  });

  routes.get('/:locale/open-data', 'public', (c) => {
    const m = c.get('m');
    const endpoints = [
      ['/api/v1/products?q=thermostat&category=smart-home&status=active&page=1', m.registry.apiList],
      ['/api/v1/products/{id}', m.registry.apiOne],
      ['/api/v1/lookup?model=AT-100', m.registry.apiLookupModel],
      ['/api/v1/lookup?url=https://example.com/product', m.registry.apiLookupUrl],
    ] as const;
    return page(
      c,
      { title: m.registry.openDataTitle },
      <>
        <PageHeader title={m.registry.openDataTitle} lead={m.registry.openDataLead} />
        <section class="card" aria-labelledby="api-title">
          <h2 id="api-title">{m.registry.apiTitle}</h2>
          <p>{m.registry.apiLead}</p>
          <EndpointList endpoints={endpoints} />
          <p>
            <a href="/api/openapi.json">OpenAPI 3.1 (JSON)</a>
          </p>
        </section>
        <section class="card" aria-labelledby="export-title">
          <h2 id="export-title">{m.registry.exportTitle}</h2>
          <ul>
            <li>
              <a href="/api/v1/export.csv">CSV</a>
            </li>
            <li>
              <a href="/api/v1/export.json">JSON</a>
            </li>
            <li>
              <a href="/feeds/certifications.atom">{m.registry.feedLink}</a>
            </li>
          </ul>
          <p>{m.registry.licence}</p>
          <p>{m.registry.exportLicence}</p>
        </section>
        <section class="card" aria-labelledby="log-title">
          <h2 id="log-title">{m.registry.logTitle}</h2>
          <p>{m.registry.logLead}</p>
          <EndpointList endpoints={logEndpoints(m)} />
          <p>{m.registry.logMonitor}</p>
        </section>
        <section class="card" aria-labelledby="credentials-title">
          <h2 id="credentials-title">{m.registry.credentialsTitle}</h2>
          <p>{m.registry.credentialsLead}</p>
          <EndpointList endpoints={credentialEndpoints(m)} />
          <p>
            <a href={`/${c.get('locale')}/verify`}>{m.registry.credentialVerify}</a> · {m.verify.commandLine}
          </p>
        </section>
      </>,
    );
  });

  routes.get('/feeds/certifications.atom', 'public', async (c) => {
    // One feed for everyone, in English: feed readers do not negotiate languages.
    const m = messagesFor('en');
    const events = await registry.events(50);
    const registryUrl = `${config.baseUrl}/en/products`;
    const feed = new Feed({
      id: `${config.baseUrl}/feeds/certifications.atom`,
      title: `${m.meta.siteName} – ${m.registry.feedTitle}`,
      description: m.registry.lead,
      link: registryUrl,
      language: 'en',
      updated: events[0] ? new Date(events[0].occurred_at) : new Date(0),
      feedLinks: { atom: `${config.baseUrl}/feeds/certifications.atom` },
      generator: false,
      copyright: m.registry.licence,
      // RFC 4287 4.1.1: a feed without an author on every entry needs one of its own.
      author: { name: m.meta.siteName, link: config.baseUrl },
    });
    for (const event of events) {
      const link = `${config.baseUrl}/en/products/${event.certification_id}`;
      feed.addItem({
        id: `${link}#${event.id}`,
        link,
        title: `${event.product_name}: ${m.registry.events[event.kind] ?? event.kind}`,
        description: event.reason || (m.registry.events[event.kind] ?? event.kind),
        date: new Date(event.occurred_at),
      });
    }
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=60');
    return c.body(feed.atom1());
  });
}

/** Addresses a reader can call, each with what it answers. */
function EndpointList({ endpoints }: { endpoints: readonly (readonly [string, string])[] }) {
  return (
    <dl class="facts">
      {endpoints.map(([path, description]) => (
        <>
          <dt>
            <code>GET {path}</code>
          </dt>
          <dd>{description}</dd>
        </>
      ))}
    </dl>
  );
}

/** The transparency log's addresses, as the open data page explains them. */
function logEndpoints(m: Messages): [string, string][] {
  return [
    ['/log/checkpoint', m.registry.logCheckpoint],
    ['/log/key', m.registry.logKey],
    ['/log/entries?start=0&end=10', m.registry.logEntries],
    ['/log/proof/inclusion?index=0&size=10', m.registry.logInclusion],
    ['/log/proof/consistency?first=5&second=10', m.registry.logConsistency],
  ];
}

/** What a verifier of the credentials fetches, as the open data page explains it. */
function credentialEndpoints(m: Messages): [string, string][] {
  return [
    ['/.well-known/did.json', m.registry.credentialsDid],
    ['/.well-known/jwks.json', m.registry.credentialsJwks],
    ['/credentials/{id}', m.registry.credentialsOne],
    ['/credentials/status/0', m.registry.credentialsStatus],
  ];
}

/** Where an event sits in the public transparency log, with the proof that the log includes it. */
function LogEntryLinks({ index, size, m }: { index: number | undefined; size: number; m: Messages }) {
  // An event recorded after the latest checkpoint is shown once the next one is signed.
  if (index === undefined || index >= size) return null;
  return (
    <>
      {' · '}
      <a href={`/log/entries?start=${index}&end=${index + 1}`}>{m.registry.logEntry(index)}</a>
      {' · '}
      <a href={`/log/proof/inclusion?index=${index}&size=${size}`}>{m.registry.inclusionProof}</a>
    </>
  );
}
