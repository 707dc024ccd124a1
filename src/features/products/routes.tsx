import type { Context } from 'hono';
import { maximumPictureBytes } from '../../platform/storage/picture-types';
import { readPicture, servePicture } from '../../platform/web/pictures';
import type { ProductRow } from '../../platform/db/schema';
import type { CompanyMembership } from '../companies';
import type { AppEnv } from '../../platform/web/env';
import { startApplicationSchema } from '../applications';
import { productSchema } from './schemas';
import { uploadLimit } from '../../platform/web/upload-limit';
import { bodyLimitOf, parseForm, type FormValues } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { createProductActions } from './actions';
import { productFormPage, productsPath, productValues } from './pages/product-form';
import { productPage, productsPage, type CompanyRecord, type ImageProblem } from './pages/product-pages';

type Ctx = Context<AppEnv>;

/** Three fields of 2,000 characters take a product form past an ordinary form's limit. */
const productBodyLimit = bodyLimitOf((m) => productSchema(m, new Date()));

/** What was typed, over what is saved, for the form shown again after a conflict. */
function typedOver(current: ProductRow, typed: Record<string, unknown>): FormValues {
  const values: FormValues = { ...productValues(current) };
  for (const [key, value] of Object.entries(typed))
    values[key] = Array.isArray(value) ? value.join('\n') : String(value ?? '');
  // The form now carries the current revision: saving again deliberately replaces their change.
  return { ...values, revision: String(current.revision) };
}

