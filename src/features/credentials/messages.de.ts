import type { VerifyMessages } from './messages.en';

export const verifyDe: VerifyMessages = {
  title: 'Nachweis prüfen',
  lead: 'Jedes zertifizierte Produkt hat einen signierten digitalen Nachweis (Open Badges 3.0, W3C Verifiable Credential). Fügen Sie ihn ein oder wählen Sie die Datei, um Signatur, Aussteller, Gültigkeit und aktuellen Status zu prüfen.',
  credential: 'Der Nachweis (VC-JWT)',
  credentialHint: 'Der Text der heruntergeladenen .jwt-Datei: drei durch Punkte getrennte Teile.',
  file: 'Oder wählen Sie die Nachweisdatei',
  submit: 'Prüfen',
  errorTitle: 'Der Nachweis konnte nicht geprüft werden',
  empty: 'Fügen Sie einen Nachweis ein oder wählen Sie seine Datei.',
  tooLarge: 'Das ist viel größer als jeder Nachweis (höchstens 64 KB).',
  notText: 'Die Datei ist kein Text; eine Nachweisdatei enthält eine Zeile Text.',
  resultTitle: 'Ergebnis',
  verdicts: {
    valid: 'Gültig: von diesem Programm signiert, in Kraft, weder ausgesetzt noch widerrufen.',
    invalid: 'Ungültig: diesem Nachweis kann man nicht trauen.',
    expired: 'Abgelaufen: der Nachweis war echt, seine Gültigkeit ist aber vorbei.',
    'not-yet-valid': 'Noch nicht gültig.',
    suspended: 'Ausgesetzt: das Programm hat diese Zertifizierung ausgesetzt.',
    revoked: 'Widerrufen: das Programm hat diese Zertifizierung widerrufen.',
    'status-unknown': 'Echt, aber der aktuelle Status ließ sich nicht prüfen.',
  } as Record<string, string>,
  checks: {
    format: 'Format',
    signature: 'Signatur',
    issuer: 'Aussteller',
    validity: 'Gültigkeitszeitraum',
    status: 'Status',
  } as Record<string, string>,
  passed: 'bestanden',
  failed: 'nicht bestanden',
  notChecked: 'nicht geprüft',
  says: 'Was der Nachweis aussagt',
  name: 'Name',
  subject: 'Registereintrag',
  validFrom: 'Gültig ab',
  validUntil: 'Gültig bis',
  commandLine:
    'Dieselbe Prüfung auf der Kommandozeile, nur mit den veröffentlichten Schlüsseln: npm run verify -- --issuer ADRESSE DATEI, mit der Adresse dieser Website, aus dem Trustmark-Quellcode.',
  keys: 'Die öffentlichen Schlüssel des Ausstellers: DID-Dokument und JSON Web Key Set.',
  findings: {
    unreadable: ({ reason }) => `Das ist kein lesbarer VC-JWT-Nachweis: ${reason}.`,
    'not-a-badge': () =>
      'Das Token ist kein Open-Badges-Nachweis (sein Typ enthält nicht VerifiableCredential und OpenBadgeCredential).',
    'a-badge': () => 'Ein Open-Badges-3.0-Nachweis, als VC-JWT signiert.',
    'claims-disagree': ({ reason }) => `Die JWT-Angaben stimmen nicht mit dem Nachweis überein: ${reason}.`,
    signed: ({ keyId }) => `Signiert mit dem veröffentlichten Schlüssel des Ausstellers ${keyId}.`,
    'bad-signature': ({ reason }) => `Die Signatur ist nicht gültig: ${reason}.`,
    'signature-not-checked': () =>
      'Nicht geprüft: Schlüssel anderer Aussteller als dieses Programms werden nicht abgerufen.',
    'issued-by': ({ name, issuerId }) => `Ausgestellt von ${name} (${issuerId}).`,
    'issuer-mismatch': ({ issuerId, keyId }) =>
      `Der Aussteller ${issuerId || '(keiner)'} passt nicht zum Signaturschlüssel ${keyId || '(keiner)'}.`,
    'not-this-program': ({ issuerId, trustedIssuer }) =>
      `Der Nachweis wurde nicht von diesem Programm ausgestellt: sein Aussteller ist ${issuerId || '(keiner)'}, dieses Programm ist ${trustedIssuer}.`,
    'not-yet-valid': ({ validFrom }) =>
      `Noch nicht gültig (gültig ab ${validFrom || 'einem unlesbaren Datum'}).`,
    expired: ({ validUntil }) => `Abgelaufen am ${validUntil}.`,
    'in-force': ({ validFrom, validUntil }) =>
      `Gültig ab ${validFrom}${validUntil ? ` bis ${validUntil}` : ''}.`,
    'no-status-entry': () => 'Der Nachweis nennt keinen Eintrag in einer Bitstring-Statusliste.',
    'status-list-unavailable': ({ listUrl, reason }) =>
      `Die Statusliste ${listUrl} ließ sich nicht prüfen: ${reason}.`,
    'status-list-foreign': () => 'Die Statusliste stammt nicht vom Aussteller des Nachweises.',
    'status-list-unreadable': ({ reason }) => `Die Statusliste ließ sich nicht lesen: ${reason}.`,
    'status-clear': ({ listUrl, index }) =>
      `Weder ausgesetzt noch widerrufen (Statusliste ${listUrl}, Eintrag ${index}).`,
    'status-set': ({ state, listUrl, index }) =>
      `Die Statusliste des Ausstellers sagt: ${state === 'revoked' ? 'widerrufen' : state === 'suspended' ? 'ausgesetzt' : state} (Statusliste ${listUrl}, Eintrag ${index}).`,
    'not-checked': () => 'Nicht geprüft: ohne gültige Signatur dieses Programms belegt der Nachweis nichts.',
  },
};
