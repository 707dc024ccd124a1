import { fulfilledDimensions, perMonth } from './rules';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { statisticsPage } from './pages/statistics-page';
import { reviewQuality } from './quality';

/** The program's figures for its admins: applications, review times, certifications, over time. */
export function registerStatisticsRoutes(routes: RouteRegistry, services: AppServices): void {
  const { statistics, review, criteria } = services;

  routes.get('/:locale/admin/statistics', 'admin', async (c) => {
    const now = services.now();
    const [statuses, submissions, certifications, timings, material] = await Promise.all([
      statistics.applicationStatuses(),
      statistics.submissionTimes(),
      statistics.certifications(),
      review.timings(),
      statistics.reviewMaterial(),
    ]);
    const current = certifications.filter((certification) => certification.status === 'active');
    const criteriaOf = (version: number) => criteria.versions.get(version)?.criteria ?? [];
    return statisticsPage(c, {
      statuses,
      timings,
      currentCategories: current.map((certification) => certification.category),
      fulfilled: current.map((certification) =>
        fulfilledDimensions(criteriaOf(certification.criteriaVersion), certification.answers),
      ),
      submitted: perMonth(submissions, now),
      issued: perMonth(
        certifications.map((certification) => certification.issuedAt),
        now,
      ),
      quality: reviewQuality(criteria.versions, material),
    });
  });
}
