import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const gzipAsync = promisify(gzip);
const compressible = /^(text\/|application\/(json|javascript|atom\+xml|xml)|image\/svg\+xml)/;

/**
 * Whether a client takes gzip (RFC 9110 12.5.3): it names gzip in Accept-Encoding without `q=0`. One
 * reading for the compression middleware and the answers kept in front of the app, so they never differ.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  return header.split(',').some((entry) => {
    const [coding = '', ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    const refused = parameters.some((parameter) => /^q=0(\.0{0,3})?$/.test(parameter));
    return coding === 'gzip' && !refused;
  });
}

/** The size from which a text body is worth gzipping (answers made in front of the app follow it too). */
export const compressionThreshold = 1024;

/**
 * Gzips text responses above `threshold` bytes for clients that accept it, with node:zlib on the whole
 * body. Measured here: hono/compress (web CompressionStream) cut the API's throughput to 0.4 of
 * uncompressed and left a database error unhandled during an outage; zlib on the finished body does neither.
 */
export function compression(threshold = compressionThreshold): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const response = c.res;
    if (!acceptsGzip(c.req.header('accept-encoding'))) return;
    // Static assets are compressed once at build time (scripts/build.mjs) and served precompressed.
    if (c.req.path.startsWith('/assets/')) return;
    if (!response.body || response.headers.has('content-encoding')) return;
    if (!compressible.test(response.headers.get('content-type') ?? '')) return;
    // An answer that states a length under the threshold goes out as it is, unread (see statedJson).
    const stated = response.headers.get('content-length');
    if (stated !== null && Number(stated) < threshold) {
      response.headers.append('Vary', 'Accept-Encoding');
      return;
    }
    const body = new Uint8Array(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    headers.append('Vary', 'Accept-Encoding');
    if (body.length < threshold) {
      c.res = new Response(body, { status: response.status, headers });
      return;
    }
    const compressed = await gzipAsync(body);
    headers.set('Content-Encoding', 'gzip');
    headers.set('Content-Length', String(compressed.length));
    const etag = headers.get('etag');
    if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    c.res = new Response(compressed, { status: response.status, headers });
  };
}

/**
 * JSON with its length stated, for small answers sent often (an autosave's): the compression middleware
 * can then pass them on without turning the answer into a stream to measure it.
 */
export function statedJson(c: Context, value: unknown, status: ContentfulStatusCode): Response {
  const text = JSON.stringify(value);
  return c.body(text, status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
  });
}
