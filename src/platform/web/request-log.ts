import type { Context } from 'hono';
import { routePath } from 'hono/route';

/** Route parameters that hold a secret (a reviewer invitation's one-time token): never written to a log. */
const secretParameters = new Set([':token']);

/**
 * The path a request is logged under: as requested, except that a segment the route names as a secret is
 * replaced by the parameter's name. Query strings are never logged (they carry one-time tokens); an
 * invitation link carries its token in the path, and whoever reads the log could otherwise accept it.
 */
export function pathForLog(path: string, pattern: string): string {
  const names = pattern.split('/');
  if (!names.some((name) => secretParameters.has(name))) return path;
  return path
    .split('/')
    .map((segment, index) => {
      const name = names[index] ?? '';
      return secretParameters.has(name) ? name : segment;
    })
    .join('/');
}

/** `pathForLog` of the request the context answered (after the route ran, so its pattern is known). */
export function loggedPath(c: Context): string {
  return pathForLog(c.req.path, routePath(c));
}
