import { randomUUID } from 'node:crypto';
import { postVisibility } from './rules';
import type { NewsPost } from '../../platform/db/schema';
import type { PostFields } from './news-store';
import { postSchema } from './schemas';
import { bodyLimitOf, fieldLimits, parseForm, valuesOf, type FormValues } from '../../platform/web/forms';
import { servePicture } from '../../platform/web/pictures';
import { accessFor, signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { renderNotFound } from '../../platform/web/views/error-page';
import { registerPictureRoutes, type Ctx } from './admin-parts';
import { createPost, deletePost, setPostImage, updatePost, type PostSaved } from './news-actions';
import { newsListPage, postPage } from './pages/news-pages';

/** A post's body may be 50,000 characters: well beyond an ordinary form's limit. */
const postBodyLimit = bodyLimitOf((m) => postSchema(m, new Date()));

/** News posts written by admins: drafts, scheduled and published, with an image; every change audited. */
export function registerNewsAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { news, files } = services;
  const postForm = (c: Ctx, post: NewsPost | undefined, state = {}) =>
    postPage(c, post, services.now(), state);
  const loadPost = async (c: Ctx) => news.find(c.req.param('postId') ?? '');

  /** Validates a post form: the fields to store, or the page that explains what is wrong. */
  async function readPost(c: Ctx, post: NewsPost | undefined) {
    const body = await c.req.parseBody();
    const schema = postSchema(c.get('m'), services.now());
    const values = valuesOf(body, fieldLimits(schema));
    const form = parseForm(schema, body);
    if (!form.ok) return { page: await postForm(c, post, { errors: form.errors, values, status: 422 }) };
    const { data } = form;
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

  /** The answer to a save: the post's page, or its form again with what stopped the save. */
  async function afterSave(c: Ctx, post: NewsPost | undefined, values: FormValues, saved: PostSaved) {
    const m = c.get('m');
    const invalid = (field: string, message: string) =>
      postForm(c, post, { errors: { [field]: message }, values, status: 422 });
    switch (saved.kind) {
      case 'saved':
        return c.redirect(`/${c.get('locale')}/admin/news/${saved.id}?notice=saved`, 303);
      case 'not-found':
        return renderNotFound(c);
      case 'slug-taken':
        return invalid('slug', m.contentAdmin.slugTaken);
      case 'alt-required':
        return invalid('imageAlt', m.validation.required);
      case 'conflict': {
        // Someone saved first: show their version above, keep this admin's text in the form.
        const current = (await loadPost(c)) ?? post;
        const seen = { updatedAt: current?.updated_at ?? '' };
        return postForm(c, current, {
          values: { ...values, ...seen },
          problem: m.contentAdmin.conflict,
          status: 409,
        });
      }
    }
  }

  routes.get('/:locale/admin/news', 'admin', async (c) =>
    newsListPage(c, await news.listAll(), services.now()),
  );
  routes.get('/:locale/admin/news/new', 'admin', (c) => postForm(c, undefined));

  routes.post('/:locale/admin/news', 'admin', postBodyLimit, async (c) => {
    const read = await readPost(c, undefined);
    if ('page' in read) return read.page;
    const saved = await createPost(services, signedInPrincipal(c), { id: randomUUID(), fields: read.fields });
    return afterSave(c, undefined, read.values, saved);
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
    const edit = { id: post.id, seen: read.seen, fields: read.fields };
    return afterSave(c, post, read.values, await updatePost(services, signedInPrincipal(c), edit));
  });

  registerPictureRoutes(routes, services, {
    path: '/:locale/admin/news/:postId/image',
    field: 'image',
    load: loadPost,
    explain: (c, post, state) => postForm(c, post, state),
    setPicture: (actor, postId, image) => setPostImage(services, actor, postId, image),
    pageOf: (c, post) => `/${c.get('locale')}/admin/news/${post.id}`,
  });

  routes.post('/:locale/admin/news/:postId/delete', 'admin', async (c) => {
    const result = await deletePost(services, signedInPrincipal(c), c.req.param('postId') ?? '');
    if (result.kind === 'not-found') return renderNotFound(c);
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
