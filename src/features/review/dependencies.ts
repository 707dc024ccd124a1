import type { AppServices } from '../../app/services';
import type { Lifecycle } from '../registry';
import type { ReviewSettings } from '../../platform/settings/store';
import type { DecideDependencies } from './decide';

/** What the review's use cases need: the queue and mailer their transactions use, and the settings. */
export interface ReviewDependencies extends DecideDependencies {
  settings: {
    review(): Promise<ReviewSettings>;
    /** Drops the kept settings once a use case changed them in its own transaction. */
    forget(): void;
  };
}

export interface ReReviewDecisionDependencies extends ReviewDependencies {
  lifecycle: Pick<Lifecycle, 'changeIn' | 'announce'>;
}

/** The use cases' dependencies, from the services the routes get. */
export function reviewDependenciesOf(services: AppServices): ReReviewDecisionDependencies {
  return { ...services, dialect: services.database.dialect, baseUrl: services.config.baseUrl };
}
