import type { MarkLinks } from '../../messages/en';

/** The review workspace, the reviewer's list and profile. */
export const reviewEn = {
  appealTitle: 'This is an appeal',
  appealLead:
    'The company appealed a "not certified" decision, in which you took no part; the earlier decision is listed below. Review the answers afresh. The company’s reasons:',
  title: 'Review',
  lead: 'Applications assigned to you. Look at each on your own first; the other verdicts appear once you have submitted yours.',
  queueEmpty: 'No applications are waiting for review.',
  backToList: 'Back to your reviews',
  assignedToYou: 'Assigned to you',
  profile: 'Your reviewer profile',
  profileLead: 'How much you can take on, and the companies you must not review.',
  adminTitle: 'Review administration',
  product: 'Product',
  company: 'Company',
  status: 'Status',
  submittedOn: 'Submitted',
  roundLabel: (round: number) => `Round ${round}`,
  capacity: 'Open applications you can take at once',
  capacityHint: 'A whole number from 1 to 50.',
  capacityRange: 'Please enter a whole number from 1 to 50.',
  available: 'Available for new applications',
  saveProfile: 'Save profile',
  profileSaved: 'Your profile has been saved.',
  notInPool: 'You are not in the reviewer pool; ask an admin to give you the reviewer role.',
  conflicts: 'Conflicts of interest',
  conflictsLead:
    'Declare every company you work for, advise, invest in or compete with. You will never see their applications, and any you hold now go to another reviewer.',
  noConflicts: 'No conflicts declared.',
  conflictReason: 'Why (optional, seen by admins)',
  declareConflict: 'Declare conflict',
  withdrawConflict: 'Withdraw',
  conflictSaved: 'Your conflicts of interest have been updated.',
  workspaceTitle: (product: string) => `Review: ${product}`,
  productFacts: 'The product',
  reviewers: 'Reviewers',
  hasSubmitted: 'has submitted',
  stillReviewing: 'still reviewing',
  independentFirstLook:
    "You will see the other reviewers' verdicts once you have submitted your own: each first look is independent.",
  decisions: 'Decisions',
  verdicts: {
    accepted: 'Accepted',
    'needs-clarification': 'Needs clarification',
    'not-met': 'Not met',
  } as Record<string, string>,
  noVerdict: 'No verdict yet',
  yourVerdict: (criterionId: string) => `Your verdict on ${criterionId}`,
  comment: 'Comment or question for the company (needed unless accepted)',
  verdictMissing: 'Please choose a verdict.',
  commentNeeded: 'Please say what is missing or unclear.',
  yourReview: 'Your review of this round',
  recommendation: 'You recommend',
  recommendationMissing: 'Please choose what you recommend.',
  outcomes: {
    certify: 'Certify',
    'request-changes': 'Ask the company for changes',
    'not-certify': 'Do not certify',
  } as Record<string, string>,
  rationale: 'Your reasons',
  rationaleHint: 'Shared with the other reviewers; the decision carries its own written rationale.',
  saveVerdicts: 'Save verdicts',
  submitReview: 'Submit my review',
  reviseReview: 'Update my review',
  verdictsSaved: 'Your verdicts have been saved.',
  reviewSubmitted: 'Your review has been submitted.',
  notReviewable:
    'This application is not open for review in this round any more. Reload it to see where it stands.',
  decide: 'Decision',
  decideWhenAllSubmitted:
    'The decision can be taken once every assigned reviewer has submitted their review.',
  rulePasses: 'With the verdicts as they stand, the decision rule passes.',
  ruleFails:
    'With the verdicts as they stand, the decision rule does not pass: every required criterion, and enough recommended ones, must be accepted by every reviewer.',
  outcome: 'Outcome',
  decisionRationale: 'Written rationale',
  decisionRationaleHint: 'The company reads this. Say what was decided and why.',
  recordDecision: 'Record decision',
  decided: 'The decision has been recorded.',
  alreadyDecided: 'Someone else has just decided this application. Reload it to see the decision.',
  refusals: {
    'reviews-incomplete': 'Not every assigned reviewer has submitted their review yet.',
    disagreement:
      'The reviewers recommend different outcomes. Reconcile your verdicts, or ask an admin to settle it.',
    'rule-fails': 'This application cannot be certified: it does not pass the decision rule.',
    'not-allowed': 'Only the assigned reviewers or an admin can decide.',
  } as Record<string, string>,
  thread: (count: number) => (count === 0 ? 'Questions and answers' : `Questions and answers (${count})`),
  reviewer: 'Reviewer',
  reply: 'Send',
  replyLabel: 'Your message',
  messageSent: 'Your message has been added.',
  unchanged: 'Unchanged since the last round.',
  changedSinceLastRound: 'Changed since the last round',
  statusChanged: (before: string, after: string) => `Answer: ${before} → ${after}`,
  evidenceAdded: (item: string) => `Evidence added: ${item}`,
  evidenceRemoved: (item: string) => `Evidence removed: ${item}`,
  roundCounts: (changed: number, carried: number, toDecide: number) =>
    `${changed} changed, ${carried} carried over, ${toDecide} to decide`,
  changedFirst: 'Changed or answered since the last round',
  changedFirstLead:
    'The company changed these answers or replied to a question on them. Your verdicts on every other criterion are carried over from the last round.',
  changedSinceCertified: 'Changed since the certified application',
  changedSinceCertifiedLead:
    'This application updates a certified one. The company changed these answers, or their evidence changed since certification. Your final verdicts on the certified application carry over on every other criterion.',
  carriedOverFromCertified:
    'Carried over from the certified application: change it if you see it differently.',
  carriedOver: (round: number) => `Carried over from round ${round}: change it if you see it differently.`,
  history: 'History',
  auditActions: {
    'evidence-update-started': 'Update of changed evidence started',
    submitted: 'Submitted',
    assigned: 'Reviewer assigned',
    unassigned: 'Reviewer unassigned',
    'review-started': 'Review started',
    'review-submitted': 'A reviewer submitted their review',
    'changes-requested': 'Changes requested',
    resubmitted: 'Resubmitted',
    decided: 'Decided',
    withdrawn: 'Withdrawn',
    appealed: 'Appealed',
    'application-kept': 'Kept by the company',
    'application-released': 'Released for deletion by the company',
  } as Record<string, string>,
  pausedTitle: 'Reviews are paused.',
  pausedDefault:
    'You can still prepare and submit applications; they will be reviewed in order when reviews resume.',
  reviewersRange: 'Please enter a whole number from 1 to 5.',
};

