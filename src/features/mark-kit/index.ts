/**
 * What the mark-kit feature offers the other features; they import it from here and nothing else of it
 * (its rules aside, which are pure). The lint holds every feature to this.
 */
export { MarkKitLinks } from './pages/kit-links';
export { shortLink } from './codes';
