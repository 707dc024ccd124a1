/** Words of the bigger reviewer pool: invitations by mail, expertise, and the reviewer guidance. */
export const reviewerPoolEn = {
  whatToLookFor: 'What to look for',
  invitations: 'Invite reviewers',
  invitationsLead:
    'Invite an expert by mail. The link creates a reviewer account for that address; it works once and expires after 7 days. The new reviewer sets up two-factor authentication before they can review anything.',
  email: 'Email address',
  name: 'Name',
  yourName: 'Your name',
  invite: 'Send the invitation',
  invited: (email: string) => `The invitation to ${email} is on its way.`,
  alreadyRegistered:
    'This address already has an account. Give it the reviewer role on the users page instead.',
  pending: 'Invitations',
  noInvitations: 'No invitations yet.',
  invitedOn: 'Invited',
  expiresOn: 'Expires',
  state: 'State',
  states: { open: 'Open', used: 'Account created', expired: 'Expired' } as Record<string, string>,
  acceptTitle: 'Become a Trustmark reviewer',
  acceptLead: (email: string) =>
    `Create your reviewer account for ${email}. Next you sign in and set up two-factor authentication; only then can you review.`,
  password: 'Password',
  passwordHint: 'At least 10 characters, not easy to guess.',
  create: 'Create my reviewer account',
  invalidTitle: 'This invitation link does not work',
  invalid:
    'It has been used already, has expired, or never existed. Ask the program for a new invitation if you still want to review.',
  mailSubject: 'You are invited to review for Trustmark',
  mailBody: (inviter: string, url: string) =>
    `${inviter} invites you to join Trustmark's pool of expert reviewers, who check the self-assessments of connected products before they may carry the mark.\n\nTo create your reviewer account, open:\n\n${url}\n\nThe link works once and expires in 7 days. Before reviewing you will set up two-factor authentication (any authenticator app). If you did not expect this, ignore this message.`,
  expertise: 'Your expertise',
  expertiseLead:
    'The dimensions you know well. Automatic assignment prefers a pair of reviewers who together cover an application’s weakest dimensions, still within your capacity and never with a conflict of interest.',
  saveExpertise: 'Save my expertise',
  expertiseSaved: 'Your expertise is saved.',
};

export type ReviewerPoolMessages = typeof reviewerPoolEn;
