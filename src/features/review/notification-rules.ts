/**
 * The mails the review sends. Essential ones carry something the person must act on or know (an
 * assignment, a request for changes, a decision) and cannot be turned off; the rest can.
 */
export const mailKinds = [
  'submitted',
  'assigned',
  'changes-requested',
  'resubmitted',
  'decided',
  'reviews-resumed',
  'questions-sent',
] as const;
export type MailKind = (typeof mailKinds)[number];

export const optionalMailKinds = ['submitted', 'resubmitted', 'reviews-resumed'] as const;
export type OptionalMailKind = (typeof optionalMailKinds)[number];

export function isOptionalMailKind(kind: string): kind is OptionalMailKind {
  return (optionalMailKinds as readonly string[]).includes(kind);
}

/** Whether to send a mail of this kind to someone who turned off `disabled`. */
export function shouldSend(kind: MailKind, disabled: ReadonlySet<string>): boolean {
  return !isOptionalMailKind(kind) || !disabled.has(kind);
}
