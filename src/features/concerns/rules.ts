/**
 * Concerns: anyone may question a certified product, optionally about one criterion. A concern counts
 * only once its author has confirmed their email address; an admin then upholds or rejects it with a
 * note that is published with the outcome. Who raised it is never published.
 */
// 're-review': fresh reviewers are looking at the product; the re-review's outcome decides the concern.
export const concernStatuses = ['unconfirmed', 'open', 're-review', 'upheld', 'rejected'] as const;
export type ConcernStatus = (typeof concernStatuses)[number];

export const concernDecisions = ['upheld', 'rejected'] as const;
export type ConcernDecision = (typeof concernDecisions)[number];

/** How long a confirmation link works; unconfirmed concerns older than this are deleted. */
export const confirmationValidHours = 48;

export function confirmationCutoff(now: Date): Date {
  return new Date(now.getTime() - confirmationValidHours * 60 * 60 * 1000);
}

/** Whether a concern may still be raised about a certification in this live status. */
export function acceptsConcerns(liveStatus: string): boolean {
  // A revoked or expired mark is over; there is nothing left to challenge.
  return liveStatus === 'active' || liveStatus === 'suspended';
}

export interface ConcernTally {
  upheld: number;
  rejected: number;
}

/** The public count of decided concerns; open and unconfirmed ones are not counted. */
export function tallyConcerns(statuses: readonly string[]): ConcernTally {
  return {
    upheld: statuses.filter((status) => status === 'upheld').length,
    rejected: statuses.filter((status) => status === 'rejected').length,
  };
}
