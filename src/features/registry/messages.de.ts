import type { RegistryMessages, RegistryAdminMessages, RegistryMailMessages } from './messages.en';

export const registryDe: RegistryMessages = {
  title: 'Zertifizierte Produkte',
  lead: 'Jedes vernetzte Produkt, das das Zeichen trägt oder getragen hat, mit seiner veröffentlichten Selbstauskunft. Über laufende oder erfolglose Bewerbungen wird nie etwas gezeigt.',
  search: 'Suche nach Name, Unternehmen, Kategorie oder Modellnummer',
  searchButton: 'Suchen',
  backToList: 'Alle zertifizierten Produkte',
  any: 'Alle',
  sort: 'Sortieren nach',
  sorts: {
    name: 'Name (A–Z)',
    newest: 'Neueste zuerst',
    'valid-until': 'Am längsten gültig',
    'support-end': 'Am längsten Sicherheitsupdates',
  } as Record<string, string>,
  statuses: {
    active: 'Zertifiziert',
    suspended: 'Ausgesetzt',
    revoked: 'Entzogen',
    expired: 'Abgelaufen',
  } as Record<string, string>,
  found: (count: number) => (count === 1 ? '1 Produkt gefunden.' : `${count} Produkte gefunden.`),
  foundMoreThan: (count: number) =>
    `Mehr als ${count.toLocaleString('de')} Produkte gefunden. Grenzen Sie die Suche mit weiteren Wörtern oder Filtern ein.`,
  beyondLastPage: (count: number) =>
    `Es werden nur die ersten ${count.toLocaleString('de')} Ergebnisse aufgeführt. Grenzen Sie die Suche mit weiteren Wörtern oder Filtern ein.`,
  pagination: 'Ergebnisseiten',
  previous: 'Vorige Seite',
  next: 'Nächste Seite',
  pageOf: (page: number, pages: number) => `Seite ${page} von ${pages}`,
  openData: 'Offene Daten: API, Gesamtexport und Feed',
  certification: 'Zertifizierung',
  issued: 'Zertifiziert am',
  validUntil: 'Gültig bis',
  updatesUntil: 'Sicherheitsupdates',
  securityUpdatesUntil: (date: string) => `zugesagt bis ${date}`,
  criteriaVersion: 'Kriterienversion',
  badgeAlt: (status: string) => `Trustmark-Abzeichen: ${status}`,
  statusReason: (status: string, reason: string) => `${status}: ${reason}`,
  embed: 'Das Zeichen zeigen',
  embedLead:
    'Kopieren Sie diesen Code, um das Live-Abzeichen auf Ihrer Website zu zeigen; es zeigt immer den aktuellen Stand.',
  qrAlt: 'QR-Code, der zu diesem Verzeichniseintrag führt',
  history: 'Verlauf dieser Zertifizierung',
  credentialsTitle: 'Signierte Nachweise',
  credentialsLead:
    'Jede Zertifizierung hat einen Open-Badges-3.0-Nachweis (W3C Verifiable Credentials 2.0), als VC-JWT mit Ed25519 von der did:web-Identität des Programms signiert. Sein Eintrag in der Bitstring-Statusliste sagt, ob er gültig, ausgesetzt oder widerrufen ist; Schlüssel bleiben nach einem Wechsel veröffentlicht, damit ältere Nachweise prüfbar bleiben.',
  credentialsDid:
    'Das DID-Dokument des Ausstellers (did:web) mit allen früheren und aktuellen Signaturschlüsseln.',
  credentialsJwks: 'Dieselben öffentlichen Schlüssel als JSON Web Key Set.',
  credentialsOne:
    'Der Nachweis einer Zertifizierung (application/vc+jwt); die ID ist die, die die API liefert.',
  credentialsStatus:
    'Eine signierte Statusliste (Bitstring Status List, zwei Bits je Nachweis: gültig, ausgesetzt, widerrufen).',
  credentialTitle: 'Digitaler Nachweis',
  credentialLead:
    'Ein signierter Open-Badges-3.0-Nachweis dieser Zertifizierung. Jede und jeder kann ihn mit dem veröffentlichten Schlüssel des Programms offline prüfen; seine Statusliste zeigt, ob er seither ausgesetzt oder widerrufen wurde.',
  credentialDownload: 'Nachweis herunterladen (.jwt)',
  credentialVerify: 'Einen Nachweis prüfen',
  logEntry: (index: number) => `Protokolleintrag ${index}`,
  inclusionProof: 'Nachweis der Aufnahme',
  logTitle: 'Transparenzprotokoll',
  logLead:
    'Jedes Ereignis einer Zertifizierung – erteilt, ausgesetzt, wieder in Kraft, widerrufen, abgelaufen, erneuert – wird an einen öffentlichen, nur erweiterbaren Merkle-Baum (RFC 9162) angehängt. Sein Stand wird als Checkpoint signiert, sodass jede Person prüfen kann, dass kein Eintrag nachträglich geändert oder entfernt wurde.',
  logCheckpoint: 'Der neueste signierte Checkpoint (C2SP tlog-checkpoint, Ed25519).',
  logKey: 'Der Schlüssel, mit dem sich die Checkpoints prüfen lassen.',
  logEntries: 'Einträge von start bis end (höchstens 1.000), so wie sie gehasht werden.',
  logInclusion:
    'Nachweis, dass Eintrag index im Baum dieser Größe enthalten ist; jede Produktseite verlinkt die Nachweise ihrer Ereignisse.',
  logConsistency: 'Nachweis, dass der größere Baum den kleineren fortsetzt.',
  logTiles:
    'Der Baum als C2SP-tlog-tiles (tile/<Ebene>/<n>, tile/entries/<n>; unvollständige Kacheln enden auf .p/<Breite>), für übliche Log-Clients.',
  logMonitor:
    'Zum Beobachten des Protokolls führen Sie im Trustmark-Quellcode npm run monitor -- gefolgt von der Adresse dieser Website aus: Es merkt sich den letzten Checkpoint und schlägt Alarm, falls die Geschichte je umgeschrieben wurde.',
  events: {
    issued: 'Zertifiziert',
    suspended: 'Ausgesetzt',
    reinstated: 'Wieder in Kraft',
    revoked: 'Entzogen',
    expired: 'Abgelaufen',
    renewed: 'Durch eine erneuerte Zertifizierung ersetzt',
  } as Record<string, string>,
  companyLead: (count: number) =>
    count === 1 ? 'Ein Produkt im Verzeichnis.' : `${count} Produkte im Verzeichnis.`,
  feedTitle: 'Zertifizierungen und Statusänderungen',
  licence: 'Daten lizenziert unter CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
  exportLicence:
    'Die CSV-Datei enthält nur die Datensätze; ihre Lizenz kommt im Link-Header mit (rel="license"), wie bei der JSON-Datei, die sie zudem selbst nennt.',
  openDataTitle: 'Offene Daten',
  openDataLead:
    'Das Verzeichnis ist offene Daten unter CC BY 4.0: Nutzen Sie es frei und nennen Sie das Trustmark-Verzeichnis als Quelle. Kein Schlüssel, kein Konto, kein Tracking.',
  apiTitle: 'Die API',
  apiLead:
    'JSON nur zum Lesen über HTTPS, mit CORS für GET. Die OpenAPI-3.1-Beschreibung nennt jeden Parameter und jedes Feld.',
  exportTitle: 'Gesamtexport',
  apiList: 'Zertifizierungen suchen und filtern (q, category, company, status, updatedSince, sort, page).',
  apiOne: 'Eine Zertifizierung mit jeder veröffentlichten Antwort.',
  apiLookupModel: 'Eine Zertifizierung über die Modellnummer finden.',
  apiLookupUrl: 'Eine Zertifizierung über die Webseite des Produkts finden.',
  feedLink: 'Atom-Feed neuer Zertifizierungen und Statusänderungen',
};

