import type { Context } from 'hono';
import { maximumPictureBytes } from '../../platform/storage/picture-types';
import { productCategories } from './rules';
import { readPicture, servePicture } from '../../platform/web/pictures';
import type { ProductRow } from '../../platform/db/schema';
import { isOpen } from '../applications/rules';
import { formatDate } from '../../platform/i18n';
import type { CompanyMembership } from '../companies/store';
import type { AppEnv } from '../../platform/web/env';
import { startApplicationSchema } from '../../web/form-schemas';
import { productSchema } from './schemas';
import { uploadLimit } from '../../platform/web/upload-limit';
import { bodyLimitOf, parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import {
  ButtonForm,
  Field,
  Notice,
  PageHeader,
  PostForm,
  UploadForm,
} from '../../platform/web/views/components';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import {
  ApplicationLinks,
  applicationStatusLabel,
  CertificationCard,
  LatestMark,
} from '../registry/pages/mark-status';

type Ctx = Context<AppEnv>;

function productValues(product: ProductRow): FormValues {
  return {
    name: product.name,
    category: product.category,
    modelNumbers: product.model_numbers,
    webPageUrl: product.web_page_url,
    description: product.description,
    firmwareVersion: product.firmware_version,
    supportEndDate: product.support_end_date,
    revision: String(product.revision),
  };
}

/** Three fields of 2,000 characters take a product form past an ordinary form's limit. */
const productBodyLimit = bodyLimitOf((m) => productSchema(m, new Date()));

export function registerProductRoutes(routes: RouteRegistry, services: AppServices): void {
  const { companies, products, applications, files } = services;

  /** The signed-in user's membership of the company in the URL; outsiders get a 404 as if it did not exist. */
  const membershipOf = (c: Ctx) => companies.membership(c.req.param('slug') ?? '', currentUser(c).id);
  const productsPath = (c: Ctx, membership: CompanyMembership) =>
    `/${c.get('locale')}/companies/${membership.slug}/products`;

  interface FormState {
    errors?: FieldErrors;
    values?: FormValues;
    status?: 200 | 409 | 422;
    product?: ProductRow;
    conflict?: ProductRow;
  }

  /** The product form, for a new product or an existing one; after a conflict it also shows the saved values. */
  const productFormSection = (c: Ctx, membership: CompanyMembership, state: FormState) => {
    const m = c.get('m');
    const action = state.product
      ? `${productsPath(c, membership)}/${state.product.id}`
      : productsPath(c, membership);
    return (
      <>
        {state.conflict ? (
          <>
            <Notice tone="warning">{m.products.conflict}</Notice>
            <section class="card">
              <h2>{m.products.savedValues}</h2>
              <dl class="facts">
                <dt>{m.products.name}</dt>
                <dd>{state.conflict.name}</dd>
                <dt>{m.products.firmwareVersion}</dt>
                <dd>{state.conflict.firmware_version}</dd>
                <dt>{m.products.supportEndDate}</dt>
                <dd>{state.conflict.support_end_date}</dd>
                <dt>{m.products.description}</dt>
                <dd>{state.conflict.description}</dd>
              </dl>
            </section>
          </>
        ) : null}
        <PostForm
          action={action}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.products.save}
        >
          <input type="hidden" name="revision" value={state.values?.['revision'] ?? '0'} />
          <Field name="name" label={m.products.name} maxLength={120} {...state} />
          <div class="field">
            <label for="category">{m.products.category}</label>
            <select id="category" name="category">
              {productCategories.map((category) => (
                <option value={category} selected={state.values?.['category'] === category}>
                  {m.products.categories[category]}
                </option>
              ))}
            </select>
          </div>
          <Field
            name="modelNumbers"
            label={m.products.modelNumbers}
            hint={m.products.modelNumbersHint}
            multiline
            maxLength={2000}
            {...state}
          />
          <Field
            name="webPageUrl"
            label={m.products.webPage}
            hint={m.products.webPageHint}
            type="url"
            maxLength={2000}
            {...state}
          />
          <Field name="description" label={m.products.description} multiline maxLength={2000} {...state} />
          <Field name="firmwareVersion" label={m.products.firmwareVersion} maxLength={60} {...state} />
          <Field
            name="supportEndDate"
            label={m.products.supportEndDate}
            hint={m.products.supportEndDateHint}
            pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}"
            maxLength={10}
            {...state}
          />
        </PostForm>
      </>
    );
  };

  const productForm = (c: Ctx, membership: CompanyMembership, state: FormState) => {
    const m = c.get('m');
    const title = state.product ? `${m.products.edit}: ${state.product.name}` : m.products.add;
    return page(
      c,
      { title, status: state.status ?? 200, indexable: false },
      <>
        <PageHeader title={title} />
        {productFormSection(c, membership, state)}
      </>,
    );
  };

  routes.get('/:locale/companies/:slug/products', 'signed-in', async (c) => {
    const membership = await membershipOf(c);
    if (!membership) return renderNotFound(c);
    const m = c.get('m');
    const locale = c.get('locale');
    const [list, applicationList, certifications] = await Promise.all([
      products.listForCompany(membership.companyId),
      applications.listForCompany(membership.companyId),
      services.registry.issuedToCompany(membership.companyId),
    ]);
    const now = services.now();
    return page(
      c,
      { title: `${membership.name}: ${m.products.title}`, indexable: false },
      <>
        <PageHeader title={`${membership.name}: ${m.products.title}`} lead={m.products.lead} />
        <p>
          <a class="button" href={`${productsPath(c, membership)}/new`}>
            {m.products.add}
          </a>
        </p>
        {list.length === 0 ? <p>{m.products.none}</p> : null}
        <ul class="card-list">
          {list.map((product) => (
            <li class="card">
              <h2>
                <a href={`${productsPath(c, membership)}/${product.id}`}>{product.name}</a>
              </h2>
              <p class="muted">
                {m.products.categories[product.category]} · {m.products.supportEndDate}{' '}
                {formatDate(locale, product.support_end_date)}
              </p>
              <LatestMark
                certifications={certifications.filter((row) => row.product_id === product.id)}
                now={now}
                locale={locale}
                m={m}
              />
              <ApplicationLinks
                applications={applicationList.filter((application) => application.product_id === product.id)}
                certifications={certifications}
                now={now}
                locale={locale}
                m={m}
              />
            </li>
          ))}
        </ul>
        <p>
          <a href={`/${locale}/companies/${membership.slug}`}>{m.products.backToCompany}</a>
        </p>
      </>,
    );
  });

  routes.get('/:locale/companies/:slug/products/new', 'signed-in', async (c) => {
    const membership = await membershipOf(c);
    if (!membership) return renderNotFound(c);
    return productForm(c, membership, {});
  });

  routes.post('/:locale/companies/:slug/products', 'signed-in', productBodyLimit, async (c) => {
    const membership = await membershipOf(c);
    if (!membership) return renderNotFound(c);
    const form = parseForm(productSchema(c.get('m'), services.now()), await c.req.parseBody());
    if (!form.ok)
      return productForm(c, membership, { errors: form.errors, values: form.values, status: 422 });
    const id = await products.create(membership.companyId, form.data, services.now());
    return c.redirect(`${productsPath(c, membership)}/${id}?notice=created`, 303);
  });

  const productPage = async (
    c: Ctx,
    membership: CompanyMembership,
    product: ProductRow,
    imageProblem?: { message: string; status: 413 | 422 },
  ) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const here = `${productsPath(c, membership)}/${product.id}`;
    // Any earlier application of the company can lend its answers: a product line, or a renewal.
    const companyApplications = await applications.listForCompany(membership.companyId);
    const list = companyApplications.filter((application) => application.product_id === product.id);
    const certifications = await services.registry.issuedToCompany(membership.companyId);
    const certification = certifications.find((row) => row.product_id === product.id);
    const now = services.now();
    const notices: Record<string, string> = {
      created: m.products.created,
      saved: m.products.saved,
      'image-saved': m.products.imageSaved,
      'image-removed': m.products.imageRemoved,
    };
    const notice = notices[c.req.query('notice') ?? ''];
    return page(
      c,
      { title: product.name, indexable: false, status: imageProblem?.status ?? 200 },
      <>
        {notice ? <Notice>{notice}</Notice> : null}
        <PageHeader title={product.name} lead={product.description} />
        <section class="card" aria-labelledby="image-title">
          <h2 id="image-title">{m.products.image}</h2>
          {product.image_key ? (
            <>
              <img
                class="product-image"
                src={`${here}/image?v=${product.image_key.slice(0, 12)}`}
                alt={m.products.imageAlt(product.name)}
              />
              <ButtonForm action={`${here}/image/remove`} label={m.products.imageRemove} look="link" />
            </>
          ) : (
            <p>{m.products.noImage}</p>
          )}
          <UploadForm
            action={`${here}/image`}
            name="image"
            label={m.products.imageUpload}
            accept="image/png,image/jpeg,image/webp"
            buttonLabel={m.products.imageButton}
            error={imageProblem?.message}
          />
        </section>
        {certification ? (
          <CertificationCard
            certification={certification}
            openApplication={list.find((application) => isOpen(application.status))}
            startAction={`${here}/applications`}
            now={now}
            locale={locale}
            m={m}
          />
        ) : null}
        <section class="card">
          <h2>{m.products.applications}</h2>
          {list.length === 0 ? (
            <p>{m.products.noApplications}</p>
          ) : (
            <ApplicationLinks
              applications={list}
              certifications={certifications}
              now={now}
              locale={locale}
              m={m}
            />
          )}
          <h3>{m.products.startApplication}</h3>
          <PostForm
            action={`${productsPath(c, membership)}/${product.id}/applications`}
            errorTitle={m.errors.formProblems}
            submitLabel={m.products.start}
            liveValidation={false}
          >
            <div class="field">
              <label for="sourceApplicationId">{m.products.startFrom}</label>
              <select id="sourceApplicationId" name="sourceApplicationId">
                <option value="">{m.products.startEmpty}</option>
                {companyApplications.map((application) => (
                  <option value={application.id}>
                    {`${application.product_name} – ${m.applications.criteriaVersion(application.criteria_version)} – ${applicationStatusLabel(application, certifications, now, m)}`}
                  </option>
                ))}
              </select>
            </div>
          </PostForm>
        </section>
        <section>
          <h2>{m.products.edit}</h2>
          {productFormSection(c, membership, { product, values: productValues(product) })}
        </section>
      </>,
    );
  };

  async function loadProduct(c: Ctx) {
    const membership = await membershipOf(c);
    if (!membership) return undefined;
    const product = await products.find(membership.companyId, c.req.param('productId') ?? '');
    return product ? { membership, product } : undefined;
  }

  routes.get('/:locale/companies/:slug/products/:productId', 'signed-in', async (c) => {
    const loaded = await loadProduct(c);
    if (!loaded) return renderNotFound(c);
    return productPage(c, loaded.membership, loaded.product);
  });

  routes.post('/:locale/companies/:slug/products/:productId', 'signed-in', productBodyLimit, async (c) => {
    const loaded = await loadProduct(c);
    if (!loaded) return renderNotFound(c);
    const { membership, product } = loaded;
    const form = parseForm(productSchema(c.get('m'), services.now()), await c.req.parseBody());
    if (!form.ok)
      return productForm(c, membership, { errors: form.errors, values: form.values, status: 422, product });
    const saved = await products.update(
      membership.companyId,
      product.id,
      form.data.revision ?? 0,
      form.data,
      services.now(),
    );
    if (!saved) {
      const current = (await products.find(membership.companyId, product.id)) ?? product;
      const values = {
        ...productValues(current),
        ...Object.fromEntries(
          Object.entries(form.data).map(([key, value]) => [
            key,
            Array.isArray(value) ? value.join('\n') : String(value ?? ''),
          ]),
        ),
      };
      // The form now carries the current revision: saving again deliberately replaces their change.
      return productForm(c, membership, {
        values: { ...values, revision: String(current.revision) },
        status: 409,
        product: current,
        conflict: current,
      });
    }
    return c.redirect(`${productsPath(c, membership)}/${product.id}?notice=saved`, 303);
  });

  routes.post(
    '/:locale/companies/:slug/products/:productId/image',
    'signed-in',
    // A picture is refused before it is buffered, as news and partner pictures are.
    uploadLimit(maximumPictureBytes, (m) => m.products.imageTooLarge),
    async (c) => {
      const loaded = await loadProduct(c);
      if (!loaded) return renderNotFound(c);
      const m = c.get('m');
      const { membership, product } = loaded;
      const problem = (message: string, status: 413 | 422) =>
        productPage(c, membership, product, { message, status });
      const picture = await readPicture(c, 'image');
      if (!picture.ok) {
        if (picture.problem === 'too-large') return problem(m.products.imageTooLarge, 413);
        return problem(picture.problem === 'missing' ? m.products.imageMissing : m.products.imageType, 422);
      }
      const key = await files.put(picture.bytes);
      await products.setImage(membership.companyId, product.id, { key, type: picture.type }, services.now());
      await services.releaseFiles([product.image_key]);
      return c.redirect(`${productsPath(c, membership)}/${product.id}?notice=image-saved`, 303);
    },
  );

  routes.post('/:locale/companies/:slug/products/:productId/image/remove', 'signed-in', async (c) => {
    const loaded = await loadProduct(c);
    if (!loaded) return renderNotFound(c);
    const { membership, product } = loaded;
    await products.setImage(membership.companyId, product.id, null, services.now());
    await services.releaseFiles([product.image_key]);
    return c.redirect(`${productsPath(c, membership)}/${product.id}?notice=image-removed`, 303);
  });

  routes.get('/:locale/companies/:slug/products/:productId/image', 'signed-in', async (c) => {
    const loaded = await loadProduct(c);
    if (!loaded?.product.image_key || !loaded.product.image_type) return renderNotFound(c);
    const bytes = await files.get(loaded.product.image_key);
    if (!bytes) return renderNotFound(c);
    return servePicture(c, bytes, loaded.product.image_type, 'private, no-cache');
  });

  routes.post('/:locale/companies/:slug/products/:productId/applications', 'signed-in', async (c) => {
    const loaded = await loadProduct(c);
    if (!loaded) return renderNotFound(c);
    const m = c.get('m');
    const { membership, product } = loaded;
    if (product.support_end_date < services.now().toISOString().slice(0, 10)) {
      return renderError(c, 422, m.errors.title, m.products.supportEnded);
    }
    const { sourceApplicationId } = startApplicationSchema.parse(await c.req.parseBody());
    // Answers can only be reused from the same company's applications.
    const source = sourceApplicationId ? await applications.find(sourceApplicationId) : undefined;
    if (sourceApplicationId && source?.organization_id !== membership.companyId) return renderNotFound(c);
    const user = currentUser(c);
    // New applications and renewals take the newest published criteria; earlier ones keep theirs.
    const version = await services.criteriaPublications.current();
    const id = await applications.create({
      companyId: membership.companyId,
      productId: product.id,
      criteriaVersion: version.version,
      criterionIds: version.criteria.map((criterion) => criterion.id),
      author: { id: user.id, name: user.name },
      now: services.now(),
      ...(source ? { sourceApplicationId: source.id } : {}),
    });
    return c.redirect(`/${c.get('locale')}/applications/${id}`, 303);
  });
}
