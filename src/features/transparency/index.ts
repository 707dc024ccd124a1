/**
 * What the transparency feature offers the other features; they import it from here and nothing else of it
 * (its rules aside, which are pure). The lint holds every feature to this.
 */
export { enqueueLogAppends } from './jobs';
export {
  forkRecoveryAdvice,
  logSignerIn,
  openCheckpoint,
  publishedCheckpointFileName,
  publishedCheckpointRecord,
} from './published-checkpoint';
export { parseSignerKey } from './note';