/** The admin's review page: pause, settings, pool and queue. */
export const reviewAdminEn = {
  title: 'Review administration',
  lead: 'Pause and resume reviews, set how many reviewers each application gets, and follow the queue.',
  notices: {
    paused: 'Reviews are paused. The notice is shown on every page.',
    resumed: 'Reviews have resumed. Every company in the queue has been told.',
    saved: 'The settings have been saved.',
    assigned: 'The reviewer has been assigned.',
    unassigned: 'The reviewer has been taken off the application.',
  } as Record<string, string>,
  pausedNow: 'Reviews are paused',
  runningNow: 'Reviews are running',
  resumeLead: (waiting: number) =>
    `${waiting} ${waiting === 1 ? 'application waits' : 'applications wait'} in the queue. Resuming tells each company and assigns reviewers as capacity allows.`,
  resume: 'Resume reviews',
  pause: 'Pause reviews',
  messageEn: 'Public notice (English)',
  messageDe: 'Public notice (German, optional)',
  messageHint: 'Shown on every page while reviews are paused. Companies can still apply and submit.',
  settings: 'Settings',
  reviewersPerApplication: 'Reviewers per application',
  validityMonths: 'Validity of new certifications (months)',
  validityHint: (months: number) =>
    `Empty: ${months} months (CERTIFICATION_VALIDITY_MONTHS). Never beyond a product's promised security updates.`,
  validityRange: 'Please enter a whole number of months from 1 to 120, or leave the field empty.',
  recommendedPercent: 'Share of recommended criteria required (%)',
  recommendedHint:
    'Empty: each criteria version’s own share. A number applies to every decision from now on, in each required dimension.',
  shareRange: 'Please enter a whole percentage from 0 to 100, or leave the field empty.',
  save: 'Save',
  figures: 'Capacity',
  queueLength: (length: number) => `Waiting for reviewers: ${length}`,
  measure: 'Measure',
  count: 'Applications',
  median: 'Median',
  p90: '90th percentile',
  timeToFirstReview: 'Submission to first review',
  timeToDecision: 'Submission to decision',
  hours: (value: number) => `${value} h`,
  pool: 'Reviewer pool',
  poolEmpty: 'No reviewers yet. Give users the reviewer role under Users.',
  load: 'Load',
  loadOf: (load: number, capacity: number) => `${load} of ${capacity}`,
  open: 'Open applications',
  place: (place: number) => `place ${place} in the queue`,
  assign: 'Assign',
  assignButton: 'Assign',
  unassign: 'Take off',
  unassignReason: 'Reassigned by an admin',
  unassignReasonMissing: 'Please give a reason for taking the reviewer off.',
  conflicted: 'This reviewer has declared a conflict of interest with the company and cannot review it.',
  memberOfCompany:
    'This reviewer is a member of the applying company, a conflict of interest: nobody reviews their own company’s product.',
  notAReviewer: 'Please choose a reviewer from the pool.',
  notPaused: 'Reviews are not paused.',
  tookPart: 'This reviewer took part in the decision under appeal; an appeal goes to reviewers who did not.',
  noTwoFactor:
    'This reviewer has not set up two-factor authentication yet and cannot be assigned: reviewers see applications only with a second factor. Once they turn it on, they can be assigned.',
  appeal: 'Appeal',
};

