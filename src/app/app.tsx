import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import { isDatabaseUnavailable, isRejectedValue } from '../platform/db/dialect';
import { isLocale, messagesFor, negotiateLocale } from '../platform/i18n';
import { compression } from '../platform/web/compression';
import type { AppEnv } from '../platform/web/env';
import { isUnreadableForm } from '../platform/web/forms';
import { RouteRegistry } from '../platform/web/routing';
import { loggedPath } from '../platform/web/request-log';
import { registerAccountRoutes } from '../features/accounts/account-routes';
import { registerApplicationRoutes } from '../features/applications/routes';
import { registerAuthRoutes } from '../features/accounts/auth-routes';
import { registerCompanyRoutes } from '../features/companies/routes';
import { registerDevelopmentRoutes } from '../features/development/routes';
import { registerHealthRoutes } from '../features/operations/health-routes';
import { registerProductRoutes } from '../features/products/routes';
import { registerPublicRoutes } from '../features/site/routes';
import { registerStaffRoutes } from '../features/accounts/staff-routes';
import { registerReviewRoutes } from '../features/review/routes';
import { registerReviewAdminRoutes } from '../features/review/admin-routes';
import { registerBadgeRoute, registerRegistryRoutes } from '../features/registry/routes';
import { registerVerifyRoutes } from '../features/credentials/verify-routes';
import { registerConcernRoutes } from '../features/concerns/routes';
import { registerAuditAdminRoutes } from '../features/audit/admin-routes';
import { registerNewsAdminRoutes } from '../features/content/news-admin-routes';
import { registerPartnerAdminRoutes } from '../features/content/partners-admin-routes';
import { registerCriteriaAdminRoutes } from '../features/criteria/admin-routes';
import { registerReReviewRoutes } from '../features/review/re-review-routes';
import { registerStatisticsRoutes } from '../features/statistics/admin-routes';
import { registerCertificationAdminRoutes } from '../features/registry/admin-routes';
import { registerOperationsRoutes } from '../features/operations/routes';
import { registerMarkKitRoutes } from '../features/mark-kit/routes';
import { registerSecurityRoutes } from '../features/security-notices/routes';
import { registerEvidenceAdminRoutes } from '../features/evidence/routes';
import { registerEvidenceUpdateRoutes } from '../features/evidence/update-routes';
import { apiRoutes, createApi } from '../features/registry/api';
import { createLogRoutes, logRoutes } from '../features/transparency/routes';
import { createCredentialRoutes, credentialRoutes } from '../features/credentials/routes';
import { defaultReviewSettings } from '../platform/settings/store';
import type { AppServices } from './services';
import { loadSession } from '../platform/web/session';
import { createSessionReader } from '../platform/auth/session-read';
import { renderError, renderNotFound } from '../platform/web/views/error-page';

export interface AppOptions {
  /** Folders served under /assets/ (stylesheets, images, the bundled client script). */
  assetDirectories: string[];
  logger: Logger;
}

