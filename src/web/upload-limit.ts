import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Messages } from '../i18n/en';
import type { AppEnv } from './env';
import { renderError } from './views/error-page';

/**
 * Refuses an upload whose body cannot fit `maximumBytes` (plus room for the form's other fields)
 * before it is buffered. Smaller limits of a single route are checked after parsing, so their message
 * appears beside the field with the rest of the page intact.
 */
export function uploadLimit(maximumBytes: number, message: (m: Messages) => string) {
  return bodyLimit({
    maxSize: maximumBytes + 64 * 1024,
    onError: (c) => {
      const ctx = c as Context<AppEnv>;
      return renderError(ctx, 413, ctx.get('m').errors.title, message(ctx.get('m')));
    },
  });
}
