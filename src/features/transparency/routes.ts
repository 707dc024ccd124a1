import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import type { AppEnv } from '../../platform/web/env';
import { limitPublicReads } from '../../platform/web/rate-limits';
import type { AppServices } from '../../app/services';
import { consistencyJson, inclusionJson } from './proof-json';
import { parseTilePath, tileWidth } from './tiles';

const position = (name: string) =>
  z.coerce
    .number({ message: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be 0 or more`)
    .max(Number.MAX_SAFE_INTEGER, `${name} is too large`);

const EntriesQuery = z
  .object({ start: position('start'), end: position('end') })
  .refine((query) => query.start < query.end, { message: 'start must be below end' })
  .refine((query) => query.end - query.start <= 1000, { message: 'at most 1000 entries per request' });
const InclusionQuery = z
  .object({ index: position('index'), size: position('size') })
  .refine((query) => query.index < query.size, { message: 'index must be below size' });
const ConsistencyQuery = z
  .object({ first: position('first'), second: position('second') })
  .refine((query) => query.first >= 1 && query.first <= query.second, {
    message: 'first must be at least 1 and at most second',
  });

type Log = AppServices['transparencyLog'];

function badRequest(c: Context<AppEnv>, error: z.ZodError | RangeError) {
  const message =
    error instanceof z.ZodError ? error.issues.map((issue) => issue.message).join('; ') : error.message;
  return c.json({ error: 'Bad request', message }, 400);
}

/** Answers `work` as JSON; a size beyond the log (RangeError) is the client's mistake, a 400. */
async function proofOrBadRequest(c: Context<AppEnv>, work: () => Promise<object>) {
  try {
    return c.json(await work());
  } catch (error) {
    if (error instanceof RangeError) return badRequest(c, error);
    throw error;
  }
}

async function inclusionProof(c: Context<AppEnv>, log: Log) {
  const query = InclusionQuery.safeParse(c.req.query());
  if (!query.success) return badRequest(c, query.error);
  const { index, size } = query.data;
  return proofOrBadRequest(c, async () => inclusionJson(index, size, await log.inclusionProof(index, size)));
}

async function consistencyProof(c: Context<AppEnv>, log: Log) {
  const query = ConsistencyQuery.safeParse(c.req.query());
  if (!query.success) return badRequest(c, query.error);
  const { first, second } = query.data;
  return proofOrBadRequest(c, async () =>
    consistencyJson(first, second, await log.consistencyProof(first, second)),
  );
}

/** The scope the log's reads are counted in (shared with proof-fast-path.ts). */
export const logRateLimitScope = 'log';

const notFound = {
  error: 'Not found',
  message: 'The log serves /log/checkpoint, /log/key, /log/entries, /log/proof/… and /log/tile/….',
};

/**
 * A C2SP tlog-tiles tile or entry bundle of the signed tree. A full one never changes, so caches may keep
 * it for good; a partial one is replaced by a wider one as the log grows, so it is kept only briefly.
 */
async function tile(c: Context<AppEnv>, log: Log) {
  // The address as sent, not percent-decoded: a tile has one spelling, so a cache keeping full tiles for
  // good never holds one under several ("%30%30%30" for "000").
  const sent = new URL(c.req.url).pathname;
  const wanted = parseTilePath(sent.slice(sent.indexOf('/tile/') + 1));
  const body = wanted ? await log.tile(wanted.level, wanted.index, wanted.width) : undefined;
  if (!wanted || !body)
    return c.json({ error: 'Not found', message: 'The signed tree has no such tile.' }, 404);
  c.header('Content-Type', 'application/octet-stream');
  c.header(
    'Cache-Control',
    wanted.width === tileWidth ? 'public, max-age=31536000, immutable' : 'public, max-age=10',
  );
  return c.body(new Uint8Array(body));
}

/**
 * The transparency log over HTTP, in the shapes transparency-log tooling expects: the signed
 * checkpoint as a C2SP note, the verifier key, entries, and RFC 9162 inclusion and consistency proofs
 * (hashes in base64). Public, read-only, CORS for GET and rate-limited like the open data API.
 */
export function createLogRoutes(services: AppServices) {
  const { transparencyLog: log, config, rateLimits, rateLimitCounters } = services;
  const routes = new Hono<AppEnv>();
  routes.use('*', cors({ origin: '*', allowMethods: ['GET'], credentials: false }));
  routes.use('*', limitPublicReads(rateLimits.api, logRateLimitScope, config.trustProxy, rateLimitCounters));

  routes.get('/checkpoint', async (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.text(await log.checkpoint());
  });

  routes.get('/key', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.text(`${log.verifierKey}\n`);
  });

  routes.get('/entries', async (c) => {
    const query = EntriesQuery.safeParse(c.req.query());
    if (!query.success) return badRequest(c, query.error);
    return c.json({ entries: await log.entries(query.data.start, query.data.end) });
  });

  routes.get('/proof/inclusion', (c) => inclusionProof(c, log));
  routes.get('/proof/consistency', (c) => consistencyProof(c, log));
  routes.get('/tile/*', (c) => tile(c, log));
  routes.all('*', (c) => c.json(notFound, 404));
  return routes;
}

/** The log's routes, for the route registry and the authorization matrix (all public, read-only). */
export const logRoutes = [
  '/log/checkpoint',
  '/log/key',
  '/log/entries',
  '/log/proof/inclusion',
  '/log/proof/consistency',
  '/log/tile/*',
] as const;