export function createApp(services: AppServices, options: AppOptions) {
  const app = new Hono<AppEnv>();
  const { config } = services;
  const https = config.baseUrl.startsWith('https://');
  const routes = new RouteRegistry(app);

  // Request counts and latency by route pattern, for /metrics; first, so that every answer is counted.
  app.use(services.metrics.middleware);

  // Before all page middleware, so that the app and the cache in front of it send the same headers.
  registerBadgeRoute(routes, services);

  // Repeated API searches are answered in front of the app with the headers the app sent (api-fast-path.ts),
  // so they are taken from outside every middleware that sets one.
  app.use('/api/v1/products', services.apiSearches.keep);
  // The same for the log's proofs (transparency/proof-fast-path.ts).
  app.use('/log/proof/*', services.logProofs.keep);

  // Pages, styles, scripts and API answers travel gzip-compressed when the client accepts it.
  app.use(compression());

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // The path only (query strings can carry one-time tokens), its secret segments left out (request-log.ts).
    options.logger.info(
      {
        method: c.req.method,
        path: loggedPath(c),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });

  // Pages that are the same for every visitor are kept with every header on them (page-cache.ts), and
  // their compression is done once; so this sits inside compression and outside everything else.
  app.use(services.pages.keep);

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        // No inline script anywhere, so no nonce either: pages stay the same for every visitor and can be
        // rendered once (platform/web/page-cache.ts), with no per-response secret a cached copy would repeat.
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        manifestSrc: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
      strictTransportSecurity: https ? 'max-age=63072000; includeSubDomains' : false,
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: 'require-corp',
      permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
      // A handler may set a stricter header on purpose (downloads are sandboxed); keep it.
      overwrite: false,
    }),
  );

  // Every state-changing form must come from this site's own origin.
  app.use(csrf({ origin: new URL(config.baseUrl).origin }));

  for (const root of options.assetDirectories) {
    app.use(
      '/assets/*',
      serveStatic({
        root,
        rewriteRequestPath: (path) => path.replace(/^\/assets/, ''),
        precompressed: true,
        onFound: (_path, c) => {
          c.header('Cache-Control', 'public, max-age=3600');
        },
      }),
    );
  }

  // The open data API needs no locale, session or pause notice: it is mounted before that middleware,
  // which takes measurably longer than the API's own work on a cached search.
  routes.mountPublic('/api', createApi(services), apiRoutes);
  routes.mountPublic('/log', createLogRoutes(services), logRoutes);
  routes.mountPublic('/', createCredentialRoutes(services), credentialRoutes);

  app.use(async (c, next) => {
    const first = c.req.path.split('/')[1];
    const locale = isLocale(first) ? first : negotiateLocale(c.req.header('accept-language'));
    c.set('locale', locale);
    c.set('m', messagesFor(locale));
    // A database outage must not take every page down with it: without settings, no pause notice.
    const review = await services.settings.review().catch(() => defaultReviewSettings);
    c.set(
      'reviewPause',
      review.paused
        ? review.pauseMessage[locale] || review.pauseMessage['en'] || c.get('m').review.pausedDefault
        : null,
    );
    await next();
  });

  app.use(loadSession(services.auth, createSessionReader(services.database.db, services.auth)));

  // A change staff make (news, partners, settings, decisions, concerns) may show on public pages: this
  // instance drops its rendered pages at once, other instances within their second. What a company does
  // shows publicly only through the registry's lifecycle, which drops them itself; so a company's
  // autosaves, or a refused request, leave the kept pages alone.
  app.use(async (c, next) => {
    await next();
    const user = c.get('user');
    const changing = c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.status < 400;
    if (changing && user && user.role !== 'applicant') services.pages.invalidate();
  });

  app.get('/', (c) => {
    c.header('Vary', 'Accept-Language');
    return c.redirect(`/${negotiateLocale(c.req.header('accept-language'))}`, 302);
  });

  registerHealthRoutes(routes, services);
  registerPublicRoutes(routes, services);
  registerAuthRoutes(routes, services);
  registerAccountRoutes(routes, services);
  registerCompanyRoutes(routes, services);
  registerProductRoutes(routes, services);
  registerApplicationRoutes(routes, services);
  registerStaffRoutes(routes, services);
  registerReviewRoutes(routes, services);
  registerReviewAdminRoutes(routes, services);
  registerRegistryRoutes(routes, services);
  registerVerifyRoutes(routes, services);
  registerCertificationAdminRoutes(routes, services);
  registerEvidenceAdminRoutes(routes, services);
  registerEvidenceUpdateRoutes(routes, services);
  registerConcernRoutes(routes, services);
  registerAuditAdminRoutes(routes, services);
  registerNewsAdminRoutes(routes, services);
  registerPartnerAdminRoutes(routes, services);
  registerCriteriaAdminRoutes(routes, services);
  registerReReviewRoutes(routes, services);
  registerStatisticsRoutes(routes, services);
  registerOperationsRoutes(routes, services);
  registerDevelopmentRoutes(routes, services);
  registerMarkKitRoutes(routes, services);
  registerSecurityRoutes(routes, services);

  // "/products" is "/en/products" or "/de/products", chosen like "/" chooses; anything else is not found.
  app.notFound((c) => {
    const method = c.req.method;
    if ((method !== 'GET' && method !== 'HEAD') || !routes.isPageWithoutLocale(c.req.path))
      return renderNotFound(c);
    c.header('Vary', 'Accept-Language');
    // A redirect carries no content, and the addresses it serves include images (the QR code) that other
    // sites embed: a same-origin policy here would block them before the image itself allows it.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    const locale = negotiateLocale(c.req.header('accept-language'));
    // The path starts with one "/" and a segment that is no locale, so the target stays on this site.
    return c.redirect(`/${locale}${c.req.path}${new URL(c.req.url).search}`, 302);
  });

  app.onError((error, c) => {
    const m = c.get('m') ?? messagesFor('en');
    if (!c.get('m')) {
      c.set('locale', 'en');
      c.set('m', m);
    }
    if (error instanceof HTTPException && error.status === 403) {
      return renderError(c, 403, m.errors.forbiddenTitle, m.errors.crossSite);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return renderError(c, 400, m.errors.title, m.errors.formProblems);
    }
    if (isUnreadableForm(error)) {
      options.logger.info({ path: loggedPath(c) }, 'unreadable form body');
      return renderError(c, 400, m.errors.title, m.errors.unreadableForm);
    }
    if (isRejectedValue(error)) {
      options.logger.info({ err: error, path: loggedPath(c) }, 'database refused a submitted value');
      return renderError(c, 400, m.errors.title, m.errors.rejectedValue);
    }
    if (isDatabaseUnavailable(error)) {
      options.logger.warn({ err: error, path: loggedPath(c) }, 'database unavailable');
      c.header('Retry-After', '30');
      return renderError(c, 503, m.errors.unavailableTitle, m.errors.unavailable);
    }
    options.logger.error({ err: error, method: c.req.method, path: loggedPath(c) }, 'unhandled error');
    return renderError(c, 500, m.errors.title, m.errors.serverError);
  });

  return { app, routes: routes.entries };
}
