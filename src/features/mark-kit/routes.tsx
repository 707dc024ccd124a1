import type { Context } from 'hono';
import type { AppServices } from '../../app/services';
import type { AppEnv } from '../../platform/web/env';
import { formatDate } from '../../platform/i18n';
import type { RouteRegistry } from '../../platform/web/routing';
import { limitPublicReads } from '../../platform/web/rate-limits';
import { currentUser } from '../../platform/web/session';
import { renderNotFound } from '../../platform/web/views/error-page';
import { badgeLabel } from '../registry';
import { liveStatus } from '../registry/rules';
import { securityUpdatesEnded } from '../security-notices/rules';
import { kitCertification } from './access';
import { createQrCodeCache, shortLink } from './codes';
import { renderLabel } from './label';
import { kitPage } from './pages/kit-page';

type Ctx = Context<AppEnv>;

const kitPath = '/:locale/companies/:slug/products/:productId/kit';

/** Images other sites embed: they may load anywhere (CORP, CORS), and are kept a day by caches. */
function embeddable(c: Ctx, type: string): void {
  c.header('Content-Type', type);
  c.header('Cache-Control', 'public, max-age=86400');
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Cross-Origin-Resource-Policy', 'cross-origin');
  c.header('X-Content-Type-Options', 'nosniff');
}

/**
 * The short link every printed and embedded mark points to, its QR codes, and the company's mark kit
 * (members of the owning company only, for a mark that stands; anyone else gets "not found").
 */
export function registerMarkKitRoutes(routes: RouteRegistry, services: AppServices): void {
  const { registry, config } = services;
  const certificationOf = (c: Ctx) => registry.find(c.req.param('id') ?? '');
  const codes = createQrCodeCache();
  // A code not kept costs a drawing: one client walking the registry's ids is held to the API's pace.
  const qrLimit = limitPublicReads(
    services.rateLimits.api,
    'qr',
    config.trustProxy,
    services.rateLimitCounters,
  );

  // The visitor's language as the app picks it for every address without one (Accept-Language, then
  // English): set by the locale middleware before this runs.
  routes.get('/p/:id', 'public', async (c) => {
    const row = await certificationOf(c);
    if (!row) return renderNotFound(c);
    c.header('Vary', 'Accept-Language');
    return c.redirect(`/${c.get('locale')}/products/${row.id}`, 302);
  });

  routes.get('/p/:id/qr.svg', 'public', qrLimit, async (c) => {
    const row = await certificationOf(c);
    if (!row) return renderNotFound(c);
    embeddable(c, 'image/svg+xml; charset=utf-8');
    return c.body(await codes.svg(shortLink(config.baseUrl, row.id)));
  });

  routes.get('/p/:id/qr.png', 'public', qrLimit, async (c) => {
    const row = await certificationOf(c);
    if (!row) return renderNotFound(c);
    embeddable(c, 'image/png');
    return c.body(new Uint8Array(await codes.png(shortLink(config.baseUrl, row.id))));
  });

  const requestOf = (c: Ctx) => ({
    userId: currentUser(c).id,
    slug: c.req.param('slug') ?? '',
    productId: c.req.param('productId') ?? '',
  });
  const kitOf = (c: Ctx) =>
    kitCertification(services.database.db, services.database.dialect, requestOf(c), services.now());
  const pathOf = (c: Ctx) => {
    const { slug, productId } = requestOf(c);
    return `/${c.get('locale')}/companies/${slug}/products/${productId}`;
  };

  routes.get(kitPath, 'signed-in', async (c) => {
    const certification = await kitOf(c);
    if (!certification) return renderNotFound(c);
    return kitPage(c, {
      certification,
      status: liveStatus(certification.status, certification.valid_until, services.now()),
      baseUrl: config.baseUrl,
      shortLink: shortLink(config.baseUrl, certification.id),
      path: `${pathOf(c)}/kit`,
      securityPath: `${pathOf(c)}/security`,
    });
  });

  routes.get(`${kitPath}/label.svg`, 'signed-in', async (c) => {
    const certification = await kitOf(c);
    if (!certification) return renderNotFound(c);
    const m = c.get('m');
    const now = services.now();
    const status = liveStatus(certification.status, certification.valid_until, now);
    const ended = securityUpdatesEnded(certification.support_end_date, now);
    const facts = { status, validUntil: certification.valid_until, updatesEnded: ended };
    const svg = renderLabel({
      productName: certification.product_name,
      shortLink: shortLink(config.baseUrl, certification.id),
      statusLine: badgeLabel(facts, m.markKit.badge),
      supportLine: ended
        ? m.markKit.labelUpdatesEnded
        : m.markKit.labelUpdatesUntil(formatDate(c.get('locale'), certification.support_end_date)),
      scanLine: m.markKit.labelScan,
    });
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="trustmark-label.svg"');
    c.header('Cache-Control', 'private, no-cache');
    return c.body(svg);
  });
}
