import type { Context } from 'hono';
import type { AppServices } from '../../app/services';
import type { AppEnv } from '../../platform/web/env';
import { bodyLimitOf, parseForm } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import { currentUser } from '../../platform/web/session';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import type { PublishResult, SecurityRequest } from './actions';
import { securityFeed } from './feed';
import { canPerform } from '../companies/rules';
import { securityManagePage, type ManageFormState } from './pages/manage-page';
import { noticeSchema, releaseSchema } from './schemas';

type Ctx = Context<AppEnv>;

const managePath = '/:locale/companies/:slug/products/:productId/security';
const noticeLimit = bodyLimitOf((m) => noticeSchema(m, new Date()));
const releaseLimit = bodyLimitOf((m) => releaseSchema(m, new Date()));

/**
 * A company's security notices and firmware releases on its certified products (members only; anyone
 * else, and any product that was never certified, gets "not found"), and each product's public feed.
 */
export function registerSecurityRoutes(routes: RouteRegistry, services: AppServices): void {
  const { security } = services;
  const requestOf = (c: Ctx): SecurityRequest => ({
    userId: currentUser(c).id,
    slug: c.req.param('slug') ?? '',
    productId: c.req.param('productId') ?? '',
  });
  const pathOf = (c: Ctx) => {
    const { slug, productId } = requestOf(c);
    return `/${c.get('locale')}/companies/${slug}/products/${productId}/security`;
  };

  async function show(c: Ctx, state?: ManageFormState) {
    const certification = await security.certifiedProduct(requestOf(c));
    if (!certification) return renderNotFound(c);
    const information = await security.of(certification);
    const { slug, userId } = requestOf(c);
    const membership = await services.companies.membership(slug, userId);
    const mayPublish = !!membership && canPerform(membership.role, 'publish-security-information');
    const view = { certification, information, now: services.now(), path: pathOf(c), mayPublish };
    return securityManagePage(c, state ? { ...view, state, status: 422 } : view);
  }

  function answer(c: Ctx, result: PublishResult, notice: string) {
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'not-accepted')
      return renderError(c, 409, c.get('m').errors.title, c.get('m').security.notAccepted);
    if (result.kind === 'not-allowed')
      return renderError(c, 403, c.get('m').errors.title, c.get('m').security.notAllowed);
    return c.redirect(`${pathOf(c)}?notice=${notice}`, 303);
  }

  routes.get(managePath, 'signed-in', (c) => show(c));

  routes.post(`${managePath}/notices`, 'signed-in', noticeLimit, async (c) => {
    const form = parseForm(noticeSchema(c.get('m'), services.now()), await c.req.parseBody());
    if (!form.ok) return show(c, { form: 'notice', errors: form.errors, values: form.values });
    return answer(c, await security.publishNotice(requestOf(c), form.data), 'notice-published');
  });

  routes.post(`${managePath}/releases`, 'signed-in', releaseLimit, async (c) => {
    const form = parseForm(releaseSchema(c.get('m'), services.now()), await c.req.parseBody());
    if (!form.ok) return show(c, { form: 'release', errors: form.errors, values: form.values });
    return answer(c, await security.publishRelease(requestOf(c), form.data), 'release-published');
  });

  routes.get('/:locale/products/:certificationId/security.atom', 'public', async (c) => {
    const row = await services.registry.find(c.req.param('certificationId') ?? '');
    if (!row) return renderNotFound(c);
    const product = { certificationId: row.id, name: row.product_name };
    const feed = securityFeed(
      c.get('m'),
      c.get('locale'),
      services.config.baseUrl,
      product,
      await security.of(row),
    );
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=60');
    return c.body(feed);
  });
}
