import { applicationsDe } from '../features/applications/messages.de';
import { operationsDe } from '../features/operations/messages.de';
import { reviewDe, reviewAdminDe, reviewMailDe, reReviewDe } from '../features/review/messages.de';
import { companyDe } from '../features/companies/messages.de';
import { productsDe } from '../features/products/messages.de';
import { registryDe, registryAdminDe, registryMailDe } from '../features/registry/messages.de';
import { securityDe } from '../features/security-notices/messages.de';
import { markKitDe } from '../features/mark-kit/messages.de';
import { labelDe } from '../features/registry/label-messages.de';
import { concernsDe } from '../features/concerns/messages.de';
import { verifyDe } from '../features/credentials/messages.de';
import type { Messages } from './en';
import { siteDe } from '../features/site/messages.de';
import { accountsDe } from '../features/accounts/messages.de';
import { statisticsDe } from '../features/statistics/messages.de';
import { reviewerPoolDe } from '../features/review/pool-messages.de';
import { criteriaDe } from '../features/criteria/messages.de';
import { contentDe } from '../features/content/messages.de';
import { auditDe } from '../features/audit/messages.de';
import { developmentDe } from '../features/development/messages.de';

/** German messages; typed against the English catalogue so no key can be missing. */
export const de: Messages = {
  meta: {
    siteName: 'Trustmark',
    tagline: 'Ein Zeichen für vernetzte Produkte, denen man vertrauen kann',
    description:
      'Trustmark ist ein kostenloses, unabhängiges Zeichen für vernetzte Produkte, die Privatsphäre achten, sich erklären, sicher bleiben, lange funktionieren und offen sind.',
    skipToContent: 'Zum Inhalt springen',
    languageName: 'Deutsch',
    otherLanguages: 'Andere Sprachen',
  },
  nav: {
    registry: 'Zertifizierte Produkte',
    main: 'Hauptnavigation',
    home: 'Start',
    dimensions: 'Die fünf Dimensionen',
    partners: 'Partner',
    news: 'Neuigkeiten',
    contact: 'Kontakt',
    signIn: 'Anmelden',
    signUp: 'Kostenlos bewerben',
    account: 'Ihr Konto',
    signOut: 'Abmelden',
    review: 'Prüfung',
    admin: 'Verwaltung',
    outbox: 'Postausgang (Entwicklung)',
  },
  footer: {
    privacy: 'Datenschutzhinweise',
    promise: 'Keine Tracker, keine Cookies für Besucher, keine Anfragen an andere Websites.',
    openSource: 'Trustmark ist Open-Source-Software.',
    feed: 'Neuigkeiten als Feed (Atom)',
  },
  ...siteDe,
  auth: accountsDe.auth,
  account: accountsDe.account,
  company: companyDe,
  products: productsDe,
  applications: applicationsDe,
  review: reviewDe,
  reviewAdmin: reviewAdminDe,
  admin: accountsDe.admin,
  errors: {
    title: 'Etwas ist schiefgegangen',
    notFoundTitle: 'Seite nicht gefunden',
    notFound:
      'Unter dieser Adresse gibt es keine Seite. Vielleicht wurde sie verschoben oder der Link ist falsch.',
    forbiddenTitle: 'Nicht erlaubt',
    forbidden: 'Ihr Konto hat keinen Zugriff auf diese Seite.',
    signInRequired: 'Bitte melden Sie sich an, um fortzufahren.',
    twoFactorRequired: 'Richten Sie die Zwei-Faktor-Authentifizierung ein, um diesen Bereich zu nutzen.',
    serverError:
      'Auf unserer Seite ist ein unerwarteter Fehler aufgetreten. Er wurde protokolliert. Bitte versuchen Sie es erneut.',
    unavailableTitle: 'Vorübergehend nicht verfügbar',
    unavailable:
      'Der Dienst ist kurz nicht erreichbar. Bitte versuchen Sie es in einer Minute erneut; Ihre Eingabe wurde nicht gespeichert.',
    rateLimited: 'Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es erneut.',
    crossSite: 'Dieses Formular wurde von einer anderen Website gesendet und abgewiesen.',
    bodyTooLargeTitle: 'Zu viel auf einmal gesendet',
    bodyTooLarge: (limit: string) =>
      `Dieses Formular nimmt höchstens ${limit} an, gesendet wurde mehr. Nichts wurde gespeichert; bitte kürzen Sie den Text und versuchen Sie es erneut.`,
    formProblems: 'Bitte korrigieren Sie die markierten Felder.',
    rejectedValue:
      'Etwas von dem, was Sie gesendet haben, lässt sich nicht speichern: ein Zeichen (etwa ein Nullzeichen) oder eine Zahl außerhalb des Zulässigen. Es wurde nichts gespeichert; bitte prüfen Sie den Text und versuchen Sie es erneut.',
    unreadableForm:
      'Das Gesendete konnte nicht als Formular gelesen werden. Nichts wurde gespeichert; bitte senden Sie es von der Seite aus erneut.',
    backHome: 'Zur Startseite',
  },
  validation: {
    required: 'Bitte füllen Sie dieses Feld aus.',
    tooLong: (max: number) => `Bitte höchstens ${max} Zeichen verwenden.`,
    tooShort: (min: number) => `Bitte mindestens ${min} Zeichen verwenden.`,
    email: 'Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.',
    passwordWeak:
      'Dieses Passwort ist zu leicht zu erraten. Fügen Sie weitere Wörter oder Zeichen ohne erkennbares Muster hinzu.',
    slug: 'Kleinbuchstaben, Ziffern und einzelne Bindestriche verwenden, beginnend mit Buchstabe oder Ziffer.',
    code: 'Geben Sie die 6 Ziffern aus Ihrer App ein.',
    secondFactorCode: 'Geben Sie die 6 Ziffern aus Ihrer App ein oder einen Ersatzcode wie Ab3dE-9xYz2.',
    choice: 'Bitte wählen Sie eine der Möglichkeiten.',
    url: 'Bitte geben Sie eine vollständige Webadresse ein, beginnend mit https:// oder http://.',
    date: 'Bitte geben Sie ein Datum wie 2029-12-31 ein.',
    dateInPast: 'Dieses Datum ist vorbei. Bitte geben Sie ein Datum in der Zukunft ein.',
    stale: 'Das Formular war veraltet. Bitte prüfen Sie es und senden Sie es erneut.',
  },
  mail: {
    greeting: (name: string) => `Hallo ${name},`,
    greetingWithoutName: 'Guten Tag,',
    signature: '– Das Trustmark-Team',
    verifySubject: 'Bestätigen Sie Ihre E-Mail-Adresse für Trustmark',
    verifyBody: (url: string) =>
      `bitte bestätigen Sie Ihre E-Mail-Adresse über diesen Link:\n\n${url}\n\nDer Link ist eine Stunde gültig. Wenn Sie kein Konto angelegt haben, können Sie diese Nachricht ignorieren.`,
    existingSubject: 'Sie haben bereits ein Trustmark-Konto',
    existingBody: (signInUrl: string, resetUrl: string) =>
      `jemand, vermutlich Sie, wollte mit dieser E-Mail-Adresse ein neues Trustmark-Konto anlegen; es gibt aber bereits eines. Hier melden Sie sich an:\n\n${signInUrl}\n\nFalls Sie Ihr Passwort vergessen haben, können Sie ein neues wählen:\n\n${resetUrl}\n\nWenn Sie das nicht waren, ignorieren Sie diese Nachricht; es hat sich nichts geändert.`,
    resetSubject: 'Trustmark-Passwort zurücksetzen',
    resetBody: (url: string) =>
      `jemand möchte das Passwort Ihres Trustmark-Kontos zurücksetzen. Um ein neues Passwort zu wählen, öffnen Sie:\n\n${url}\n\nDer Link ist eine Stunde gültig. Wenn Sie das nicht waren, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert.`,
    inviteSubject: (company: string) => `Einladung zu ${company} auf Trustmark`,
    inviteBody: (inviter: string, company: string, url: string) =>
      `${inviter} hat Sie eingeladen, ${company} auf Trustmark beizutreten, wo Unternehmen ihre vernetzten Produkte für das Zeichen dokumentieren.\n\nZum Annehmen öffnen Sie:\n\n${url}\n\nWenn Sie noch kein Konto haben, legen Sie zuerst eines mit dieser E-Mail-Adresse an.`,
  },
  reviewMail: reviewMailDe,
  registry: registryDe,
  verify: verifyDe,
  registryAdmin: registryAdminDe,
  registryMail: registryMailDe,
  security: securityDe,
  markKit: markKitDe,
  label: labelDe,
  concerns: concernsDe,
  operations: operationsDe,
  statistics: statisticsDe,
  reviewerPool: reviewerPoolDe,
  reReview: reReviewDe,
  criteriaAdmin: criteriaDe,
  contentAdmin: contentDe,
  audit: auditDe,
  outbox: developmentDe,
};
