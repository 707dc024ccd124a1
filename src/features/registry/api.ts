import { gzipSync } from 'node:zlib';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import { cors } from 'hono/cors';
import { certificationStatuses, lastSearchPage, searchCountCap } from './rules';
import { productCategories } from '../products/rules';
import { registrySorts } from './rules';
import { publishedEntry } from './published';
import { supportFilterDate } from './label-rules';
import { acceptsGzip } from '../../platform/web/compression';
import { toCsv } from '../../platform/web/csv';
import type { AppEnv } from '../../platform/web/env';
import { limitPublicReads } from '../../platform/web/rate-limits';
import { apiRateLimitScope } from './api-fast-path';
import { createListRendering, openDataLicence } from './api-list';
import type { AppServices } from '../../app/services';
import { registerSecurityApi } from '../security-notices';

/** The licence of the exports as an RFC 8288 link, which tools read without parsing the file. */
const licenceLink = `<${openDataLicence.url}>; rel="license"`;

const ErrorSchema = z
  .object({ error: z.string().openapi({ example: 'Not found' }), message: z.string() })
  .openapi('Error');

const CertificationSchema = z
  .object({
    id: z.string(),
    url: z.string().openapi({ description: 'The registry page' }),
    badge: z.string().openapi({ description: 'The live SVG badge' }),
    status: z.enum(certificationStatuses),
    statusReason: z.string(),
    product: z.object({
      name: z.string(),
      category: z.string(),
      modelNumbers: z.array(z.string()),
      webPage: z.string(),
      description: z.string(),
      firmwareVersion: z.string(),
      securityUpdatesUntil: z.string(),
      securityUpdatesEnded: z
        .boolean()
        .openapi({ description: 'True once the promised support period is over' }),
    }),
    company: z.object({ name: z.string(), slug: z.string() }),
    criteriaVersion: z.number().int(),
    issuedAt: z.string(),
    validUntil: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Certification');

const AnswerSchema = z
  .object({
    criterionId: z.string(),
    status: z.string().nullable(),
    explanation: z.string(),
    links: z.array(z.object({ title: z.string(), url: z.string() })),
  })
  .openapi('PublishedAnswer');

const CertificationDetailSchema = CertificationSchema.extend({ answers: z.array(AnswerSchema) }).openapi(
  'CertificationDetail',
);

/** "must be one of a, b, c": the message a person reading a 400 can act on. */
const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });
const pageMessage = { message: 'must be a whole number from 1 to 10000' };

const ListQuerySchema = z.object({
  q: z
    .string()
    .max(200, 'must be at most 200 characters')
    .optional()
    .openapi({ description: 'Words that must all appear (prefix match)' }),
  category: z.enum(productCategories, oneOf(productCategories)).optional(),
  company: z
    .string()
    .max(100, 'must be at most 100 characters')
    .optional()
    .openapi({ description: 'Company slug' }),
  status: z.enum(certificationStatuses, oneOf(certificationStatuses)).optional(),
  updatedSince: z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 date and time, such as 2026-11-01T00:00:00Z' })
    .optional()
    .openapi({ description: 'ISO 8601 date and time' }),
  openness: z.coerce
    .number('must be 1, 2 or 3')
    .int('must be 1, 2 or 3')
    .min(1, 'must be 1, 2 or 3')
    .max(3, 'must be 1, 2 or 3')
    .optional()
    .openapi({
      description:
        'At least this openness level of the published answers: 1 some openness criteria met, 2 every recommended one, 3 every one',
    }),
  updatesUntil: z.coerce
    .number('must be a year such as 2030')
    .int('must be a year such as 2030')
    .min(2000, 'must be a year such as 2030')
    .max(2200, 'must be a year such as 2030')
    .optional()
    .openapi({ description: 'Security updates promised at least until the end of this year' }),
  sort: z.enum(registrySorts, oneOf(registrySorts)).optional().openapi({
    description:
      'relevance (the default) lists the newest certifications first when q is given, else by name; name, newest and valid-until as named; support-end the longest security updates first; ties by id',
  }),
  page: z.coerce
    .number(pageMessage)
    .int(pageMessage)
    .min(1, pageMessage)
    .max(10_000, pageMessage)
    .optional()
    .default(1)
    .openapi({
      description: `Pages list the first ${searchCountCap} results of a search at most (later pages are refused with 400, even where total counts more); the whole registry is in /api/v1/export.json and export.csv, and a client keeping a copy asks with updatedSince for what changed`,
    }),
});

const ListSchema = z
  .object({
    total: z
      .number()
      .int()
      .openapi({
        description: `How many certifications match: exact for the whole registry without words or filters and wherever at most ${searchCountCap} match; otherwise ${searchCountCap} with totalIsLowerBound true`,
      }),
    totalIsLowerBound: z.boolean().openapi({
      description: `True when more than total match: refine the query to see them, as pages end after the first ${searchCountCap}`,
    }),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(CertificationSchema),
    licence: z.string(),
  })
  .openapi('CertificationList');

const LookupQuerySchema = z
  .object({
    url: z.url().max(2000).optional().openapi({ description: 'The product web page' }),
    model: z.string().min(1).max(200).optional().openapi({ description: 'A model number' }),
  })
  .refine((query) => Boolean(query.url) !== Boolean(query.model), {
    message: 'Give exactly one of url or model.',
  });

const pageSize = 50;

/** The body is the ListSchema JSON, serialised once by the route; tells the typed route so. */
const typedList = (response: Response) =>
  response as unknown as TypedResponse<z.infer<typeof ListSchema>, 200, 'json'>;

