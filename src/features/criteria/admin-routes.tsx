import type { Context } from 'hono';
import { z } from 'zod';
import type { CriteriaVersion } from './rules';
import type { AppEnv } from '../../platform/web/env';
import { signedInPrincipal, type RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { renderNotFound } from '../../platform/web/views/error-page';
import { comparisonPage, overviewPage } from './pages/criteria-pages';
import { publishCriteriaVersion } from './publish';

type Ctx = Context<AppEnv>;

const versionNumber = z.coerce.number().int().min(1).max(10_000);
const comparisonSchema = z.object({ from: versionNumber, to: versionNumber });

/** The criteria versions in the files: publishing the next one, and what changes between two. */
export function registerCriteriaAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { criteria, criteriaPublications } = services;

  const overview = async (c: Ctx, problem?: string, status: 200 | 400 | 409 = 200) => {
    const [published, current] = await Promise.all([
      criteriaPublications.list(),
      criteriaPublications.current(),
    ]);
    const versions = [...criteria.versions.values()].sort((a, b) => a.version - b.version);
    return overviewPage(c, { versions, published, current }, problem, status);
  };

  const comparison = async (c: Ctx, from: CriteriaVersion, to: CriteriaVersion) => {
    // Impact is about what stands on the older version of the two.
    const older = from.version < to.version ? from : to;
    const [openApplications, certifications] = await Promise.all([
      criteriaPublications.openApplicationsOn(older.version),
      criteriaPublications.certificationsOn(older),
    ]);
    return comparisonPage(c, from, to, { openApplications, certifications });
  };

  routes.get('/:locale/admin/criteria', 'admin', (c) => overview(c));

  routes.get('/:locale/admin/criteria/compare', 'admin', async (c) => {
    const m = c.get('m');
    const parsed = comparisonSchema.safeParse({ from: c.req.query('from'), to: c.req.query('to') });
    const from = parsed.success ? criteria.versions.get(parsed.data.from) : undefined;
    const to = parsed.success ? criteria.versions.get(parsed.data.to) : undefined;
    // Shown on the versions page itself, with the comparison form to choose again.
    if (!from || !to || from.version === to.version) return overview(c, m.criteriaAdmin.badComparison, 400);
    return comparison(c, from, to);
  });

  routes.post('/:locale/admin/criteria/:version/publish', 'admin', async (c) => {
    const m = c.get('m');
    const parsed = versionNumber.safeParse(c.req.param('version'));
    if (!parsed.success) return renderNotFound(c);
    const version = parsed.data;
    const result = await publishCriteriaVersion(services, { actor: signedInPrincipal(c), version });
    if (result.kind === 'not-found') return renderNotFound(c);
    if (result.kind === 'older-than-current') return overview(c, m.criteriaAdmin.olderThanCurrent, 409);
    if (result.kind === 'already-published') return overview(c, m.criteriaAdmin.alreadyPublished, 409);
    const compare = `from=${result.previous}&to=${version}&notice=published`;
    return c.redirect(`/${c.get('locale')}/admin/criteria/compare?${compare}`, 303);
  });
}
