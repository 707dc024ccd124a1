import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { jobsPage } from './jobs-page';
import { retryJob, jobsOverview } from './actions';
import { renderNotFound } from '../../platform/web/views/error-page';

/** Admins see the job queue and try again what gave up. */
export function registerOperationsRoutes(routes: RouteRegistry, services: AppServices): void {
  routes.get('/:locale/admin/jobs', 'admin', async (c) => {
    const notice = c.req.query('notice') === 'retried' ? c.get('m').operations.retried : undefined;
    return jobsPage(c, { ...(await jobsOverview(services)), notice });
  });

  routes.post('/:locale/admin/jobs/:jobId/retry', 'admin', async (c) => {
    const outcome = await retryJob(services, currentUser(c).id, c.req.param('jobId') ?? '');
    if (outcome === 'not-found') return renderNotFound(c);
    if (outcome === 'not-failed') {
      const problem = c.get('m').operations.notFailed;
      return jobsPage(c, { ...(await jobsOverview(services)), problem });
    }
    return c.redirect(`/${c.get('locale')}/admin/jobs?notice=retried`, 303);
  });
}
