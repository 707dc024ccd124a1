/** Words of the admins' criteria versions: publication and comparison. */
export const criteriaEn = {
  title: 'Criteria versions',
  lead: 'Versions come from the criteria files. New applications and renewals use the newest published version; every application keeps the version it started with.',
  version: 'Version',
  fromFiles: 'Dated',
  criteriaCount: 'Criteria',
  state: 'State',
  published: (date: string) => `Published ${date}`,
  current: 'in use for new applications',
  notPublished: 'Not published',
  publish: (version: number) => `Publish version ${version}`,
  publishedNotice: (version: number) =>
    `Version ${version} is published: new applications and renewals use it from now on.`,
  alreadyPublished: 'This version is already published.',
  olderThanCurrent: 'Only a version newer than the one in use can be published.',
  compare: 'Compare two versions',
  from: 'From',
  to: 'To',
  show: 'Show the differences',
  badComparison: 'Please choose two different versions from the list.',
  diffTitle: (from: number, to: number) => `From version ${from} to version ${to}`,
  noChanges: 'The two versions have the same criteria.',
  kinds: { added: 'Added', removed: 'Removed', changed: 'Changed' } as Record<string, string>,
  aspects: {
    dimension: 'dimension',
    level: 'level',
    naAllowed: 'whether N/A is allowed',
    met: 'what a “met” answer needs',
    notApplicable: 'what an N/A answer needs',
    mappings: 'mappings to standards',
    text: 'wording',
  } as Record<string, string>,
  changedAspects: (aspects: string) => `Changed: ${aspects}.`,
  shareChanged: (from: number, to: number) =>
    `The decision rule changes: at least ${Math.round(to * 100)}% of recommended criteria per dimension instead of ${Math.round(from * 100)}%.`,
  touches: (applications: number, certifications: number) =>
    `Touches ${applications} open ${applications === 1 ? 'application' : 'applications'} and ${certifications} ${certifications === 1 ? 'certification' : 'certifications'} on the older version.`,
  impactLead:
    'Open applications and certifications keep their version; this shows which of them a change would matter to at their renewal: a new criterion for all of them, a changed or removed one for those that answered it.',
  affectedApplications: 'Open applications',
  affectedCertifications: 'Certifications',
  back: 'All versions',
};

export type CriteriaMessages = typeof criteriaEn;