export const registryAdminDe: RegistryAdminMessages = {
  title: 'Zertifizierungen',
  lead: 'Eine Zertifizierung aussetzen, wieder in Kraft setzen oder entziehen. Der Grund wird auf der Produktseite und im Feed veröffentlicht.',
  none: 'Noch keine Zertifizierungen.',
  action: 'Änderung',
  actions: { suspend: 'Aussetzen', reinstate: 'Wieder in Kraft setzen', revoke: 'Entziehen' } as Record<
    string,
    string
  >,
  reason: 'Öffentlicher Grund',
  reasonNeeded: 'Bitte nennen Sie den Grund, der veröffentlicht wird.',
  apply: 'Anwenden',
  changed: 'Der Status wurde geändert. Abzeichen, Seite, API und Feed zeigen ihn jetzt.',
  notAllowed:
    'Diese Änderung ist vom jetzigen Status der Zertifizierung aus nicht möglich. Laden Sie die Seite neu.',
};

export const registryMailDe: RegistryMailMessages = {
  reminderSubject: (product: string, days: number) =>
    `${product}: Das Zeichen läuft in höchstens ${days} Tagen ab`,
  reminderBody: (product: string, date: string, url: string) =>
    `die Trustmark-Zertifizierung von ${product} gilt bis ${date}. Zur Erneuerung wählen Sie „Zertifizierung erneuern“ auf der Produktseite; Ihre Antworten werden zur Bestätigung übernommen:\n\n${url}`,
  statusSubject: (product: string, status: string) => `${product}: Zertifizierung – ${status}`,
  statusBody: (product: string, status: string, reason: string, url: string) =>
    `die Trustmark-Zertifizierung von ${product} hat jetzt den Status: ${status}.\n\nGrund: ${reason}\n\n${url}`,
};
