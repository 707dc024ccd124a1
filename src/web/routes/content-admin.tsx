import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { raw } from 'hono/html';
import { partnerKinds, postStatuses, postVisibility } from '../../domain/content';
import { maximumPictureBytes } from '../../domain/pictures';
import type { NewsPost, Partner } from '../../db/schema';
import { formatDateTime, locales } from '../../i18n';
import type { PartnerFields } from '../../repositories/partners';
import type { PostFields } from '../../repositories/news';
import type { AppEnv } from '../env';
import { partnerSchema, postSchema } from '../form-schemas';
import { parseForm, valuesOf, type FieldErrors, type FormValues } from '../forms';
import { renderMarkdown } from '../markdown';
import { readPicture, servePicture } from '../pictures';
import { accessFor, type RouteRegistry } from '../routing';
import type { AppServices } from '../services';
import { currentUser } from '../session';
import { uploadLimit } from '../upload-limit';
import {
  AdminNav,
  ButtonForm,
  Field,
  Notice,
  PageHeader,
  PostForm,
  SelectField,
  UploadForm,
} from '../views/components';
import { renderNotFound } from '../views/error-page';
import { page } from '../views/layout';

type Ctx = Context<AppEnv>;

interface FormState {
  errors?: FieldErrors;
  values?: FormValues;
  /** Shown above the form: a conflict, or a problem with an upload. */
  problem?: string;
  status?: 409 | 413 | 422;
}

/** The value a datetime field shows for a stored time: minutes, UTC, as the form reads it back. */
const timeField = (iso: string) => iso.slice(0, 16);

const postValues = (post: NewsPost): FormValues => ({
  locale: post.locale,
  slug: post.slug,
  title: post.title,
  summary: post.summary,
  body: post.body_markdown,
  status: post.status,
  publishAt: timeField(post.published_at),
  imageAlt: post.image_alt,
  updatedAt: post.updated_at,
});

const partnerValues = (partner: Partner): FormValues => ({
  name: partner.name,
  url: partner.url,
  kind: partner.kind,
  descriptionEn: partner.description_en,
  descriptionDe: partner.description_de,
  sortOrder: String(partner.sort_order),
  updatedAt: partner.updated_at,
});

