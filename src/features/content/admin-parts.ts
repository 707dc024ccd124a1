import type { Context } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import type { FieldErrors, FormValues } from '../../platform/web/forms';
import { maximumPictureBytes } from '../../platform/storage/picture-types';
import { readPicture } from '../../platform/web/pictures';
import { signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import { uploadLimit } from '../../platform/web/upload-limit';
import { renderNotFound } from '../../platform/web/views/error-page';
import type { AppServices } from '../../app/services';
import type { Principal } from '../../platform/auth/access';
import type { StoredPicture } from './change';

/** What the program's content pages (news posts, partners) share: form state and pictures. */
export type Ctx = Context<AppEnv>;

export interface FormState {
  errors?: FieldErrors;
  values?: FormValues;
  /** Shown above the form: a conflict, or a problem with an upload. */
  problem?: string;
  status?: 409 | 413 | 422;
}

/**
 * Reads an uploaded picture; a problem is explained on the item's page (`explain`), a good picture is
 * stored and handed to `attach`, which answers the request.
 */
async function storePicture(
  services: AppServices,
  c: Ctx,
  field: string,
  explain: (state: FormState) => Response | Promise<Response>,
  attach: (stored: { key: string; type: string }) => Promise<Response>,
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
  return attach({ key, type: picture.type });
}

/**
 * The two routes every content item with a picture has: upload one (`path`, under the shared upload
 * ceiling) and remove it (`path/remove`). Both are admin-only; `setPicture` is the use case that records
 * the change with its audit entry.
 */
export function registerPictureRoutes<Item extends { id: string }>(
  routes: RouteRegistry,
  services: AppServices,
  spec: {
    path: string;
    field: string;
    load: (c: Ctx) => Promise<Item | undefined>;
    explain: (c: Ctx, item: Item, state: FormState) => Response | Promise<Response>;
    setPicture: (actor: Principal, itemId: string, picture: StoredPicture) => Promise<{ kind: string }>;
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
          const result = await spec.setPicture(signedInPrincipal(c), item.id, stored);
          if (result.kind !== 'saved') return renderNotFound(c);
          return c.redirect(`${spec.pageOf(c, item)}?notice=picture-saved`, 303);
        },
      );
    },
  );

  routes.post(`${spec.path}/remove`, 'admin', async (c) => {
    const item = await spec.load(c);
    if (!item) return renderNotFound(c);
    const result = await spec.setPicture(signedInPrincipal(c), item.id, null);
    if (result.kind !== 'saved') return renderNotFound(c);
    return c.redirect(`${spec.pageOf(c, item)}?notice=saved`, 303);
  });
}
