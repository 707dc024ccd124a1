import { raw } from 'hono/html';
import type { NewsPost } from '../../../platform/db/schema';
import { formatDateTime, locales, type Messages } from '../../../platform/i18n';
import { fieldLimits, type FormValues } from '../../../platform/web/forms';
import { renderMarkdown } from '../../../platform/web/markdown';
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
} from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { postStatuses, postVisibility } from '../rules';
import { postSchema } from '../schemas';
import type { Ctx, FormState } from '../admin-parts';

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

/** Every post, drafts and scheduled ones included, for admins. */
export function newsListPage(c: Ctx, posts: NewsPost[], now: Date) {
  const m = c.get('m');
  const locale = c.get('locale');
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
                  <td>{m.contentAdmin.visibility[postVisibility(post, now)]}</td>
                  <td>{formatDateTime(locale, post.published_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>,
  );
}

/** A new post's form, or an existing post's with its image, preview and delete button. */
export function postPage(c: Ctx, post: NewsPost | undefined, now: Date, state: FormState = {}) {
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
  const visible = post ? postVisibility(post, now) : 'draft';
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
      <PostFields m={m} action={base} now={now} state={state} values={values} updatedAt={post?.updated_at} />
      {post ? <PostExtras m={m} base={base} post={post} /> : null}
    </>,
  );
}

function PostFields(props: {
  m: Messages;
  action: string;
  now: Date;
  state: FormState;
  values: FormValues;
  updatedAt: string | undefined;
}) {
  const { m, state, values } = props;
  const limits = fieldLimits(postSchema(m, props.now));
  return (
    <PostForm
      action={props.action}
      errorTitle={m.errors.formProblems}
      errors={state.errors}
      submitLabel={m.contentAdmin.save}
    >
      <input type="hidden" name="updatedAt" value={props.updatedAt ?? ''} />
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
        maxLength={limits['slug']}
        errors={state.errors}
        values={values}
      />
      <Field
        name="title"
        label={m.contentAdmin.postTitle}
        maxLength={limits['title']}
        errors={state.errors}
        values={values}
      />
      <Field
        name="summary"
        label={m.contentAdmin.summary}
        hint={m.contentAdmin.summaryHint}
        maxLength={limits['summary']}
        errors={state.errors}
        values={values}
      />
      <Field
        name="body"
        label={m.contentAdmin.body}
        multiline
        maxLength={limits['body']}
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
        maxLength={limits['imageAlt']}
        errors={state.errors}
        values={values}
      />
    </PostForm>
  );
}

function PostExtras({ m, base, post }: { m: Messages; base: string; post: NewsPost }) {
  return (
    <>
      <section class="card" aria-labelledby="image-title">
        <h2 id="image-title">{m.contentAdmin.image}</h2>
        {post.image_key ? (
          <>
            <img src={`/news-images/${post.id}`} alt={post.image_alt} class="post-image" />
            <ButtonForm action={`${base}/image/remove`} label={m.contentAdmin.removeImage} look="secondary" />
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
  );
}
