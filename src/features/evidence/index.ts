/**
 * What the evidence feature offers the other features; they import it from here and nothing else of it
 * (its rules aside, which are pure). The lint holds every feature to this.
 */
export { enqueueEvidenceChecks, evidenceJobKinds, pinEvidence } from './jobs';
export { createEvidenceChecks, evidenceMessages } from './service';
export type { ApplicationEvidence, EvidenceChecks } from './service';
export {
  EvidenceCheckNotes,
  EvidenceChangedNotice,
  EvidenceUpdateNotice,
  OverdueEvidence,
} from './pages/components';
export type { FetchLimits } from './link-fetcher';
