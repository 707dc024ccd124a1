/**
 * What the security-notices feature offers the other features; they import it from here and nothing else
 * of it (its rules aside, which are pure). The lint holds every feature to this.
 */
export { createSecurityService } from './service';
export type { SecurityService } from './service';
export type { SecurityInformation, SecurityNotice, FirmwareRelease } from './store';
export { SecurityInformationSection } from './pages/public-section';
export { registerSecurityApi } from './api';
export type { PublicSecurity } from './pages/public-section';
