/** Words of the audit log viewer. */
export const auditEn = {
  title: 'Audit log',
  lead: 'Who did what, when and why: every decision, assignment, status change, role change and concern. Entries cannot be changed or deleted, by anyone.',
  actor: 'Actor (name or email)',
  application: 'Application ID',
  product: 'Product ID',
  kind: 'Kind',
  anyKind: 'Any kind',
  from: 'From',
  to: 'To',
  filter: 'Show',
  download: 'Download as CSV',
  none: 'No entry matches.',
  time: 'Time',
  platform: 'The platform',
  subject: 'Subject',
  reason: 'Reason',
  details: 'Details',
  badDate: 'Please enter a date as YYYY-MM-DD.',
  shown: (count: number, limit: number) =>
    count >= limit
      ? `The newest ${limit} matching entries; narrow the filter or download the CSV for more.`
      : `${count} matching entries.`,
};

export type AuditMessages = typeof auditEn;