/** Mail about the review: submissions, assignments, decisions. */
export const reviewMailEn = {
  submittedSubject: (product: string) => `${product}: your application has been submitted`,
  submittedBody: (product: string, place: number | undefined, paused: boolean, url: string) =>
    `the application for ${product} has been submitted and waits for expert review.${place ? ` It is number ${place} in the queue.` : ''}${paused ? ' Reviews are paused at the moment; we will write when they resume.' : ''}\n\nFollow it here:\n\n${url}`,
  assignedSubject: (product: string) => `New review: ${product}`,
  assignedBody: (product: string, company: string, url: string) =>
    `you have been assigned to review the application for ${product} by ${company}. Look at the answers on your own first; you will see the other reviewer's verdicts once you have submitted yours.\n\n${url}\n\nIf you have a conflict of interest with this company, declare it on your reviewer profile and the application will go to someone else.`,
  changesSubject: (product: string) => `${product}: the reviewers ask for changes`,
  changesBody: (product: string, rationale: string, url: string) =>
    `the reviewers of ${product} have questions or ask for changes before they can decide:\n\n${rationale}\n\nEach question is shown with its criterion. Answer there, change what is needed, and resubmit:\n\n${url}`,
  appealSubject: (product: string) => `${product}: your appeal has been received`,
  appealBody: (product: string, place: number | undefined, paused: boolean, url: string) =>
    `your appeal against the decision on ${product} has been received. Reviewers who took no part in that decision will look at the application again.${place ? ` It is number ${place} in the queue.` : ''}${paused ? ' Reviews are paused at the moment; we will write when they resume.' : ''}\n\nFollow it here:\n\n${url}`,
  resubmittedSubject: (product: string) => `${product} has been resubmitted`,
  resubmittedBody: (product: string, round: number, url: string) =>
    `the company has answered your questions and resubmitted ${product}. Round ${round} shows what changed since the last round:\n\n${url}`,
  questionsSentSubject: (product: string) => `${product}: your questions went to the company`,
  questionsSentBody: (product: string, criteria: string, url: string) =>
    `the request for changes on ${product} has gone to the company with your questions on ${criteria}. The company answers each one before it can resubmit; you will hear when it does.\n\n${url}`,
  decidedSubject: (product: string) => `${product}: the review has been decided`,
  certifiedBody: (product: string, rationale: string, url: string, mark: MarkLinks | undefined) =>
    `good news: ${product} has been certified.\n\nThe reviewers' reasons:\n\n${rationale}\n\n${mark ? `The public registry entry:\n${mark.entry}\n\nThe badge code for your website and the QR code:\n${mark.code}\n\n${mark.kit ? `The mark kit (badge variants, QR code as SVG and PNG, a label for the packaging):\n${mark.kit}\n\n` : ''}The signed credential (Open Badges 3.0):\n${mark.credential}\n\n` : ''}The application:\n${url}`,
  notCertifiedBody: (product: string, rationale: string, url: string) =>
    `${product} has not been certified this time. Nothing about this application will ever be published.\n\nThe reviewers' reasons:\n\n${rationale}\n\nYou are welcome to apply again once the points above are addressed:\n\n${url}`,
  resumedSubject: 'Trustmark reviews have resumed',
  resumedBody: (product: string, place: number | undefined, url: string) =>
    `expert reviews have resumed. The application for ${product} is${place ? ` number ${place}` : ''} in the queue and will be assigned to reviewers as they become free.\n\n${url}`,
};

