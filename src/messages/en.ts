import { applicationsEn } from '../features/applications/messages.en';
import { operationsEn } from '../features/operations/messages.en';
import { reviewEn, reviewAdminEn, reviewMailEn, reReviewEn } from '../features/review/messages.en';
import { companyEn } from '../features/companies/messages.en';
import { productsEn } from '../features/products/messages.en';
import { registryEn, registryAdminEn, registryMailEn } from '../features/registry/messages.en';
import { securityEn } from '../features/security-notices/messages.en';
import { markKitEn } from '../features/mark-kit/messages.en';
import { labelEn } from '../features/registry/label-messages.en';
import { concernsEn } from '../features/concerns/messages.en';
import { verifyEn } from '../features/credentials/messages.en';
import { siteEn } from '../features/site/messages.en';
import { accountsEn } from '../features/accounts/messages.en';
import { statisticsEn } from '../features/statistics/messages.en';
import { reviewerPoolEn } from '../features/review/pool-messages.en';
import { criteriaEn } from '../features/criteria/messages.en';
import { contentEn } from '../features/content/messages.en';
import { auditEn } from '../features/audit/messages.en';
import { developmentEn } from '../features/development/messages.en';

/**
 * English messages. This catalogue defines the shape every other locale must follow (see de.ts),
 * so a missing translation is a type error, not a blank on a page.
 */
export const en = {
  meta: {
    siteName: 'Trustmark',
    tagline: 'A mark for connected products you can trust',
    description:
      'Trustmark is a free, independent mark for connected products that respect privacy, explain themselves, stay secure, keep working and are open.',
    skipToContent: 'Skip to content',
    languageName: 'English',
    otherLanguages: 'Other languages',
  },
  nav: {
    registry: 'Certified products',
    main: 'Main',
    home: 'Home',
    dimensions: 'The five dimensions',
    partners: 'Partners',
    news: 'News',
    contact: 'Contact',
    signIn: 'Sign in',
    signUp: 'Apply for free',
    account: 'Your account',
    signOut: 'Sign out',
    review: 'Review',
    admin: 'Administration',
    outbox: 'Outbox (development)',
  },
  footer: {
    privacy: 'Privacy notice',
    promise: 'No trackers, no cookies for visitors, no requests to other sites.',
    openSource: 'Trustmark is open source software.',
    feed: 'News feed (Atom)',
  },
  ...siteEn,
  auth: accountsEn.auth,
  account: accountsEn.account,
  company: companyEn,
  products: productsEn,
  applications: applicationsEn,
  review: reviewEn,
  reviewAdmin: reviewAdminEn,
  admin: accountsEn.admin,
  errors: {
    title: 'Something went wrong',
    notFoundTitle: 'Page not found',
    notFound: 'There is no page at this address. It may have moved, or the link may be mistyped.',
    forbiddenTitle: 'Not allowed',
    forbidden: 'Your account does not have access to this page.',
    signInRequired: 'Please sign in to continue.',
    twoFactorRequired: 'Set up two-factor authentication to use this area.',
    serverError: 'An unexpected error occurred on our side. It has been logged. Please try again.',
    unavailableTitle: 'Temporarily unavailable',
    unavailable:
      'The service is briefly unavailable. Please try again in a minute; nothing you sent was saved.',
    rateLimited: 'Too many attempts. Please wait a few minutes and try again.',
    crossSite: 'This form was sent from another site and has been refused.',
    bodyTooLargeTitle: 'Too much sent at once',
    bodyTooLarge: (limit: string) =>
      `This form accepts at most ${limit}, and more was sent. Nothing was saved; please shorten the text and try again.`,
    formProblems: 'Please correct the highlighted fields.',
    rejectedValue:
      'Something you sent cannot be stored: it contains a character (such as a null character) or a number outside what is accepted. Nothing was saved; please check the text and try again.',
    unreadableForm:
      'What was sent could not be read as a form. Nothing was saved; please send it again from the page.',
    backHome: 'Back to the home page',
  },
  validation: {
    required: 'Please fill in this field.',
    tooLong: (max: number) => `Please use at most ${max} characters.`,
    tooShort: (min: number) => `Please use at least ${min} characters.`,
    email: 'Please enter an email address like name@example.com.',
    passwordWeak:
      'This password is too easy to guess. Add more words or characters that do not follow a pattern.',
    slug: 'Use lowercase letters, digits and single dashes, starting with a letter or digit.',
    code: 'Enter the 6 digits shown in your app.',
    secondFactorCode: 'Enter the 6 digits shown in your app, or a backup code such as Ab3dE-9xYz2.',
    choice: 'Please choose one of the options.',
    url: 'Please enter a full web address starting with https:// or http://.',
    date: 'Please enter a date like 2029-12-31.',
    dateInPast: 'This date has passed. Please enter a date in the future.',
    stale: 'The form was out of date. Please check it and send it again.',
  },
  mail: {
    greeting: (name: string) => `Hello ${name},`,
    greetingWithoutName: 'Hello,',
    signature: '— The Trustmark team',
    verifySubject: 'Verify your email address for Trustmark',
    verifyBody: (url: string) =>
      `please confirm your email address by opening this link:\n\n${url}\n\nThe link is valid for one hour. If you did not create an account, you can ignore this message.`,
    existingSubject: 'You already have a Trustmark account',
    existingBody: (signInUrl: string, resetUrl: string) =>
      `someone, probably you, tried to create a new Trustmark account with this email address, which already has one. Sign in here:\n\n${signInUrl}\n\nIf you have forgotten your password, you can choose a new one:\n\n${resetUrl}\n\nIf it was not you, ignore this message; nothing has changed.`,
    resetSubject: 'Reset your Trustmark password',
    resetBody: (url: string) =>
      `someone asked to reset the password of your Trustmark account. To choose a new password, open:\n\n${url}\n\nThe link is valid for one hour. If it was not you, ignore this message; your password stays the same.`,
    inviteSubject: (company: string) => `You are invited to join ${company} on Trustmark`,
    inviteBody: (inviter: string, company: string, url: string) =>
      `${inviter} invited you to join ${company} on Trustmark, where companies document their connected products for the mark.\n\nTo accept, open:\n\n${url}\n\nIf you do not have an account yet, create one with this email address first.`,
  },
  reviewMail: reviewMailEn,
  registry: registryEn,
  verify: verifyEn,
  registryAdmin: registryAdminEn,
  registryMail: registryMailEn,
  security: securityEn,
  markKit: markKitEn,
  label: labelEn,
  concerns: concernsEn,
  operations: operationsEn,
  statistics: statisticsEn,
  reviewerPool: reviewerPoolEn,
  reReview: reReviewEn,
  criteriaAdmin: criteriaEn,
  contentAdmin: contentEn,
  audit: auditEn,
  outbox: developmentEn,
};

export type Messages = typeof en;

/** Where a company finds its mark: the public registry entry, the badge and QR code, the credential. */
export interface MarkLinks {
  entry: string;
  code: string;
  credential: string;
  /** The company's mark kit (badges, QR code, packaging label), when the product is known. */
  kit?: string | undefined;
}
