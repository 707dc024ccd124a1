import type { Context } from 'hono';
import type { AppEnv } from '../env';
import type { FieldErrors, FormValues } from '../forms';
import { readPicture } from '../pictures';
import type { AppServices } from '../services';
import { currentUser } from '../session';

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
export async function storePicture(
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
