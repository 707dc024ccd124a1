import type { Context } from 'hono';
import type { CertificationRow, ProductRow } from '../../../platform/db/schema';
import type { ApplicationSummary } from '../../applications';
import type { CompanyMembership } from '../../companies';
import type { AppEnv } from '../../../platform/web/env';
import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import { isOpen } from '../../applications/rules';
import { ButtonForm, Notice, PageHeader, PostForm, UploadForm } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { ApplicationLinks, applicationStatusLabel, CertificationCard, LatestMark } from '../../registry';
import { ProductFormSection, productsPath, productValues } from './product-form';
import { MarkKitLinks } from '../../mark-kit';
import { EvidenceUpdateNotice } from '../../evidence';

type Ctx = Context<AppEnv>;

/** What a company's product pages show besides the product: its applications and marks. */
export interface CompanyRecord {
  membership: CompanyMembership;
  applications: ApplicationSummary[];
  certifications: CertificationRow[];
  now: Date;
  /** On a product's page: that its certification's evidence changed since review (features/evidence). */
  evidenceChanged?: { reviewedAt: string; count: number } | undefined;
}

export function productsPage(c: Ctx, products: ProductRow[], record: CompanyRecord) {
  const m = c.get('m');
  const locale = c.get('locale');
  const { membership, now } = record;
  const base = productsPath(c, membership.slug);
  const mark = { now, locale, m };
  return page(
    c,
    { title: `${membership.name}: ${m.products.title}`, indexable: false },
    <>
      <PageHeader title={`${membership.name}: ${m.products.title}`} lead={m.products.lead} />
      <p>
        <a class="button" href={`${base}/new`}>
          {m.products.add}
        </a>
      </p>
      {products.length === 0 ? <p>{m.products.none}</p> : null}
      <ul class="card-list">
        {products.map((product) => (
          <li class="card">
            <h2>
              <a href={`${base}/${product.id}`}>{product.name}</a>
            </h2>
            <p class="muted">
              {m.products.categories[product.category]} · {m.products.supportEndDate}{' '}
              {formatDate(locale, product.support_end_date)}
            </p>
            <LatestMark
              certifications={record.certifications.filter((row) => row.product_id === product.id)}
              {...mark}
            />
            <ApplicationLinks
              applications={record.applications.filter(
                (application) => application.product_id === product.id,
              )}
              certifications={record.certifications}
              {...mark}
            />
          </li>
        ))}
      </ul>
      <p>
        <a href={`/${locale}/companies/${membership.slug}`}>{m.products.backToCompany}</a>
      </p>
    </>,
  );
}

export interface ImageProblem {
  message: string;
  status: 413 | 422;
}

export function productPage(c: Ctx, product: ProductRow, record: CompanyRecord, imageProblem?: ImageProblem) {
  const m = c.get('m');
  const locale = c.get('locale');
  const here = `${productsPath(c, record.membership.slug)}/${product.id}`;
  const notices: Record<string, string> = {
    created: m.products.created,
    saved: m.products.saved,
    'image-saved': m.products.imageSaved,
    'image-removed': m.products.imageRemoved,
  };
  const notice = notices[c.req.query('notice') ?? ''];
  const props = { m, locale, here, product, record };
  return page(
    c,
    { title: product.name, indexable: false, status: imageProblem?.status ?? 200 },
    <>
      {notice ? <Notice>{notice}</Notice> : null}
      <PageHeader title={product.name} lead={product.description} />
      <EvidenceUpdateNotice changes={record.evidenceChanged} href={`${here}/update`} locale={locale} />
      <PictureSection {...props} problem={imageProblem?.message} />
      <MarkSection {...props} />
      <MarkKitLinks
        m={m}
        here={here}
        certification={record.certifications.find((row) => row.product_id === product.id)}
        now={record.now}
      />
      <ApplicationsSection {...props} />
      <section>
        <h2>{m.products.edit}</h2>
        <ProductFormSection m={m} action={here} state={{ product, values: productValues(product) }} />
      </section>
    </>,
  );
}

interface SectionProps {
  m: Messages;
  locale: Locale;
  here: string;
  product: ProductRow;
  record: CompanyRecord;
}

function PictureSection({ m, here, product, problem }: SectionProps & { problem: string | undefined }) {
  return (
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
        error={problem}
      />
    </section>
  );
}

function MarkSection({ m, locale, here, product, record }: SectionProps) {
  const certification = record.certifications.find((row) => row.product_id === product.id);
  if (!certification) return null;
  const own = record.applications.filter((application) => application.product_id === product.id);
  return (
    <CertificationCard
      certification={certification}
      openApplication={own.find((application) => isOpen(application.status))}
      startAction={`${here}/applications`}
      now={record.now}
      locale={locale}
      m={m}
    />
  );
}

function ApplicationsSection({ m, locale, here, product, record }: SectionProps) {
  const { applications, certifications, now } = record;
  const own = applications.filter((application) => application.product_id === product.id);
  return (
    <section class="card">
      <h2>{m.products.applications}</h2>
      {own.length === 0 ? (
        <p>{m.products.noApplications}</p>
      ) : (
        <ApplicationLinks
          applications={own}
          certifications={certifications}
          now={now}
          locale={locale}
          m={m}
        />
      )}
      <h3>{m.products.startApplication}</h3>
      <PostForm
        action={`${here}/applications`}
        errorTitle={m.errors.formProblems}
        submitLabel={m.products.start}
        liveValidation={false}
      >
        <div class="field">
          <label for="sourceApplicationId">{m.products.startFrom}</label>
          <select id="sourceApplicationId" name="sourceApplicationId">
            <option value="">{m.products.startEmpty}</option>
            {/* Any earlier application of the company can lend its answers: a product line, or a renewal. */}
            {applications.map((application) => (
              <option value={application.id}>
                {`${application.product_name} – ${m.applications.criteriaVersion(application.criteria_version)} – ${applicationStatusLabel(application, certifications, now, m)}`}
              </option>
            ))}
          </select>
        </div>
      </PostForm>
    </section>
  );
}