/** Re-reviews after a concern. */
export const reReviewEn = {
  open: 'Open a re-review with fresh reviewers',
  openLead:
    'Reviewers who took no part in the certification look at the product again; you then record the outcome with a public statement.',
  opened: 'A re-review has started; the reviewers have been told.',
  noReviewers:
    'No reviewer is available who took no part in the certification and has no conflict of interest with the company.',
  underWay: 'Re-review under way',
  stillReviewing: 'still reviewing',
  outcomes: { confirm: 'mark confirmed', suspend: 'mark suspended', revoke: 'mark revoked' } as Record<
    string,
    string
  >,
  recommendations: {
    confirm: 'Confirm the mark',
    suspend: 'Suspend the mark',
    revoke: 'Revoke the mark',
  } as Record<string, string>,
  outcome: 'Outcome',
  statement: 'Public statement',
  statementHint:
    'Published on the product page with the outcome, and sent to the person who raised the concern.',
  decide: 'Record the outcome',
  decided: 'The outcome has been recorded and published.',
  incomplete: 'Every reviewer of the re-review must give an opinion first.',
  alreadyDecided: 'This re-review has been decided already.',
  listTitle: 'Re-reviews after a concern',
  title: (product: string) => `Re-review: ${product}`,
  lead: 'Someone raised a concern about this certified product, and the program asks you, who took no part in its certification, to look at it again. Read the concern and the published record, then give your opinion.',
  concern: 'The concern',
  record: 'Open the published record',
  yourOpinion: 'Your opinion',
  recommendation: 'What should happen to the mark?',
  rationale: 'Why',
  submit: 'Give my opinion',
  submitted: 'Your opinion has been recorded.',
  given: 'You have given your opinion.',
  closed: 'This re-review is closed.',
  assignedSubject: (product: string) => `Re-review requested: ${product}`,
  assignedBody: (product: string, url: string) =>
    `a concern has been raised about the certified product ${product}, and the program asks you, who took no part in its certification, to look at it again:\n\n${url}`,
  publicOutcome: (outcome: string) => `re-reviewed by independent experts: ${outcome}`,
};

export type ReviewMessages = typeof reviewEn;
export type ReviewAdminMessages = typeof reviewAdminEn;
export type ReviewMailMessages = typeof reviewMailEn;
export type ReReviewMessages = typeof reReviewEn;
