/** Words of the public registry, its entries, open data and feed. */
export const registryEn = {
  title: 'Certified products',
  lead: 'Every connected product that holds or has held the mark, with its published self-assessment. Nothing about pending or unsuccessful applications is ever shown.',
  search: 'Search by name, company, category or model number',
  searchButton: 'Search',
  backToList: 'All certified products',
  any: 'Any',
  sort: 'Sort by',
  sorts: {
    name: 'Name (A–Z)',
    newest: 'Newest first',
    'valid-until': 'Valid longest',
    'support-end': 'Security updates longest',
  } as Record<string, string>,
  statuses: {
    active: 'Certified',
    suspended: 'Suspended',
    revoked: 'Revoked',
    expired: 'Expired',
  } as Record<string, string>,
  found: (count: number) => (count === 1 ? '1 product found.' : `${count} products found.`),
  foundMoreThan: (count: number) =>
    `More than ${count.toLocaleString('en')} products found. Add words or choose filters to narrow the search.`,
  beyondLastPage: (count: number) =>
    `Only the first ${count.toLocaleString('en')} results are listed. Add words or choose filters to see others.`,
  pagination: 'Result pages',
  previous: 'Previous page',
  next: 'Next page',
  pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
  openData: 'Open data: API, bulk export and feed',
  certification: 'Certification',
  issued: 'Certified on',
  validUntil: 'Valid until',
  updatesUntil: 'Security updates',
  securityUpdatesUntil: (date: string) => `promised until ${date}`,
  criteriaVersion: 'Criteria version',
  badgeAlt: (status: string) => `Trustmark badge: ${status}`,
  statusReason: (status: string, reason: string) => `${status}: ${reason}`,
  embed: 'Show the mark',
  embedLead: 'Copy this code to show the live badge on your site; it always shows the current status.',
  qrAlt: 'QR code linking to this registry entry',
  history: 'History of this certification',
  credentialsTitle: 'Signed credentials',
  credentialsLead:
    'Each certification comes with an Open Badges 3.0 credential (W3C Verifiable Credentials 2.0), signed as a VC-JWT with Ed25519 by the program’s did:web identity. Its Bitstring Status List entry says whether it is valid, suspended or revoked; keys stay published after a rotation, so older credentials keep verifying.',
  credentialsDid: 'The issuer’s DID document (did:web) with every signing key, past and present.',
  credentialsJwks: 'The same public keys as a JSON Web Key Set.',
  credentialsOne: 'A certification’s credential (application/vc+jwt); the id is the one the API returns.',
  credentialsStatus:
    'A signed status list (Bitstring Status List, two bits per credential: valid, suspended, revoked).',
  credentialTitle: 'Digital credential',
  credentialLead:
    'A signed Open Badges 3.0 credential of this certification. Anyone can check it offline with the program’s published key; its status list tells whether it was suspended or revoked since.',
  credentialDownload: 'Download the credential (.jwt)',
  credentialVerify: 'Verify a credential',
  logEntry: (index: number) => `log entry ${index}`,
  inclusionProof: 'proof of inclusion',
  logTitle: 'Transparency log',
  logLead:
    'Every certification event – issued, suspended, reinstated, revoked, expired, renewed – is appended to a public, append-only Merkle tree (RFC 9162). Its state is signed as a checkpoint, so anyone can check that no entry was changed or removed afterwards.',
  logCheckpoint: 'The latest signed checkpoint (C2SP tlog-checkpoint, Ed25519).',
  logKey: 'The key that verifies the checkpoints.',
  logEntries: 'Entries from start to end (at most 1,000), as hashed.',
  logInclusion:
    'Proof that entry index is in the tree of that size; each product page links its events’ proofs.',
  logConsistency: 'Proof that the larger tree extends the smaller one.',
  logTiles:
    'The tree as C2SP tlog-tiles (tile/<level>/<n>, tile/entries/<n>; partial tiles end in .p/<width>), for standard log clients.',
  logMonitor:
    'To watch the log, run npm run monitor -- followed by this site’s address, from the Trustmark source code: it remembers the last checkpoint and raises an alert if history was ever rewritten.',
  events: {
    issued: 'Certified',
    suspended: 'Suspended',
    reinstated: 'Reinstated',
    revoked: 'Revoked',
    expired: 'Expired',
    renewed: 'Replaced by a renewed certification',
  } as Record<string, string>,
  companyLead: (count: number) =>
    count === 1 ? 'One product in the registry.' : `${count} products in the registry.`,
  feedTitle: 'Certifications and status changes',
  licence: 'Data licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
  exportLicence:
    'The CSV file holds the records only; its licence comes with it in the Link header (rel="license"), as with the JSON file, which also names it inside.',
  openDataTitle: 'Open data',
  openDataLead:
    'The registry is open data under CC BY 4.0: use it freely, naming the Trustmark registry as the source. No key, no account, no tracking.',
  apiTitle: 'The API',
  apiLead:
    'Read-only JSON over HTTPS, with CORS for GET. The OpenAPI 3.1 description lists every parameter and field.',
  exportTitle: 'Bulk export',
  apiList: 'Search and filter certifications (q, category, company, status, updatedSince, sort, page).',
  apiOne: 'One certification with every published answer.',
  apiLookupModel: 'Find a certification by model number.',
  apiLookupUrl: 'Find a certification by the product’s web page.',
  feedLink: 'Atom feed of new certifications and status changes',
};

export type RegistryMessages = typeof registryEn;

/** Words of the admins' suspensions, reinstatements and revocations. */
export const registryAdminEn = {
  title: 'Certifications',
  lead: 'Suspend, reinstate or revoke a certification. The reason is published on the product page and in the feed.',
  none: 'No certifications yet.',
  action: 'Change',
  actions: { suspend: 'Suspend', reinstate: 'Reinstate', revoke: 'Revoke' } as Record<string, string>,
  reason: 'Public reason',
  reasonNeeded: 'Please give the reason that will be published.',
  apply: 'Apply',
  changed: 'The status has been changed. The badge, page, API and feed show it now.',
  notAllowed:
    'This change is not possible from the certification’s current status. Reload the page to see it.',
};

export type RegistryAdminMessages = typeof registryAdminEn;

/** Mail about a certification: renewal reminders and status changes. */
export const registryMailEn = {
  reminderSubject: (product: string, days: number) => `${product}: the mark expires in ${days} days or less`,
  reminderBody: (product: string, date: string, url: string) =>
    `the Trustmark certification of ${product} is valid until ${date}. To renew it, choose "Renew certification" on the product's page; your answers are copied for you to confirm:\n\n${url}`,
  statusSubject: (product: string, status: string) => `${product}: certification ${status.toLowerCase()}`,
  statusBody: (product: string, status: string, reason: string, url: string) =>
    `the Trustmark certification of ${product} is now: ${status}.\n\nReason: ${reason}\n\n${url}`,
};

export type RegistryMailMessages = typeof registryMailEn;
