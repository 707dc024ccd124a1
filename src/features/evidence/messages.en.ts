/** The evidence checks' words, in English; messages.de.ts must match this shape. */
export const evidenceEn = {
  checksHeading: 'Link checks',
  notChecked: 'not checked yet',
  checkedAgo: (age: string) => `checked ${age}`,
  ago: {
    minutes: (n: number) => (n <= 1 ? 'just now' : `${n} min ago`),
    hours: (n: number) => (n === 1 ? '1 h ago' : `${n} h ago`),
    days: (n: number) => (n === 1 ? '1 day ago' : `${n} days ago`),
  },
  redirectsElsewhere: (site: string) => `redirects to another site (${site})`,
  largerThan: (limit: string) => `larger than ${limit}, not read further`,
  outcomes: {
    timeout: 'no complete answer within the time limit',
    refused: 'refused: not a public address',
    'too-many-redirects': 'too many redirects',
    invalid: 'not a web address that can be checked',
    unreachable: 'could not be reached',
  } as Record<string, string>,
  securityTxt: {
    heading: 'security.txt of the product’s web site',
    notChecked: 'not checked yet',
    missing: (status: string) => `not found (${status})`,
    unreachable: 'could not be fetched',
    valid: (contacts: string, expires: string) => `present: contact ${contacts}, expires ${expires}`,
    problems: {
      'no-contact': 'no Contact field',
      'no-expires': 'no Expires field',
      'several-expires': 'more than one Expires field',
      'bad-expires': 'Expires is not a valid date and time',
      expired: 'expired',
    } as Record<string, string>,
  },
  changedNotice: (date: string) => `Evidence changed since review on ${date}`,
  changedLead:
    'A link given as evidence no longer serves what the reviewers saw. The company has been asked to update it.',
  changes: { changed: 'changed', gone: 'no longer available' } as Record<string, string>,
  overdueHeading: 'Evidence changed and not updated in time',
  overdueLead:
    'These certified products’ evidence changed after review and the company’s period to update it is over.',
  overdueItem: (criterion: string, change: string, since: string) => `${criterion}: ${change} since ${since}`,
  pin: {
    title: (criterion: string) => `Evidence for ${criterion}, as reviewed`,
    back: 'Certifications',
    address: 'Address',
    reviewed: 'As reviewed (time, status, SHA-256)',
    lastCheck: 'Last re-check (time, status, SHA-256)',
    changedSince: 'Changed since',
    due: 'Company to update it by',
    snapshot: 'Text as the reviewers saw it',
    noSnapshot: 'No text was kept: the link was not a small text page when it was reviewed.',
  },
  update: {
    title: (product: string) => `Update ${product}`,
    changedLead: (date: string) =>
      `A re-check found that evidence of this certified product changed since the review on ${date}. Start an update: a small review of the changed answers keeps the certification current.`,
    changedItem: (criterion: string, title: string, change: string, since: string) =>
      `${criterion}: ${title} (${change} since ${since})`,
    due: (date: string) => `Please update it by ${date}.`,
    howItWorks: (unchanged: number) =>
      `The update starts from the certified answers. By starting it you confirm the ${unchanged} answers whose evidence did not change as they were certified; check and save the answers listed above, then submit. The reviewers decide only what changed, and their certification renews the mark.`,
    start: 'Start the update',
    underWay: 'An application of this product is already open; continue it:',
    openApplication: 'Open application',
    nothingChanged: 'No evidence of this product changed since its review: there is nothing to update.',
    notCertified: 'This product has no current certification to update.',
    productPage: 'Back to the product',
  },
  mailSubject: (product: string) => `Evidence for ${product} has changed`,
  mailBody: (product: string, links: string, due: string, url: string, updateUrl: string) =>
    `A re-check of the evidence for the certified product ${product} found that this link no longer serves what the reviewers saw:\n\n${links}\n\nThe public product page now says that evidence changed since review. Please restore the page or tell the program what changed by ${due}; after that date the program's admins will look at the certification.\n\n${url}\n\nTo update the certification, start a small review of the changed answers here; every other answer is taken over as certified:\n\n${updateUrl}`,
};

export type EvidenceMessages = typeof evidenceEn;
