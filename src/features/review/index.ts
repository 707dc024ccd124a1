/**
 * What the review feature offers the other features; they import it from here and nothing else of it
 * (its rules aside, which are pure). The lint holds every feature to this.
 */
export { fillAssignmentsJob } from './decide';
export { reviewDependenciesOf } from './dependencies';
export { enqueueMails } from './notify';
export { ReReviewPanel } from './pages/re-review';
export { AppealForm, AppealReasons, ReviewStatus, Thread } from './pages/review-parts';
export { ReviewTimes } from './pages/review-times';
export type { ReReviewWorkflow } from './re-review';
export { decideReReview } from './re-review-steps';
export { createReReviewRepository } from './re-reviews-store';
export type { ReReviewOpinion, ReReviewRepository } from './re-reviews-store';
export { createReviewerRepository } from './reviewers-store';
export { reReviewDecisionSchema } from './schemas';
export { createReviewRepository } from './store';
export type { ReviewWorkflow } from './workflow';
