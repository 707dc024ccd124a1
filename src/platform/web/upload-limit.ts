import type { Messages } from '../../messages/en';
import type { BodyLimit } from './routing';

/**
 * The body limit of a route that takes one upload of up to `maximumBytes` (plus room for the form's
 * other fields), refused before it is buffered. Smaller limits of a single route are checked after
 * parsing, so their message appears beside the field with the rest of the page intact.
 */
export function uploadLimit(maximumBytes: number, message: (m: Messages) => string): BodyLimit {
  return { maxBytes: maximumBytes + 64 * 1024, message };
}
