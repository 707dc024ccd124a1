/**
 * What the credentials feature offers the other features; they import it from here and nothing else of it
 * (its rules aside, which are pure). The lint holds every feature to this.
 */
export { enqueueCredentialIssue } from './jobs';
export { keyringFileName } from './keyring';
