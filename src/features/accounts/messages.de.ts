import type { AccountsMessages } from './messages.en';

export const accountsDe: AccountsMessages = {
  auth: {
    signUpTitle: 'Konto anlegen',
    signUpLead:
      'Die Bewerbung ist kostenlos. Legen Sie ein Konto an, bestätigen Sie Ihre E-Mail-Adresse und fügen Sie dann Ihr Unternehmen und Ihre Produkte hinzu.',
    signInTitle: 'Anmelden',
    name: 'Vollständiger Name',
    email: 'E-Mail-Adresse',
    password: 'Passwort',
    passwordHint:
      'Mindestens 10 Zeichen. Vermeiden Sie gängige Wörter und Muster; einige unzusammenhängende Wörter eignen sich gut.',
    newPassword: 'Neues Passwort',
    createAccount: 'Konto anlegen',
    signIn: 'Anmelden',
    haveAccount: 'Sie haben schon ein Konto?',
    noAccount: 'Neu hier?',
    forgotPassword: 'Passwort vergessen?',
    checkEmailTitle: 'Bitte prüfen Sie Ihre E-Mails',
    checkEmailBody: (email: string) =>
      `Wir haben einen Link an ${email} gesendet. Öffnen Sie ihn, um Ihre Adresse zu bestätigen; er ist eine Stunde gültig.`,
    verifiedTitle: 'E-Mail-Adresse bestätigt',
    verifiedBody: 'Vielen Dank. Ihr Konto ist bereit.',
    verifyFailed:
      'Dieser Bestätigungslink ist ungültig oder abgelaufen. Melden Sie sich an, um einen neuen zu erhalten.',
    invalidCredentials: 'E-Mail-Adresse oder Passwort sind nicht korrekt.',
    emailNotVerified:
      'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Wir haben Ihnen einen neuen Link geschickt – bitte sehen Sie in Ihr Postfach.',
    emailTaken:
      'Für diese E-Mail-Adresse gibt es bereits ein Konto. Melden Sie sich an oder setzen Sie Ihr Passwort zurück.',
    forgotTitle: 'Passwort zurücksetzen',
    forgotLead:
      'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen.',
    sendResetLink: 'Link senden',
    resetSentBody: 'Falls es ein Konto mit dieser Adresse gibt, ist ein Link zum Zurücksetzen unterwegs.',
    resetTitle: 'Neues Passwort wählen',
    resetButton: 'Neues Passwort speichern',
    resetDone: 'Ihr Passwort wurde geändert. Sie können sich jetzt anmelden.',
    resetInvalid: 'Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an.',
    twoFactorTitle: 'Zwei-Faktor-Authentifizierung',
    twoFactorLead:
      'Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Ihrer Ersatzcodes ein.',
    code: 'Bestätigungscode',
    verify: 'Bestätigen',
    invalidCode: 'Dieser Code ist nicht korrekt oder abgelaufen. Codes wechseln alle 30 Sekunden.',
    twoFactorExpired: 'Die Anmeldung hat zu lange gedauert. Bitte melden Sie sich erneut an.',
    codeAlreadyUsed: 'Dieser Code wurde bereits verwendet. Bitte warten Sie auf den nächsten Code Ihrer App.',
    invalidBackupCode: 'Dieser Ersatzcode ist nicht korrekt oder wurde bereits verwendet.',
    accountThrottled: (minutes: number) =>
      `Zu viele fehlgeschlagene Versuche für dieses Konto. Bitte warten Sie ${minutes} Minuten und versuchen Sie es erneut.`,
    signedOut: 'Sie wurden abgemeldet.',
  },
  account: {
    mail: 'E-Mails zur Prüfung',
    mailLead:
      'E-Mails, auf die Sie reagieren müssen (eine Zuweisung, Fragen der Prüfer, eine Entscheidung), kommen immer. Den Rest wählen Sie.',
    mailOptional: 'Schicken Sie mir auch',
    mailKinds: {
      submitted: 'eine Bestätigung, wenn mein Unternehmen eine Bewerbung einreicht',
      resubmitted: 'einen Hinweis, wenn ein Unternehmen eine von mir geprüfte Bewerbung erneut einreicht',
      'reviews-resumed': 'einen Hinweis, wenn pausierte Prüfungen weitergehen',
    } as Record<string, string>,
    mailSave: 'E-Mail-Einstellungen speichern',
    mailSaved: 'Ihre E-Mail-Einstellungen wurden gespeichert.',
    title: 'Ihr Konto',
    profile: 'Profil',
    role: 'Rolle',
    roles: { applicant: 'Bewerber', reviewer: 'Gutachter', admin: 'Administrator' },
    companies: 'Ihre Unternehmen',
    noCompanies: 'Sie sind noch in keinem Unternehmen Mitglied.',
    createCompany: 'Unternehmen hinzufügen',
    invitations: 'Einladungen für Sie',
    open: 'Öffnen',
    security: 'Sicherheit',
    twoFactorOn: 'Die Zwei-Faktor-Authentifizierung ist aktiv.',
    twoFactorOff: 'Die Zwei-Faktor-Authentifizierung ist nicht aktiv.',
    twoFactorRequired:
      'Ihre Rolle erfordert Zwei-Faktor-Authentifizierung. Richten Sie sie jetzt ein; bis dahin bleiben Prüfung und Verwaltung geschlossen.',
    setUpTwoFactor: 'Zwei-Faktor-Authentifizierung einrichten',
    twoFactorSetupTitle: 'Zwei-Faktor-Authentifizierung einrichten',
    twoFactorSetupLead:
      'Bestätigen Sie Ihr Passwort. Danach sehen Sie einen QR-Code für eine Authenticator-App (jede App, die TOTP unterstützt).',
    confirmPassword: 'Aktuelles Passwort',
    continue: 'Weiter',
    scanTitle: 'Diesen Code scannen',
    scanLead:
      'Scannen Sie den QR-Code mit Ihrer Authenticator-App oder geben Sie den Schlüssel unten ein. Tragen Sie dann den angezeigten Code ein.',
    manualKey: 'Schlüssel zur manuellen Eingabe',
    qrAlt: 'QR-Code, um Trustmark in einer Authenticator-App hinzuzufügen',
    backupCodes: 'Ersatzcodes',
    backupCodesLead:
      'Bewahren Sie diese Einmalcodes sicher auf. Mit jedem können Sie sich einmal anmelden, falls Sie Ihr Gerät verlieren.',
    enable: 'Zwei-Faktor-Authentifizierung aktivieren',
    twoFactorEnabled: 'Die Zwei-Faktor-Authentifizierung ist jetzt aktiv.',
    wrongPassword: 'Dieses Passwort ist nicht korrekt.',
    dataTitle: 'Ihre Daten',
    dataLead:
      'Laden Sie alles, was die Plattform über Sie speichert, als JSON-Datei herunter, oder löschen Sie Ihr Konto und was dazugehört.',
    exportData: 'Meine Daten herunterladen (JSON)',
    deleteAccount: 'Mein Konto löschen',
    deleteTitle: 'Ihr Konto löschen',
    deleteLead:
      'Beim Löschen Ihres Kontos werden Ihr Name, Ihre E-Mail-Adresse, Ihr Passwort, Ihre Sitzungen, die Einstellungen für den zweiten Faktor, Ihre Mitgliedschaften und E-Mail-Einstellungen entfernt. Antworten und Nachrichten, die Sie geschrieben haben, bleiben bei den Bewerbungen Ihres Unternehmens und sind als von einem gelöschten Konto gekennzeichnet; das Prüfprotokoll behält einen anonymen Verweis. Das lässt sich nicht rückgängig machen.',
    deleteBlocked:
      'Ihnen gehören diese Unternehmen. Übergeben Sie jedes auf seiner Unternehmensseite einem anderen Mitglied (Inhaberschaft übertragen) oder schließen Sie es, bevor Sie Ihr Konto löschen:',
    deleteConfirm: 'Mein Konto endgültig löschen',
    deletedTitle: 'Ihr Konto wurde gelöscht',
    deletedLead: 'Wir haben Ihr Konto entfernt und Sie abgemeldet. Danke, dass Sie mitgemacht haben.',
    deletedAccount: 'ein gelöschtes Konto',
    lastAdministrator:
      'Sie sind die einzige Administratorin bzw. der einzige Administrator des Programms. Vergeben Sie die Rolle an jemand anderen (Verwaltung, Nutzer), bevor Sie Ihr Konto löschen.',
  },
  admin: {
    title: 'Verwaltung',
    users: 'Nutzer',
    search: 'Nach Name oder E-Mail suchen',
    searchButton: 'Suchen',
    name: 'Name',
    email: 'E-Mail',
    role: 'Rolle',
    verified: 'Bestätigt',
    twoFactor: 'Zwei-Faktor',
    yes: 'ja',
    no: 'nein',
    changeRole: (name: string) => `Rolle von ${name}`,
    save: 'Speichern',
    roleChanged: (name: string, role: string) => `${name} ist jetzt ${role}.`,
    cannotChangeOwnRole: 'Sie können Ihre eigene Rolle nicht ändern; bitten Sie eine andere Administratorin.',
    noUsers: 'Keine passenden Nutzer.',
  },
};
