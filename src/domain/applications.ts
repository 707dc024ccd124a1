/**
 * The life of an application, as an explicit state machine. This issue covers the applicant's part;
 * the review issue adds the states between submission and decision.
 */
export const applicationStatuses = ['draft', 'submitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export type ApplicationAction = 'edit' | 'submit' | 'withdraw' | 'delete';

const allowed: Record<ApplicationStatus, readonly ApplicationAction[]> = {
  // Only a draft can be changed or deleted; once submitted, answers are locked for review.
  draft: ['edit', 'submit', 'withdraw', 'delete'],
  submitted: ['withdraw'],
  withdrawn: [],
};

export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === 'string' && (applicationStatuses as readonly string[]).includes(value);
}

export function canApply(status: ApplicationStatus, action: ApplicationAction): boolean {
  return allowed[status].includes(action);
}

/** The state an action leads to; throws for an illegal transition, which callers must have checked. */
export function transition(status: ApplicationStatus, action: 'submit' | 'withdraw'): ApplicationStatus {
  if (!canApply(status, action)) throw new Error(`An application that is ${status} cannot be ${action}ed`);
  return action === 'submit' ? 'submitted' : 'withdrawn';
}