export function registerProductRoutes(routes: RouteRegistry, services: AppServices): void {
  const { companies, products, applications, files } = services;
  const actions = createProductActions(services);
  const actor = (c: Ctx) => ({ userId: currentUser(c).id, name: currentUser(c).name });
  const slugOf = (c: Ctx) => c.req.param('slug') ?? '';
  const refOf = (c: Ctx) => ({ slug: slugOf(c), productId: c.req.param('productId') ?? '' });
  const productPath = (c: Ctx, notice: string) =>
    `${productsPath(c, slugOf(c))}/${c.req.param('productId') ?? ''}?notice=${notice}`;

  /** The signed-in user's membership of the company in the URL; outsiders get a 404 as if it did not exist. */
  const membershipOf = (c: Ctx) => companies.membership(slugOf(c), currentUser(c).id);

  async function recordOf(membership: CompanyMembership): Promise<CompanyRecord> {
    const [list, certifications] = await Promise.all([
      applications.listForCompany(membership.companyId),
      services.registry.issuedToCompany(membership.companyId),
    ]);
    return { membership, applications: list, certifications, now: services.now() };
  }

  async function loadProduct(c: Ctx) {
    const membership = await membershipOf(c);
    if (!membership) return undefined;
    const product = await products.find(membership.companyId, c.req.param('productId') ?? '');
    return product ? { membership, product } : undefined;
  }

  async function showProduct(c: Ctx, imageProblem?: ImageProblem) {
    const loaded = await loadProduct(c);
    if (!loaded) return renderNotFound(c);
    const record = await recordOf(loaded.membership);
    // The product's current certification, if its evidence changed since review: the way to update it.
    const current = record.certifications.find(
      (row) => row.product_id === loaded.product.id && row.status === 'active',
    );
    const evidenceChanged = current ? await services.evidence.changesOf(current.id) : undefined;
    return productPage(c, loaded.product, { ...record, evidenceChanged }, imageProblem);
  }

  routes.get('/:locale/companies/:slug/products', 'signed-in', async (c) => {
    const membership = await membershipOf(c);
    if (!membership) return renderNotFound(c);
    return productsPage(c, await products.listForCompany(membership.companyId), await recordOf(membership));
  });

  routes.get('/:locale/companies/:slug/products/new', 'signed-in', async (c) =>
    (await membershipOf(c)) ? productFormPage(c, slugOf(c), {}) : renderNotFound(c),
  );

  routes.post('/:locale/companies/:slug/products', 'signed-in', productBodyLimit, async (c) => {
    const form = parseForm(productSchema(c.get('m'), services.now()), await c.req.parseBody());
    if (!form.ok) {
      if (!(await membershipOf(c))) return renderNotFound(c);
      return productFormPage(c, slugOf(c), { errors: form.errors, values: form.values, status: 422 });
    }
    const result = await actions.create(actor(c), { slug: slugOf(c), fields: form.data });
    if (result.kind === 'not-found') return renderNotFound(c);
    return c.redirect(`${productsPath(c, slugOf(c))}/${result.productId}?notice=created`, 303);
  });

  routes.get('/:locale/companies/:slug/products/:productId', 'signed-in', (c) => showProduct(c));

  routes.post('/:locale/companies/:slug/products/:productId', 'signed-in', productBodyLimit, async (c) => {
    const form = parseForm(productSchema(c.get('m'), services.now()), await c.req.parseBody());
    if (!form.ok) {
      const loaded = await loadProduct(c);
      if (!loaded) return renderNotFound(c);
      const state = {
        errors: form.errors,
        values: form.values,
        status: 422 as const,
        product: loaded.product,
      };
      return productFormPage(c, slugOf(c), state);
    }
    const request = { ...refOf(c), revision: form.data.revision ?? 0, fields: form.data };
    const result = await actions.update(actor(c), request);
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'saved') return c.redirect(productPath(c, 'saved'), 303);
    const { current } = result;
    const values = typedOver(current, form.data);
    return productFormPage(c, slugOf(c), { values, status: 409, product: current, conflict: current });
  });

  routes.post(
    '/:locale/companies/:slug/products/:productId/image',
    'signed-in',
    // A picture is refused before it is buffered, as news and partner pictures are.
    uploadLimit(maximumPictureBytes, (m) => m.products.imageTooLarge),
    async (c) => {
      const m = c.get('m');
      const picture = await readPicture(c, 'image');
      if (!picture.ok) {
        if (picture.problem === 'too-large')
          return showProduct(c, { message: m.products.imageTooLarge, status: 413 });
        const message = picture.problem === 'missing' ? m.products.imageMissing : m.products.imageType;
        return showProduct(c, { message, status: 422 });
      }
      const request = { ...refOf(c), picture: { bytes: picture.bytes, type: picture.type } };
      const result = await actions.setPicture(actor(c), request);
      if (result.kind === 'not-found') return renderNotFound(c);
      return c.redirect(productPath(c, 'image-saved'), 303);
    },
  );

  routes.post('/:locale/companies/:slug/products/:productId/image/remove', 'signed-in', async (c) => {
    const result = await actions.setPicture(actor(c), { ...refOf(c), picture: null });
    if (result.kind === 'not-found') return renderNotFound(c);
    return c.redirect(productPath(c, 'image-removed'), 303);
  });

  routes.get('/:locale/companies/:slug/products/:productId/image', 'signed-in', async (c) => {
    const loaded = await loadProduct(c);
    if (!loaded?.product.image_key || !loaded.product.image_type) return renderNotFound(c);
    const bytes = await files.get(loaded.product.image_key);
    if (!bytes) return renderNotFound(c);
    return servePicture(c, bytes, loaded.product.image_type, 'private, no-cache');
  });

  routes.post('/:locale/companies/:slug/products/:productId/applications', 'signed-in', async (c) => {
    const m = c.get('m');
    const form = startApplicationSchema.safeParse(await c.req.parseBody());
    // No application has such an id (too long, or a file): as unknown as any other.
    if (!form.success) return renderNotFound(c);
    const { sourceApplicationId } = form.data;
    const result = await actions.startApplication(actor(c), { ...refOf(c), sourceApplicationId });
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'support-ended') return renderError(c, 422, m.errors.title, m.products.supportEnded);
    return c.redirect(`/${c.get('locale')}/applications/${result.applicationId}`, 303);
  });
}
