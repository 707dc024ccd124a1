import type { ReviewerPoolMessages } from './pool-messages.en';

export const reviewerPoolDe: ReviewerPoolMessages = {
  whatToLookFor: 'Worauf zu achten ist',
  invitations: 'Prüfende einladen',
  invitationsLead:
    'Laden Sie eine Fachperson per E-Mail ein. Der Link legt für diese Adresse ein Prüfkonto an; er funktioniert einmal und läuft nach 7 Tagen ab. Die neue Prüferin oder der neue Prüfer richtet die Zwei-Faktor-Authentifizierung ein, bevor sie oder er etwas prüfen kann.',
  email: 'E-Mail-Adresse',
  name: 'Name der Person',
  yourName: 'Ihr Name',
  invite: 'Einladung senden',
  invited: (email: string) => `Die Einladung an ${email} ist unterwegs.`,
  alreadyRegistered:
    'Für diese Adresse gibt es schon ein Konto. Geben Sie ihm stattdessen auf der Seite der Benutzer die Prüfrolle.',
  pending: 'Einladungen',
  noInvitations: 'Noch keine Einladungen.',
  invitedOn: 'Eingeladen',
  expiresOn: 'Läuft ab',
  state: 'Stand',
  states: { open: 'Offen', used: 'Konto angelegt', expired: 'Abgelaufen' },
  acceptTitle: 'Prüferin oder Prüfer bei Trustmark werden',
  acceptLead: (email: string) =>
    `Legen Sie Ihr Prüfkonto für ${email} an. Danach melden Sie sich an und richten die Zwei-Faktor-Authentifizierung ein; erst dann können Sie prüfen.`,
  password: 'Passwort',
  passwordHint: 'Mindestens 10 Zeichen, nicht leicht zu erraten.',
  create: 'Mein Prüfkonto anlegen',
  invalidTitle: 'Dieser Einladungslink funktioniert nicht',
  invalid:
    'Er wurde schon benutzt, ist abgelaufen oder hat nie existiert. Bitten Sie das Programm um eine neue Einladung, wenn Sie weiterhin prüfen möchten.',
  mailSubject: 'Einladung zum Prüfen für Trustmark',
  mailBody: (inviter: string, url: string) =>
    `${inviter} lädt Sie in den Kreis der Prüfenden von Trustmark ein, die die Selbstauskünfte vernetzter Produkte prüfen, bevor diese das Zeichen tragen dürfen.\n\nUm Ihr Prüfkonto anzulegen, öffnen Sie:\n\n${url}\n\nDer Link funktioniert einmal und läuft in 7 Tagen ab. Vor dem Prüfen richten Sie die Zwei-Faktor-Authentifizierung ein (mit einer beliebigen Authenticator-App). Wenn Sie das nicht erwartet haben, ignorieren Sie diese Nachricht.`,
  expertise: 'Ihre Fachgebiete',
  expertiseLead:
    'Die Dimensionen, in denen Sie sich gut auskennen. Die automatische Zuweisung bevorzugt zwei Prüfende, die zusammen die schwächsten Dimensionen einer Bewerbung abdecken – weiterhin im Rahmen Ihrer Kapazität und nie bei einem Interessenkonflikt.',
  saveExpertise: 'Fachgebiete speichern',
  expertiseSaved: 'Ihre Fachgebiete sind gespeichert.',
};
