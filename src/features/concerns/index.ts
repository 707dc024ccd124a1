/**
 * What the concerns feature offers the other features; they import it from here and nothing else of it
 * (its rules aside, which are pure). The lint holds every feature to this.
 */
export { PublicConcerns } from './pages/public-concerns';
export { createConcernRepository } from './store';
