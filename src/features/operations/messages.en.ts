/** Words of the admins' view of background work (the job queue). */
export const operationsEn = {
  title: 'Background work',
  lead: 'Mail and other work that follows a change runs in the background and is retried until it succeeds. Work that gave up is listed first, with its error.',
  counts: 'Jobs by state',
  state: 'State',
  number: 'Number',
  states: { pending: 'Waiting', running: 'Running', failed: 'Gave up', done: 'Done (kept 7 days)' },
  open: 'Jobs not done',
  none: 'Nothing is waiting: all background work is done.',
  kind: 'Kind',
  attempts: 'Attempts',
  nextTry: 'Next try',
  created: 'Created',
  error: 'Last error',
  kinds: {
    mail: 'Mail',
    'certification.issue': 'Publish a certification',
    'review.fill-assignments': 'Assign reviewers',
    'credential.issue': 'Sign a credential',
    'transparency.append': 'Transparency log entry',
  } as Record<string, string>,
  retry: 'Try again',
  retried: 'The job will be tried again now.',
  notFailed: 'This job has not given up, so there is nothing to try again.',
};

export type OperationsMessages = typeof operationsEn;
