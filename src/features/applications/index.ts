/**
 * What the applications feature offers the other features; they import it from here and nothing else of it
 * (its rules aside, which are pure). The lint holds every feature to this.
 */
export { staffAccessFor } from './access';
export { AnswerView, textOf } from './pages/application-parts';
export { appealReasonsMinimum, appealSchema, messageSchema, startApplicationSchema } from './schemas';
export { parseSnapshot } from './snapshot';
export type { SnapshotAnswer } from './snapshot';
export { createApplicationRepository } from './store';
export type { ApplicationRepository, ApplicationSummary } from './store';
