import type { ApplicationStatus } from '../applications/rules';
import type { CompanyRole } from '../companies/rules';

/**
 * Personal data rights as plain rules: when an account may be deleted, and when an unsuccessful
 * application has been kept long enough.
 */

/** A company the user belongs to, as account deletion sees it. */
export interface Membership {
  companyName: string;
  companySlug: string;
  role: CompanyRole;
}

/** What stops an account from being deleted, if anything. */
export interface DeletionBlockers {
  /** A company always has an owner, so its owner must first hand it to someone else or close it. */
  ownedCompanies: Membership[];
  /** The program must keep an administrator: the last one grants the role to someone else first. */
  lastAdministrator: boolean;
}

export function deletionBlockers(
  memberships: readonly Membership[],
  platform: { isAdmin: boolean; administrators: number },
): DeletionBlockers {
  return {
    ownedCompanies: memberships.filter((membership) => membership.role === 'owner'),
    lastAdministrator: platform.isAdmin && platform.administrators <= 1,
  };
}

export function mayDelete(blockers: DeletionBlockers): boolean {
  return blockers.ownedCompanies.length === 0 && !blockers.lastAdministrator;
}

/** Applications that did not lead to a certification; they are never published. */
export function isUnsuccessful(status: ApplicationStatus): boolean {
  return status === 'not-certified' || status === 'withdrawn';
}

export interface RetentionCandidate {
  status: ApplicationStatus;
  /** When it was decided or withdrawn: the last time it changed. */
  endedAt: string;
  /** The company asked to keep it. */
  kept: boolean;
}

/** The moment before which an unsuccessful application has been kept long enough. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
}

/** Whether an application is due for deletion: unsuccessful, not kept, and ended before the cutoff. */
export function isDueForDeletion(candidate: RetentionCandidate, now: Date, retentionDays: number): boolean {
  return (
    isUnsuccessful(candidate.status) &&
    !candidate.kept &&
    candidate.endedAt < retentionCutoff(now, retentionDays).toISOString()
  );
}

/** The day on which an unsuccessful application will be deleted, if the company does not keep it. */
export function deletionDate(endedAt: string, retentionDays: number): string {
  return new Date(Date.parse(endedAt) + retentionDays * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