/** News posts and partners, written by admins; every change is on the audit record. */
export function registerContentAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { news, partners, files, audit } = services;
  const record = (c: Ctx, action: string, subjectId: string, details: Record<string, unknown> = {}) =>
    audit.append({ actorId: currentUser(c).id, action, subjectId, details }, services.now());

  /**
   * Reads an uploaded picture; a problem is explained on the item's page (`explain`), a good picture is
   * stored and handed to `attach`, which answers where to go next.
   */
  async function storePicture(
    c: Ctx,
    field: string,
    explain: (state: FormState) => Promise<Response>,
    attach: (stored: { key: string; type: string }) => Promise<string>,
  ): Promise<Response> {
    const m = c.get('m');
    const picture = await readPicture(c, field);
    if (!picture.ok) {
      const problem = {
        missing: m.contentAdmin.imageMissing,
        'too-large': m.contentAdmin.imageTooLarge,
        type: m.contentAdmin.imageType,
      }[picture.problem];
      return explain({ problem, status: picture.problem === 'too-large' ? 413 : 422 });
    }
    const key = await files.put(picture.bytes);
    return c.redirect(await attach({ key, type: picture.type }), 303);
  }

  // News posts.

  const newsList = async (c: Ctx) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const posts = await news.listAll();
    const notice = { deleted: m.contentAdmin.deleted }[c.req.query('notice') ?? ''];
    return page(
      c,
      { title: m.contentAdmin.newsTitle, indexable: false },
      <>
        <AdminNav locale={locale} m={m} />
        {notice ? <Notice>{notice}</Notice> : null}
        <PageHeader title={m.contentAdmin.newsTitle} lead={m.contentAdmin.newsLead} />
        <p>
          <a class="button" href={`/${locale}/admin/news/new`}>
            {m.contentAdmin.newPost}
          </a>
        </p>
        {posts.length === 0 ? (
          <p>{m.contentAdmin.noPosts}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{m.contentAdmin.postTitle}</th>
                <th scope="col">{m.contentAdmin.language}</th>
                <th scope="col">{m.contentAdmin.status}</th>
                <th scope="col">{m.contentAdmin.publishAt}</th>
              </tr>
            </thead>
            <tbody>
              {posts.map((post) => (
                <tr>
                  <td>
                    <a href={`/${locale}/admin/news/${post.id}`}>{post.title}</a>
                  </td>
                  <td>{m.contentAdmin.languages[post.locale] ?? post.locale}</td>
                  <td>{m.contentAdmin.visibility[postVisibility(post, services.now())]}</td>
                  <td>{formatDateTime(locale, post.published_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  };

  const postForm = async (c: Ctx, post: NewsPost | undefined, state: FormState = {}) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const values = state.values ?? (post ? postValues(post) : { locale, status: 'draft' });
    const notices: Record<string, string> = {
      saved: m.contentAdmin.saved,
      'image-saved': m.contentAdmin.imageSaved,
    };
    const notice = notices[c.req.query('notice') ?? ''];
    const base = post ? `/${locale}/admin/news/${post.id}` : `/${locale}/admin/news`;
    const title = post ? m.contentAdmin.editPost(post.title) : m.contentAdmin.newPost;
    const visible = post ? postVisibility(post, services.now()) : 'draft';
    return page(
      c,
      { title, indexable: false, status: state.status ?? 200 },
      <>
        <AdminNav locale={locale} m={m} />
        {notice ? <Notice>{notice}</Notice> : null}
        {state.problem ? <Notice tone="warning">{state.problem}</Notice> : null}
        <p>
          <a href={`/${locale}/admin/news`}>← {m.contentAdmin.newsTitle}</a>
          {post && visible === 'published' ? (
            <>
              {' · '}
              <a href={`/${post.locale}/news/${post.slug}`}>{m.contentAdmin.view}</a>
            </>
          ) : null}
        </p>
        <PageHeader title={title} />
        {post ? (
          <p class="muted">
            {m.contentAdmin.visibility[visible]} · {formatDateTime(locale, post.published_at)} UTC
          </p>
        ) : null}
        <PostForm
          action={base}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.contentAdmin.save}
        >
          <input type="hidden" name="updatedAt" value={post?.updated_at ?? ''} />
          <SelectField
            name="locale"
            label={m.contentAdmin.language}
            options={locales.map((value) => ({ value, label: m.contentAdmin.languages[value] ?? value }))}
            selected={values['locale']}
          />
          <Field
            name="slug"
            label={m.contentAdmin.slug}
            hint={m.contentAdmin.slugHint}
            maxLength={80}
            errors={state.errors}
            values={values}
          />
          <Field
            name="title"
            label={m.contentAdmin.postTitle}
            maxLength={200}
            errors={state.errors}
            values={values}
          />
          <Field
            name="summary"
            label={m.contentAdmin.summary}
            hint={m.contentAdmin.summaryHint}
            maxLength={500}
            errors={state.errors}
            values={values}
          />
          <Field
            name="body"
            label={m.contentAdmin.body}
            multiline
            maxLength={50_000}
            errors={state.errors}
            values={values}
          />
          <SelectField
            name="status"
            label={m.contentAdmin.status}
            options={postStatuses.map((value) => ({ value, label: m.contentAdmin.statuses[value] ?? value }))}
            selected={values['status']}
          />
          <Field
            name="publishAt"
            label={m.contentAdmin.publishAt}
            hint={m.contentAdmin.publishAtHint}
            type="datetime-local"
            required={false}
            errors={state.errors}
            values={values}
          />
          <Field
            name="imageAlt"
            label={m.contentAdmin.imageAlt}
            hint={m.contentAdmin.imageAltHint}
            required={false}
            maxLength={300}
            errors={state.errors}
            values={values}
          />
        </PostForm>
        {post ? (
          <>
            <section class="card" aria-labelledby="image-title">
              <h2 id="image-title">{m.contentAdmin.image}</h2>
              {post.image_key ? (
                <>
                  <img src={`/news-images/${post.id}`} alt={post.image_alt} class="post-image" />
                  <ButtonForm
                    action={`${base}/image/remove`}
                    label={m.contentAdmin.removeImage}
                    look="secondary"
                  />
                </>
              ) : null}
              <UploadForm
                action={`${base}/image`}
                name="image"
                label={m.contentAdmin.image}
                accept="image/png,image/jpeg,image/webp"
                buttonLabel={m.contentAdmin.uploadImage}
              />
            </section>
            <section class="card" aria-labelledby="preview-title">
              <h2 id="preview-title">{m.contentAdmin.preview}</h2>
              <div class="prose">{raw(renderMarkdown(post.body_markdown))}</div>
            </section>
            <ButtonForm action={`${base}/delete`} label={m.contentAdmin.delete} look="danger" />
          </>
        ) : null}
      </>,
    );
  };

  /** Validates a post form; on success the fields to store, else the page that explains what is wrong. */
  async function readPost(c: Ctx, post: NewsPost | undefined) {
    const m = c.get('m');
    const body = await c.req.parseBody();
    const values = valuesOf(body);
    const form = parseForm(postSchema(m, services.now()), body);
    if (!form.ok) return { page: await postForm(c, post, { errors: form.errors, values, status: 422 }) };
    const { data } = form;
    if (post?.image_key && !data.imageAlt) {
      const errors = { imageAlt: m.validation.required };
      return { page: await postForm(c, post, { errors, values, status: 422 }) };
    }
    const fields: PostFields = {
      locale: data.locale,
      slug: data.slug,
      title: data.title,
      summary: data.summary,
      body_markdown: data.body,
      status: data.status,
      published_at: data.publishAt,
      image_alt: data.imageAlt,
    };
    return { fields, seen: data.updatedAt, values };
  }

  const slugTaken = (c: Ctx, post: NewsPost | undefined, values: FormValues) =>
    postForm(c, post, { errors: { slug: c.get('m').contentAdmin.slugTaken }, values, status: 422 });

  const loadPost = async (c: Ctx) => news.find(c.req.param('postId') ?? '');

  routes.get('/:locale/admin/news', 'admin', (c) => newsList(c));
  routes.get('/:locale/admin/news/new', 'admin', (c) => postForm(c, undefined));

  routes.post('/:locale/admin/news', 'admin', async (c) => {
    const read = await readPost(c, undefined);
    if ('page' in read) return read.page;
    const saved = await news.create(randomUUID(), read.fields, services.now());
    if (!saved.ok) return slugTaken(c, undefined, read.values);
    await record(c, 'news-saved', saved.id, { status: read.fields.status });
    return c.redirect(`/${c.get('locale')}/admin/news/${saved.id}?notice=saved`, 303);
  });

  routes.get('/:locale/admin/news/:postId', 'admin', async (c) => {
    const post = await loadPost(c);
    return post ? postForm(c, post) : renderNotFound(c);
  });

  routes.post('/:locale/admin/news/:postId', 'admin', async (c) => {
    const post = await loadPost(c);
    if (!post) return renderNotFound(c);
    const read = await readPost(c, post);
    if ('page' in read) return read.page;
    const saved = await news.update(post.id, read.seen, read.fields, services.now());
    if (!saved.ok && saved.reason === 'slug-taken') return slugTaken(c, post, read.values);
    if (!saved.ok) {
      // Someone saved first: show their version above, keep this admin's text in the form.
      const current = (await loadPost(c)) ?? post;
      return postForm(c, current, {
        values: { ...read.values, updatedAt: current.updated_at },
        problem: c.get('m').contentAdmin.conflict,
        status: 409,
      });
    }
    await record(c, 'news-saved', post.id, { status: read.fields.status });
    return c.redirect(`/${c.get('locale')}/admin/news/${post.id}?notice=saved`, 303);
  });

  routes.post(
    '/:locale/admin/news/:postId/image',
    'admin',
    uploadLimit(maximumPictureBytes, (m) => m.contentAdmin.imageTooLarge),
    async (c) => {
      const post = await loadPost(c);
      if (!post) return renderNotFound(c);
      return storePicture(
        c,
        'image',
        (state) => postForm(c, post, state),
        async (stored) => {
          await news.setImage(post.id, stored, services.now());
          await record(c, 'news-image-saved', post.id);
          return `/${c.get('locale')}/admin/news/${post.id}?notice=image-saved`;
        },
      );
    },
  );

  routes.post('/:locale/admin/news/:postId/image/remove', 'admin', async (c) => {
    const post = await loadPost(c);
    if (!post) return renderNotFound(c);
    await news.setImage(post.id, null, services.now());
    await record(c, 'news-image-removed', post.id);
    return c.redirect(`/${c.get('locale')}/admin/news/${post.id}?notice=saved`, 303);
  });

  routes.post('/:locale/admin/news/:postId/delete', 'admin', async (c) => {
    const post = await loadPost(c);
    if (!post || !(await news.remove(post.id))) return renderNotFound(c);
    await record(c, 'news-deleted', post.id, { title: post.title });
    return c.redirect(`/${c.get('locale')}/admin/news?notice=deleted`, 303);
  });

  // A post's image is public once the post is; admins also see it while they prepare the post.
  routes.get('/news-images/:postId', 'public', async (c) => {
    const post = await loadPost(c);
    if (!post?.image_key || !post.image_type) return c.notFound();
    const published = postVisibility(post, services.now()) === 'published';
    if (!published && !accessFor(c, 'admin').allowed) return c.notFound();
    const bytes = await files.get(post.image_key);
    if (!bytes) return c.notFound();
    return servePicture(c, bytes, post.image_type, published ? 'public, max-age=300' : 'private, no-store');
  });

  // Partners.

  const partnerList = async (c: Ctx, state: FormState = {}) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const list = await partners.list();
    const notice = { deleted: m.contentAdmin.partnerDeleted }[c.req.query('notice') ?? ''];
    return page(
      c,
      { title: m.contentAdmin.partnersTitle, indexable: false, status: state.status ?? 200 },
      <>
        <AdminNav locale={locale} m={m} />
        {notice ? <Notice>{notice}</Notice> : null}
        <PageHeader title={m.contentAdmin.partnersTitle} lead={m.contentAdmin.partnersLead} />
        {list.length === 0 ? (
          <p>{m.contentAdmin.noPartners}</p>
        ) : (
          <ul class="plain-list">
            {list.map((partner) => (
              <li>
                {partner.sort_order}. <a href={`/${locale}/admin/partners/${partner.id}`}>{partner.name}</a>{' '}
                <span class="muted">{m.partners.kinds[partner.kind] ?? partner.kind}</span>
              </li>
            ))}
          </ul>
        )}
        <section class="card" aria-labelledby="new-partner-title">
          <h2 id="new-partner-title">{m.contentAdmin.newPartner}</h2>
          <PartnerForm
            c={c}
            action={`/${locale}/admin/partners`}
            state={state}
            values={state.values ?? { sortOrder: String(list.length) }}
          />
        </section>
      </>,
    );
  };

  function PartnerForm({
    c,
    action,
    state,
    values,
  }: {
    c: Ctx;
    action: string;
    state: FormState;
    values: FormValues;
  }) {
    const m = c.get('m');
    return (
      <PostForm
        action={action}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.contentAdmin.savePartner}
      >
        <input type="hidden" name="updatedAt" value={values['updatedAt'] ?? ''} />
        <Field
          name="name"
          label={m.contentAdmin.partnerName}
          maxLength={120}
          errors={state.errors}
          values={values}
        />
        <Field
          name="url"
          label={m.contentAdmin.partnerUrl}
          type="url"
          maxLength={2000}
          errors={state.errors}
          values={values}
        />
        <SelectField
          name="kind"
          label={m.contentAdmin.partnerKind}
          options={partnerKinds.map((value) => ({ value, label: m.partners.kinds[value] ?? value }))}
          selected={values['kind']}
        />
        <Field
          name="descriptionEn"
          label={m.contentAdmin.descriptionEn}
          multiline
          maxLength={1000}
          errors={state.errors}
          values={values}
        />
        <Field
          name="descriptionDe"
          label={m.contentAdmin.descriptionDe}
          multiline
          maxLength={1000}
          errors={state.errors}
          values={values}
        />
        <Field
          name="sortOrder"
          label={m.contentAdmin.sortOrder}
          hint={m.contentAdmin.sortOrderHint}
          inputMode="numeric"
          maxLength={3}
          errors={state.errors}
          values={values}
        />
      </PostForm>
    );
  }

  const partnerPage = async (c: Ctx, partner: Partner, state: FormState = {}) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const base = `/${locale}/admin/partners/${partner.id}`;
    const notices: Record<string, string> = {
      saved: m.contentAdmin.partnerSaved,
      'logo-saved': m.contentAdmin.logoSaved,
    };
    const notice = notices[c.req.query('notice') ?? ''];
    return page(
      c,
      { title: m.contentAdmin.editPartner(partner.name), indexable: false, status: state.status ?? 200 },
      <>
        <AdminNav locale={locale} m={m} />
        {notice ? <Notice>{notice}</Notice> : null}
        {state.problem ? <Notice tone="warning">{state.problem}</Notice> : null}
        <p>
          <a href={`/${locale}/admin/partners`}>← {m.contentAdmin.partnersTitle}</a>
        </p>
        <PageHeader title={m.contentAdmin.editPartner(partner.name)} />
        <PartnerForm c={c} action={base} state={state} values={state.values ?? partnerValues(partner)} />
        <section class="card" aria-labelledby="logo-title">
          <h2 id="logo-title">{m.contentAdmin.logo}</h2>
          {partner.logo_key ? (
            <>
              <img
                src={`/partner-logos/${partner.id}`}
                alt={m.contentAdmin.logoAlt(partner.name)}
                class="partner-logo"
              />
              <ButtonForm action={`${base}/logo/remove`} label={m.contentAdmin.removeLogo} look="secondary" />
            </>
          ) : null}
          <UploadForm
            action={`${base}/logo`}
            name="logo"
            label={m.contentAdmin.logo}
            accept="image/png,image/jpeg,image/webp"
            buttonLabel={m.contentAdmin.uploadLogo}
          />
        </section>
        <ButtonForm action={`${base}/delete`} label={m.contentAdmin.deletePartner} look="danger" />
      </>,
    );
  };

  async function readPartner(c: Ctx, onError: (state: FormState) => Promise<Response>) {
    const body = await c.req.parseBody();
    const values = valuesOf(body);
    const form = parseForm(partnerSchema(c.get('m')), body);
    if (!form.ok) return { page: await onError({ errors: form.errors, values, status: 422 }) };
    const { data } = form;
    const fields: PartnerFields = {
      name: data.name,
      url: data.url,
      kind: data.kind,
      description_en: data.descriptionEn,
      description_de: data.descriptionDe,
      sort_order: data.sortOrder,
    };
    return { fields, seen: data.updatedAt, values };
  }

  const loadPartner = (c: Ctx) => partners.find(c.req.param('partnerId') ?? '');

  routes.get('/:locale/admin/partners', 'admin', (c) => partnerList(c));

  routes.post('/:locale/admin/partners', 'admin', async (c) => {
    const read = await readPartner(c, (state) => partnerList(c, state));
    if ('page' in read) return read.page;
    const id = randomUUID();
    await partners.insert({ id, ...read.fields, updated_at: services.now().toISOString() });
    await record(c, 'partner-saved', id, { name: read.fields.name });
    return c.redirect(`/${c.get('locale')}/admin/partners/${id}?notice=saved`, 303);
  });

  routes.get('/:locale/admin/partners/:partnerId', 'admin', async (c) => {
    const partner = await loadPartner(c);
    return partner ? partnerPage(c, partner) : renderNotFound(c);
  });

  routes.post('/:locale/admin/partners/:partnerId', 'admin', async (c) => {
    const partner = await loadPartner(c);
    if (!partner) return renderNotFound(c);
    const read = await readPartner(c, (state) => partnerPage(c, partner, state));
    if ('page' in read) return read.page;
    if (!(await partners.update(partner.id, read.seen, read.fields, services.now()))) {
      const current = (await loadPartner(c)) ?? partner;
      return partnerPage(c, current, {
        values: { ...read.values, updatedAt: current.updated_at },
        problem: c.get('m').contentAdmin.conflict,
        status: 409,
      });
    }
    await record(c, 'partner-saved', partner.id, { name: read.fields.name });
    return c.redirect(`/${c.get('locale')}/admin/partners/${partner.id}?notice=saved`, 303);
  });

  routes.post(
    '/:locale/admin/partners/:partnerId/logo',
    'admin',
    uploadLimit(maximumPictureBytes, (m) => m.contentAdmin.imageTooLarge),
    async (c) => {
      const partner = await loadPartner(c);
      if (!partner) return renderNotFound(c);
      return storePicture(
        c,
        'logo',
        (state) => partnerPage(c, partner, state),
        async (stored) => {
          await partners.setLogo(partner.id, stored, services.now());
          await record(c, 'partner-logo-saved', partner.id);
          return `/${c.get('locale')}/admin/partners/${partner.id}?notice=logo-saved`;
        },
      );
    },
  );

  routes.post('/:locale/admin/partners/:partnerId/logo/remove', 'admin', async (c) => {
    const partner = await loadPartner(c);
    if (!partner) return renderNotFound(c);
    await partners.setLogo(partner.id, null, services.now());
    await record(c, 'partner-logo-removed', partner.id);
    return c.redirect(`/${c.get('locale')}/admin/partners/${partner.id}?notice=saved`, 303);
  });

  routes.post('/:locale/admin/partners/:partnerId/delete', 'admin', async (c) => {
    const partner = await loadPartner(c);
    if (!partner || !(await partners.remove(partner.id))) return renderNotFound(c);
    await record(c, 'partner-deleted', partner.id, { name: partner.name });
    return c.redirect(`/${c.get('locale')}/admin/partners?notice=deleted`, 303);
  });

  routes.get('/partner-logos/:partnerId', 'public', async (c) => {
    const partner = await loadPartner(c);
    if (!partner?.logo_key || !partner.logo_type) return c.notFound();
    const bytes = await files.get(partner.logo_key);
    if (!bytes) return c.notFound();
    return servePicture(c, bytes, partner.logo_type, 'public, max-age=300');
  });
}
