/**
 * What the registry feature offers the other features; they import it from here and nothing else of it
 * (its rules aside, which are pure). The lint holds every feature to this.
 */
export type { Lifecycle } from './lifecycle';
export {
  ApplicationLinks,
  CertificationCard,
  LatestMark,
  MarkCard,
  applicationStatusLabel,
} from './pages/mark-status';
export { createRegistryRepository } from './store';
export type { PublishedEntry, RegistryRepository } from './store';
export { badgeLabel } from './badge';
export { ProductCard } from './pages/label';
export { cardOf, type CardItem } from './label';
