import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../../platform/web/env';
import { limitPublicReads } from '../../platform/web/rate-limits';
import type { AppServices } from '../../app/services';

/** The media type of a credential secured as a JWT (W3C VC-JOSE-COSE). */
export const credentialMediaType = 'application/vc+jwt';

const notFound = { error: 'Not found', message: 'No credential or status list has this address.' };

type Credentials = AppServices['credentials'];

/** A signed status list: short-lived in caches, since a suspension must show within seconds. */
async function statusList(c: Context<AppEnv>, credentials: Credentials) {
  const jwt = await credentials.statusListJwt(Number(c.req.param('list')));
  if (!jwt) return c.json(notFound, 404);
  c.header('Content-Type', credentialMediaType);
  c.header('Cache-Control', 'public, max-age=5');
  return c.body(jwt);
}

/** A certification's signed credential, as a download; it never changes once issued. */
async function credential(c: Context<AppEnv>, credentials: Credentials) {
  const id = c.req.param('certificationId') ?? '';
  const jwt = await credentials.jwtFor(id);
  if (!jwt) return c.json(notFound, 404);
  c.header('Content-Type', credentialMediaType);
  c.header('Content-Disposition', `attachment; filename="trustmark-credential-${id}.jwt"`);
  c.header('Cache-Control', 'public, max-age=86400, immutable');
  return c.body(jwt);
}

/**
 * What a verifier needs from the issuer, and nothing else: the public keys (as a DID document and a
 * JWKS), each certification's signed credential, and the signed status lists. Public, read-only, CORS
 * for GET, rate-limited like the open data API. Registered per path, since these live at the root.
 */
export function createCredentialRoutes(services: AppServices) {
  const { credentials, config } = services;
  const routes = new Hono<AppEnv>();
  const allowAnyOrigin = cors({ origin: '*', allowMethods: ['GET'], credentials: false });
  const limit = limitPublicReads(
    services.rateLimits.api,
    'credentials',
    config.trustProxy,
    services.rateLimitCounters,
  );
  // Per path, not '*': mounted at the root, a catch-all would reach every page of the site.
  for (const path of credentialRoutes) routes.use(path, allowAnyOrigin, limit);

  routes.get('/.well-known/jwks.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(credentials.jwks());
  });

  routes.get('/.well-known/did.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(credentials.didDocument());
  });

  routes.get('/credentials/status/:list', (c) => statusList(c, credentials));
  routes.get('/credentials/:certificationId', (c) => credential(c, credentials));
  return routes;
}

/** For the route registry and the authorization matrix: all public, read-only. */
export const credentialRoutes = [
  '/.well-known/jwks.json',
  '/.well-known/did.json',
  '/credentials/status/:list',
  '/credentials/:certificationId',
] as const;