/** A page past the counted matches: the search would have to read every match to find it. */
function beyondLastPage(c: Context) {
  const message = `page: must be at most ${lastSearchPage(pageSize)}; a search lists its first ${searchCountCap} matches, so add words or filters to narrow it`;
  return c.json({ error: 'Bad request', message }, 400);
}

/**
 * The open data API: read-only, no credentials, CORS for GET, rate-limited with standard headers, and
 * an OpenAPI 3.1 document generated from the same Zod schemas that validate each request.
 */
export function createApi(services: AppServices) {
  const { registry, config } = services;
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const message = result.error.issues
        .map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`)
        .join('; ');
      return c.json({ error: 'Bad request', message }, 400);
    },
  });

  api.use('*', cors({ origin: '*', allowMethods: ['GET'], credentials: false }));
  // The counters are shared with the fast path in front of the app (api-fast-path.ts), so both count alike.
  api.use(
    '*',
    limitPublicReads(
      services.rateLimits.api,
      apiRateLimitScope,
      config.trustProxy,
      services.rateLimitCounters,
    ),
  );

  const { renderedFor, toJson } = createListRendering(config.baseUrl, pageSize, services.now);

  api.openapi(
    createRoute({
      method: 'get',
      path: '/v1/products',
      summary: 'Search the registry',
      request: { query: ListQuerySchema },
      responses: {
        200: { content: { 'application/json': { schema: ListSchema } }, description: 'Certifications' },
        400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Bad query' },
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      if (query.page > lastSearchPage(pageSize)) return beyondLastPage(c);
      const updatedSince = query.updatedSince ? new Date(query.updatedSince).toISOString() : undefined;
      const { updatesUntil, ...rest } = query;
      const supportUntil = updatesUntil ? supportFilterDate(updatesUntil) : undefined;
      const result = await services.registrySearch.search({ ...rest, updatedSince, supportUntil, pageSize });
      const made = renderedFor(result, query.page, services.now());
      const gzipped = () => (made.gzipped ??= gzipSync(made.json));
      services.apiSearches.rendered(c.req.raw, { result, day: made.day, json: made.json, gzipped });
      c.header('Content-Type', 'application/json');
      c.header('Vary', 'Accept-Encoding');
      if (!acceptsGzip(c.req.header('accept-encoding'))) return typedList(c.body(made.json, 200));
      c.header('Content-Encoding', 'gzip');
      // A view of the kept gzip, not a copy of it.
      const { buffer, byteOffset, byteLength } = gzipped();
      return typedList(c.body(new Uint8Array(buffer as ArrayBuffer, byteOffset, byteLength), 200));
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/v1/products/{id}',
      summary: 'One certification with its published answers',
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: {
        200: { content: { 'application/json': { schema: CertificationDetailSchema } }, description: 'Found' },
        404: {
          content: { 'application/json': { schema: ErrorSchema } },
          description: 'No such certification',
        },
      },
    }),
    async (c) => {
      const row = await registry.find(c.req.valid('param').id);
      if (!row) return c.json({ error: 'Not found', message: 'No certification has this id.' }, 404);
      return c.json({ ...toJson(row), answers: publishedEntry(row).answers }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/v1/lookup',
      summary: 'Find certifications by product web page or model number',
      request: { query: LookupQuerySchema },
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ items: z.array(CertificationSchema) }) } },
          description: 'Matching certifications (possibly none)',
        },
        400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Bad query' },
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const rows = query.url ? await registry.byUrl(query.url) : await registry.byModel(query.model ?? '');
      return c.json({ items: rows.map((row) => toJson(row)) }, 200);
    },
  );

  api.get('/v1/export.json', async (c) => {
    const rows = await registry.all();
    c.header('Link', licenceLink);
    c.header('Content-Disposition', 'attachment; filename="trustmark-registry.json"');
    return c.json({
      licence: openDataLicence,
      generatedAt: services.now().toISOString(),
      items: rows.map((row) => ({ ...toJson(row), answers: publishedEntry(row).answers })),
    });
  });

  api.get('/v1/export.csv', async (c) => {
    const rows = (await registry.all()).map((row) => toJson(row));
    const header = [
      'id',
      'product',
      'company',
      'category',
      'model_numbers',
      'status',
      'issued_at',
      'valid_until',
      'security_updates_until',
      'url',
    ];
    const csv = toCsv([
      header,
      ...rows.map((row) => [
        row.id,
        row.product.name,
        row.company.name,
        row.product.category,
        row.product.modelNumbers.join(' '),
        row.status,
        row.issuedAt,
        row.validUntil,
        row.product.securityUpdatesUntil,
        row.url,
      ]),
    ]);
    // The licence travels in a header, not a comment line: CSV has no comments (RFC 4180), and a
    // reader would take one for a record of its own.
    c.header('Link', licenceLink);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="trustmark-registry.csv"');
    return c.body(csv);
  });

  registerSecurityApi(api, services);

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Trustmark open data API',
      version: '1.0.0',
      description: `Read-only access to the public registry of certified connected products. Data licensed ${openDataLicence.name}.`,
      license: { name: openDataLicence.name, url: openDataLicence.url },
    },
    servers: [{ url: `${config.baseUrl}/api` }],
    // Public and read-only: no operation needs credentials.
    security: [],
  });

  // Mounted under the site, the API answers every unknown address itself, in JSON like its other errors.
  api.all('*', (c: Context) =>
    c.json({ error: 'Not found', message: 'There is no such API endpoint. See /api/openapi.json.' }, 404),
  );
  return api;
}

/** The API's routes, for the route registry and the authorization matrix (all public, read-only). */
export const apiRoutes = [
  '/api/v1/products',
  '/api/v1/products/:id',
  '/api/v1/products/:id/security',
  '/api/v1/lookup',
  '/api/v1/export.json',
  '/api/v1/export.csv',
  '/api/openapi.json',
] as const;
