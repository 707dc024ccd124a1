import type { Context } from 'hono';
import { detectPictureType, maximumPictureBytes, type PictureType } from '../storage/picture-types';
import type { AppEnv } from './env';

export type PictureUpload =
  | { ok: true; bytes: Uint8Array; type: PictureType }
  | { ok: false; problem: 'missing' | 'too-large' | 'type' };

/** Reads an uploaded picture from a multipart form field and checks its size and, from its bytes, its type. */
export async function readPicture(c: Context<AppEnv>, field: string): Promise<PictureUpload> {
  const upload = (await c.req.parseBody())[field];
  if (!(upload instanceof File) || upload.size === 0) return { ok: false, problem: 'missing' };
  if (upload.size > maximumPictureBytes) return { ok: false, problem: 'too-large' };
  const bytes = new Uint8Array(await upload.arrayBuffer());
  const type = detectPictureType(bytes);
  return type ? { ok: true, bytes, type } : { ok: false, problem: 'type' };
}

/**
 * Answers with a stored picture. Its type was read from the bytes at upload, so the browser can show
 * it; a sandbox CSP still keeps anything it might try to run away from the site's origin.
 */
export function servePicture(c: Context<AppEnv>, bytes: Uint8Array, type: string, cacheControl: string) {
  c.header('Content-Type', type);
  c.header('Content-Security-Policy', "default-src 'none'; sandbox");
  c.header('Cache-Control', cacheControl);
  return c.body(Buffer.from(bytes));
}
