import type { Principal } from '../../platform/auth/access';
import {
  ChangeRefused,
  contentChange,
  notFound,
  type ContentDependencies,
  type StoredPicture,
} from './change';
import { createNewsRepository, type PostFields } from './news-store';

export type PostSaved =
  | { kind: 'saved'; id: string }
  | { kind: 'not-found' }
  /** Another post in the same language has this address. */
  | { kind: 'slug-taken' }
  /** Someone saved the post since this admin opened it. */
  | { kind: 'conflict' }
  /** A post with an image must describe it for those who cannot see it. */
  | { kind: 'alt-required' };

/** Writes a new post (a draft, or published from its time on) with its audit entry. */
export function createPost(
  deps: ContentDependencies,
  actor: Principal,
  post: { id: string; fields: PostFields },
): Promise<PostSaved> {
  return contentChange<PostSaved>(deps, actor, async ({ trx, now, record }) => {
    // The (locale, slug) unique constraint is the one check: no read-then-write race.
    const saved = await createNewsRepository(trx).create(post.id, post.fields, now);
    if (!saved.ok) throw new ChangeRefused<PostSaved>({ kind: 'slug-taken' });
    await record('news-saved', post.id, { status: post.fields.status });
    return { result: { kind: 'saved', id: post.id } };
  });
}

/** Saves an edited post, publishing or withdrawing it, unless someone saved it since `seen`. */
export function updatePost(
  deps: ContentDependencies,
  actor: Principal,
  edit: { id: string; seen: string; fields: PostFields },
): Promise<PostSaved> {
  return contentChange<PostSaved>(deps, actor, async ({ trx, now, record }) => {
    const news = createNewsRepository(trx);
    const post = await news.find(edit.id);
    if (!post) return { result: notFound };
    if (post.image_key && !edit.fields.image_alt) return { result: { kind: 'alt-required' } };
    const saved = await news.update(post.id, edit.seen, edit.fields, now);
    if (!saved.ok && saved.reason === 'slug-taken')
      throw new ChangeRefused<PostSaved>({ kind: 'slug-taken' });
    if (!saved.ok) return { result: { kind: 'conflict' } };
    await record('news-saved', post.id, { status: edit.fields.status });
    return { result: { kind: 'saved', id: post.id } };
  });
}

export function deletePost(
  deps: ContentDependencies,
  actor: Principal,
  postId: string,
): Promise<{ kind: 'deleted' } | { kind: 'not-found' }> {
  return contentChange<{ kind: 'deleted' }>(deps, actor, async ({ trx, record }) => {
    const news = createNewsRepository(trx);
    const post = await news.find(postId);
    if (!post || !(await news.remove(post.id))) return { result: notFound };
    await record('news-deleted', post.id, { title: post.title });
    return { result: { kind: 'deleted' }, released: [post.image_key] };
  });
}

/** Gives a post its image (or removes it); the image it had is let go of. */
export function setPostImage(
  deps: ContentDependencies,
  actor: Principal,
  postId: string,
  image: StoredPicture,
): Promise<{ kind: 'saved' } | { kind: 'not-found' }> {
  return contentChange<{ kind: 'saved' }>(deps, actor, async ({ trx, now, record }) => {
    const news = createNewsRepository(trx);
    const post = await news.find(postId);
    if (!post) return { result: notFound };
    await news.setImage(post.id, image, now);
    await record(image ? 'news-image-saved' : 'news-image-removed', post.id);
    return { result: { kind: 'saved' }, released: [post.image_key] };
  });
}
