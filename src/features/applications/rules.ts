/**
 * The life of an application, as an explicit state machine:
 *
 *   draft ──submit──▶ submitted ──(reviewers assigned)──▶ in-review ──▶ certified | not-certified
 *                        ▲                                  │   ▲                       │
 *                        │                 request-changes  ▼   │ resubmit              │
 *                        │                            changes-requested                 │
 *                        └───────────────── appeal (once, to other reviewers) ──────────┘
 *
 * and withdrawn from any state before a decision. Illegal transitions are refused; the repositories
 * make each move conditional on the state it starts from, so two people acting at once cannot both win.
 */
export const applicationStatuses = [
  'draft',
  'submitted',
  'in-review',
  'changes-requested',
  'certified',
  'not-certified',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export type ApplicationAction =
  | 'edit'
  | 'submit'
  | 'withdraw'
  | 'delete'
  | 'start-review'
  | 'review'
  | 'request-changes'
  | 'resubmit'
  | 'certify'
  | 'not-certify'
  | 'appeal';

const allowed: Record<ApplicationStatus, readonly ApplicationAction[]> = {
  // Only a draft can be deleted; answers can be changed in a draft and when reviewers asked for changes.
  draft: ['edit', 'submit', 'withdraw', 'delete'],
  submitted: ['withdraw', 'start-review'],
  'in-review': ['withdraw', 'review', 'request-changes', 'certify', 'not-certify'],
  'changes-requested': ['edit', 'withdraw', 'resubmit'],
  certified: [],
  // The company may appeal once; the appeal goes back to the queue for reviewers who took no part.
  'not-certified': ['appeal'],
  withdrawn: [],
};

const target: Partial<Record<ApplicationAction, ApplicationStatus>> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  'start-review': 'in-review',
  'request-changes': 'changes-requested',
  resubmit: 'in-review',
  certify: 'certified',
  'not-certify': 'not-certified',
  appeal: 'submitted',
};

export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === 'string' && (applicationStatuses as readonly string[]).includes(value);
}

export function canApply(status: ApplicationStatus, action: ApplicationAction): boolean {
  return allowed[status].includes(action);
}

export class IllegalTransition extends Error {
  constructor(
    readonly status: ApplicationStatus,
    readonly action: ApplicationAction,
  ) {
    super(`An application that is ${status} cannot take the action "${action}"`);
  }
}

/** The state an action leads to; throws IllegalTransition for an action the state does not allow. */
export function transition(status: ApplicationStatus, action: ApplicationAction): ApplicationStatus {
  const next = target[action];
  if (!canApply(status, action) || !next) throw new IllegalTransition(status, action);
  return next;
}

/** States in which the company waits on the program, and reviewers hold the application. */
export function isUnderReview(status: ApplicationStatus): boolean {
  return status === 'submitted' || status === 'in-review' || status === 'changes-requested';
}

export function isDecided(status: ApplicationStatus): boolean {
  return status === 'certified' || status === 'not-certified';
}

/** A "not certified" decision may be appealed once per application. */
export function canAppeal(application: { status: ApplicationStatus; appealedAt: string | null }): boolean {
  return canApply(application.status, 'appeal') && application.appealedAt === null;
}

/** Neither decided nor withdrawn: the company or the program still has work to do on it. */
export function isOpen(status: ApplicationStatus): boolean {
  return !isDecided(status) && status !== 'withdrawn';
}

/** Links, and files, one answer may carry: enough for any answer, few enough to check each one. */
export const evidencePerAnswerLimit = 20;
