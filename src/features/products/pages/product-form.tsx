import type { Context } from 'hono';
import type { ProductRow } from '../../../platform/db/schema';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import type { Messages } from '../../../platform/i18n';
import { Field, Notice, PageHeader, PostForm } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { productCategories } from '../rules';
import { productSchema } from '../schemas';

type Ctx = Context<AppEnv>;

export interface ProductFormState {
  errors?: FieldErrors;
  values?: FormValues;
  status?: 200 | 409 | 422;
  product?: ProductRow;
  conflict?: ProductRow;
}

export const productsPath = (c: Ctx, slug: string) => `/${c.get('locale')}/companies/${slug}/products`;

export function productValues(product: ProductRow): FormValues {
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

export function productFormPage(c: Ctx, slug: string, state: ProductFormState) {
  const m = c.get('m');
  const title = state.product ? `${m.products.edit}: ${state.product.name}` : m.products.add;
  return page(
    c,
    { title, status: state.status ?? 200, indexable: false },
    <>
      <PageHeader title={title} />
      <ProductFormSection m={m} action={actionOf(c, slug, state)} state={state} />
    </>,
  );
}

export const actionOf = (c: Ctx, slug: string, state: ProductFormState) =>
  state.product ? `${productsPath(c, slug)}/${state.product.id}` : productsPath(c, slug);

/** The product form, for a new product or an existing one; after a conflict it also shows the saved values. */
export function ProductFormSection({
  m,
  action,
  state,
}: {
  m: Messages;
  action: string;
  state: ProductFormState;
}) {
  const limits = fieldLimits(productSchema(m, new Date()));
  return (
    <>
      {state.conflict ? <SavedValues m={m} saved={state.conflict} /> : null}
      <PostForm
        action={action}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.products.save}
      >
        <input type="hidden" name="revision" value={state.values?.['revision'] ?? '0'} />
        <Field name="name" label={m.products.name} maxLength={limits['name']} {...state} />
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
          maxLength={limits['modelNumbers']}
          {...state}
        />
        <Field
          name="webPageUrl"
          label={m.products.webPage}
          hint={m.products.webPageHint}
          type="url"
          maxLength={limits['webPageUrl']}
          {...state}
        />
        <Field
          name="description"
          label={m.products.description}
          multiline
          maxLength={limits['description']}
          {...state}
        />
        <Field
          name="firmwareVersion"
          label={m.products.firmwareVersion}
          maxLength={limits['firmwareVersion']}
          {...state}
        />
        <Field
          name="supportEndDate"
          label={m.products.supportEndDate}
          hint={m.products.supportEndDateHint}
          pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}"
          maxLength={isoDateLength}
          {...state}
        />
      </PostForm>
    </>
  );
}

/** YYYY-MM-DD: the schema checks the date itself, not a length. */
const isoDateLength = 'YYYY-MM-DD'.length;

function SavedValues({ m, saved }: { m: Messages; saved: ProductRow }) {
  return (
    <>
      <Notice tone="warning">{m.products.conflict}</Notice>
      <section class="card">
        <h2>{m.products.savedValues}</h2>
        <dl class="facts">
          <dt>{m.products.name}</dt>
          <dd>{saved.name}</dd>
          <dt>{m.products.firmwareVersion}</dt>
          <dd>{saved.firmware_version}</dd>
          <dt>{m.products.supportEndDate}</dt>
          <dd>{saved.support_end_date}</dd>
          <dt>{m.products.description}</dt>
          <dd>{saved.description}</dd>
        </dl>
      </section>
    </>
  );
}
