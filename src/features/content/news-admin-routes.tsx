import { randomUUID } from 'node:crypto';
import { raw } from 'hono/html';
import { postStatuses, postVisibility } from './rules';
import type { NewsPost } from '../../platform/db/schema';
import { formatDateTime, locales } from '../../platform/i18n';
import type { PostFields } from './news-store';
import { postSchema } from './schemas';
import { bodyLimitOf, fieldLimits, parseForm, valuesOf, type FormValues } from '../../platform/web/forms';
import { renderMarkdown } from '../../platform/web/markdown';
import { servePicture } from '../../platform/web/pictures';
import { accessFor, type RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import {
  AdminNav,
  ButtonForm,
  Field,
  Notice,
  PageHeader,
  PostForm,
  SelectField,
  UploadForm,
  TableRegion,
} from '../../platform/web/views/components';
import { renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';
import { recordChange, registerPictureRoutes, type Ctx, type FormState } from './admin-parts';

/** The value a datetime field shows for a stored time: minutes, UTC, as the form reads it back. */
const timeField = (iso: string) => iso.slice(0, 16);

/** A post's body may be 50,000 characters: well beyond an ordinary form's limit. */
const postBodyLimit = bodyLimitOf((m) => postSchema(m, new Date()));

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

/** News posts written by admins: drafts, scheduled and published, with an image; every change audited. */
export function registerNewsAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { news, files } = services;

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
          <TableRegion label={m.contentAdmin.newsTitle}>
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
          </TableRegion>
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
      'picture-saved': m.contentAdmin.imageSaved,
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
    const schema = postSchema(m, services.now());
    const values = valuesOf(body, fieldLimits(schema));
    const form = parseForm(schema, body);
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

  routes.post('/:locale/admin/news', 'admin', postBodyLimit, async (c) => {
    const read = await readPost(c, undefined);
    if ('page' in read) return read.page;
    const saved = await news.create(randomUUID(), read.fields, services.now());
    if (!saved.ok) return slugTaken(c, undefined, read.values);
    await recordChange(services, c, 'news-saved', saved.id, { status: read.fields.status });
    return c.redirect(`/${c.get('locale')}/admin/news/${saved.id}?notice=saved`, 303);
  });

  routes.get('/:locale/admin/news/:postId', 'admin', async (c) => {
    const post = await loadPost(c);
    return post ? postForm(c, post) : renderNotFound(c);
  });

  routes.post('/:locale/admin/news/:postId', 'admin', postBodyLimit, async (c) => {
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
    await recordChange(services, c, 'news-saved', post.id, { status: read.fields.status });
    return c.redirect(`/${c.get('locale')}/admin/news/${post.id}?notice=saved`, 303);
  });

  registerPictureRoutes(routes, services, {
    path: '/:locale/admin/news/:postId/image',
    field: 'image',
    load: loadPost,
    explain: (c, post, state) => postForm(c, post, state),
    attach: news.setImage,
    pictureOf: (post) => post.image_key,
    auditPrefix: 'news-image',
    pageOf: (c, post) => `/${c.get('locale')}/admin/news/${post.id}`,
  });

  routes.post('/:locale/admin/news/:postId/delete', 'admin', async (c) => {
    const post = await loadPost(c);
    if (!post || !(await news.remove(post.id))) return renderNotFound(c);
    await services.releaseFiles([post.image_key]);
    await recordChange(services, c, 'news-deleted', post.id, { title: post.title });
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
}
