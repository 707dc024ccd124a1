/** Words of concerns about certified products, raised by anyone and decided by admins. */
export const concernsEn = {
  title: 'Raise a concern',
  lead: (product: string) =>
    `Do you think ${product} does not deserve its mark? Tell the program why. Your email address is used only to confirm the concern and to tell you the outcome; it is never published.`,
  criterion: 'Criterion',
  wholeProduct: 'The product as a whole',
  message: 'What is wrong, and how do you know?',
  messageHint: 'At least 20 characters. Please leave out other people’s personal data.',
  email: 'Your email address',
  emailHint: 'To confirm the concern and tell you the outcome. Never published.',
  send: 'Send the concern',
  tooShort: 'Please describe the concern in at least 20 characters.',
  unknownCriterion: 'Please choose one of the listed criteria.',
  closed: 'Concerns can be raised only about products whose mark is current or suspended.',
  sentTitle: 'Please confirm your concern',
  sentBody:
    'We have sent you an email with a link. Your concern reaches the program once you open it, within 48 hours.',
  confirmTitle: 'Confirm your concern',
  confirmLead: 'Confirm that you raised this concern; it then goes to the program’s administrators.',
  confirm: 'Confirm the concern',
  confirmedTitle: 'Thank you — your concern has been received',
  confirmedBody: 'The program’s administrators will look into it and write to you with the outcome.',
  invalidLink:
    'This link does not work (any more). Each link works once, for 48 hours; please raise the concern again.',
  mailSubject: (product: string) => `Confirm your concern about ${product}`,
  mailBody: (product: string, url: string) =>
    `you raised a concern about ${product} on Trustmark. To confirm it, open:\n\n${url}\n\nThe link is valid for 48 hours. If it was not you, ignore this message; nothing will happen.`,
  outcomeSubject: (product: string) => `Your concern about ${product} has been decided`,
  outcomeBody: (product: string, decision: string, note: string, url: string) =>
    `the program has decided your concern about ${product}: ${decision}.\n\n${note}\n\nThe outcome is published on the product page (without your name or address):\n\n${url}`,
  programSubject: (product: string) => `New concern about ${product}`,
  programBody: (product: string, url: string) =>
    `a confirmed concern about ${product} waits for a decision:\n\n${url}`,
  publicTitle: 'Concerns',
  publicCount: (upheld: number, rejected: number) =>
    `Concerns decided: ${upheld} upheld, ${rejected} rejected.`,
  raise: 'Raise a concern about this product',
  about: (criterion: string) => `About ${criterion}`,
  decisions: { upheld: 'Upheld', rejected: 'Rejected' } as Record<string, string>,
  adminTitle: 'Concerns',
  adminLead:
    'Confirmed concerns from the public. Uphold or reject each with a note: the outcome and the note are published on the product page, the author’s address never.',
  adminNone: 'No confirmed concern yet.',
  from: 'From',
  confirmedOn: 'Confirmed',
  decision: 'Decision',
  note: 'Public note',
  noteNeeded: 'Please write a note; it is published with the outcome.',
  decide: 'Decide',
  decided: 'The concern has been decided and its author informed.',
  alreadyDecided: 'This concern has been decided already.',
  open: 'Open',
};

export type ConcernsMessages = typeof concernsEn;
