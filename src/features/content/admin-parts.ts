import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import type { FieldErrors, FormValues } from '../../platform/web/forms';
import { maximumPictureBytes } from '../../platform/storage/picture-types';
import { readPicture } from '../../platform/web/pictures';
import type { RouteRegistry } from '../../platform/web/routing';
import { uploadLimit } from '../../platform/web/upload-limit';
import { renderNotFound } from '../../platform/web/views/error-page';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';

/** What the program's content pages (news posts, partners) share: form state, audit, pictures. */
export type Ctx = Context<AppEnv>;

export interface FormState {
  errors?: FieldErrors;
  values?: FormValues;
  /** Shown above the form: a conflict, or a problem with an upload. */
  problem?: string;
  status?: 409 | 413 | 422;
}

/** Every change to the program's content is on the audit record, with the admin who made it. */
export function recordChange(
  services: AppServices,
  c: Ctx,
  action: string,
  subjectId: string,
  details: Record<string, unknown> = {},
) {
  return services.audit.append({ actorId: currentUser(c).id, action, subjectId, details }, services.now());
}

/**
 * Reads an uploaded picture; a problem is explained on the item's page (`explain`), a good picture is
 * stored and handed to `attach`, which answers where to go next.
 */
async function storePicture(
  services: AppServices,
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
  const key = await services.files.put(picture.bytes);
  return c.redirect(await attach({ key, type: picture.type }), 303);
}

/**
 * The two routes every content item with a picture has: upload one (`path`, under the shared upload
 * ceiling) and remove it (`path/remove`). Both are admin-only and audited.
 */
export function registerPictureRoutes<Item extends { id: string }>(
  routes: RouteRegistry,
  services: AppServices,
  spec: {
    path: string;
    field: string;
    load: (c: Ctx) => Promise<Item | undefined>;
    explain: (c: Ctx, item: Item, state: FormState) => Promise<Response>;
    attach: (itemId: string, picture: { key: string; type: string } | null, now: Date) => Promise<void>;
    /** The stored picture the item has now, released once it is replaced or removed. */
    pictureOf: (item: Item) => string | null;
    auditPrefix: string;
    pageOf: (c: Ctx, item: Item) => string;
  },
): void {
  routes.post(
    spec.path,
    'admin',
    uploadLimit(maximumPictureBytes, (m) => m.contentAdmin.imageTooLarge),
    async (c) => {
      const item = await spec.load(c);
      if (!item) return renderNotFound(c);
      return storePicture(
        services,
        c,
        spec.field,
        (state) => spec.explain(c, item, state),
        async (stored) => {
          await spec.attach(item.id, stored, services.now());
          await services.releaseFiles([spec.pictureOf(item)]);
          await recordChange(services, c, `${spec.auditPrefix}-saved`, item.id);
          return `${spec.pageOf(c, item)}?notice=picture-saved`;
        },
      );
    },
  );

  routes.post(`${spec.path}/remove`, 'admin', async (c) => {
    const item = await spec.load(c);
    if (!item) return renderNotFound(c);
    await spec.attach(item.id, null, services.now());
    await services.releaseFiles([spec.pictureOf(item)]);
    await recordChange(services, c, `${spec.auditPrefix}-removed`, item.id);
    return c.redirect(`${spec.pageOf(c, item)}?notice=saved`, 303);
  });
}
