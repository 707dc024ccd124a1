import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppServices } from '../../app/services';
import type { AppEnv } from '../../platform/web/env';
import { securityUpdatesEnded, severities } from './rules';
import { securityFeedPath } from './pages/public-section';

const NoticeSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    date: z.string().openapi({ description: 'The day the notice applies from (YYYY-MM-DD)' }),
    severity: z.enum(severities),
    affectedVersions: z.string(),
    fixedVersion: z.string(),
    advisoryUrl: z.string(),
    csafUrl: z
      .string()
      .nullable()
      .openapi({ description: 'The CSAF 2.0 document, when the company gave one' }),
  })
  .openapi('SecurityNotice');

const ReleaseSchema = z
  .object({
    id: z.string(),
    version: z.string(),
    date: z.string().openapi({ description: 'The release day (YYYY-MM-DD)' }),
    notesUrl: z.string(),
  })
  .openapi('FirmwareRelease');

const SecuritySchema = z
  .object({
    certificationId: z.string(),
    securityUpdatesUntil: z.string(),
    securityUpdatesEnded: z
      .boolean()
      .openapi({ description: 'True once the promised security support period is over' }),
    notices: z.array(NoticeSchema),
    firmwareReleases: z.array(ReleaseSchema),
    feed: z.string().openapi({ description: 'The same as an Atom feed' }),
  })
  .openapi('SecurityInformation');

const NotFoundSchema = z.object({ error: z.string(), message: z.string() });

/** The open data API's account of a certified product's security information (newest first). */
export function registerSecurityApi(api: OpenAPIHono<AppEnv>, services: AppServices): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/v1/products/{id}/security',
      summary: 'Security notices, firmware releases and the support period of one certified product',
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: {
        200: { content: { 'application/json': { schema: SecuritySchema } }, description: 'Found' },
        404: {
          content: { 'application/json': { schema: NotFoundSchema } },
          description: 'No such certification',
        },
      },
    }),
    async (c) => {
      const row = await services.registry.find(c.req.valid('param').id);
      if (!row) return c.json({ error: 'Not found', message: 'No certification has this id.' }, 404);
      const information = await services.security.of(row);
      return c.json(
        {
          certificationId: row.id,
          securityUpdatesUntil: row.support_end_date,
          securityUpdatesEnded: securityUpdatesEnded(row.support_end_date, services.now()),
          notices: information.notices.map(({ createdAt: _createdAt, ...notice }) => notice),
          firmwareReleases: information.releases.map(({ createdAt: _createdAt, ...release }) => release),
          feed: `${services.config.baseUrl}${securityFeedPath('en', row.id)}`,
        },
        200,
      );
    },
  );
}
