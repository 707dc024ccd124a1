import type { EvidenceMessages } from './messages.en';

/** Die Wörter der Nachweisprüfungen, auf Deutsch. */
export const evidenceDe: EvidenceMessages = {
  checksHeading: 'Linkprüfung',
  notChecked: 'noch nicht geprüft',
  checkedAgo: (age: string) => `geprüft ${age}`,
  ago: {
    minutes: (n: number) => (n <= 1 ? 'gerade eben' : `vor ${n} Min.`),
    hours: (n: number) => `vor ${n} Std.`,
    days: (n: number) => (n === 1 ? 'vor 1 Tag' : `vor ${n} Tagen`),
  },
  redirectsElsewhere: (site: string) => `leitet auf eine andere Website um (${site})`,
  largerThan: (limit: string) => `größer als ${limit}, nicht weiter gelesen`,
  outcomes: {
    timeout: 'keine vollständige Antwort innerhalb der Frist',
    refused: 'abgelehnt: keine öffentliche Adresse',
    'too-many-redirects': 'zu viele Weiterleitungen',
    invalid: 'keine prüfbare Webadresse',
    unreachable: 'nicht erreichbar',
  } as Record<string, string>,
  securityTxt: {
    heading: 'security.txt der Website des Produkts',
    notChecked: 'noch nicht geprüft',
    missing: (status: string) => `nicht gefunden (${status})`,
    unreachable: 'konnte nicht abgerufen werden',
    valid: (contacts: string, expires: string) => `vorhanden: Kontakt ${contacts}, gültig bis ${expires}`,
    problems: {
      'no-contact': 'kein Feld „Contact“',
      'no-expires': 'kein Feld „Expires“',
      'several-expires': 'mehr als ein Feld „Expires“',
      'bad-expires': '„Expires“ ist kein gültiger Zeitpunkt',
      expired: 'abgelaufen',
    } as Record<string, string>,
  },
  changedNotice: (date: string) => `Nachweis seit der Prüfung am ${date} geändert`,
  changedLead:
    'Ein als Nachweis angegebener Link zeigt nicht mehr, was die Prüfenden gesehen haben. Das Unternehmen wurde gebeten, ihn zu aktualisieren.',
  changes: { changed: 'geändert', gone: 'nicht mehr verfügbar' } as Record<string, string>,
  overdueHeading: 'Nachweis geändert und nicht rechtzeitig aktualisiert',
  overdueLead:
    'Bei diesen zertifizierten Produkten hat sich ein Nachweis nach der Prüfung geändert, und die Frist des Unternehmens zur Aktualisierung ist abgelaufen.',
  overdueItem: (criterion: string, change: string, since: string) => `${criterion}: ${change} seit ${since}`,
  pin: {
    title: (criterion: string) => `Nachweis für ${criterion}, wie geprüft`,
    back: 'Zertifizierungen',
    address: 'Adresse',
    reviewed: 'Wie geprüft (Zeit, Status, SHA-256)',
    lastCheck: 'Letzte erneute Prüfung (Zeit, Status, SHA-256)',
    changedSince: 'Geändert seit',
    due: 'Aktualisierung durch das Unternehmen bis',
    snapshot: 'Text, wie ihn die Prüfenden gesehen haben',
    noSnapshot: 'Es wurde kein Text aufbewahrt: Der Link war bei der Prüfung keine kleine Textseite.',
  },
  update: {
    title: (product: string) => `${product} aktualisieren`,
    changedLead: (date: string) =>
      `Eine erneute Prüfung hat ergeben, dass sich Nachweise dieses zertifizierten Produkts seit der Prüfung am ${date} geändert haben. Starten Sie eine Aktualisierung: Eine kleine Prüfung der geänderten Antworten hält die Zertifizierung aktuell.`,
    changedItem: (criterion: string, title: string, change: string, since: string) =>
      `${criterion}: ${title} (${change} seit ${since})`,
    due: (date: string) => `Bitte aktualisieren Sie bis zum ${date}.`,
    howItWorks: (unchanged: number) =>
      `Die Aktualisierung beginnt mit den zertifizierten Antworten. Mit dem Start bestätigen Sie die ${unchanged} Antworten, deren Nachweise sich nicht geändert haben, so wie sie zertifiziert wurden; prüfen und speichern Sie die oben genannten Antworten und reichen Sie dann ein. Die Prüfenden entscheiden nur über das Geänderte, und ihre Zertifizierung erneuert das Zeichen.`,
    start: 'Aktualisierung starten',
    underWay: 'Für dieses Produkt ist bereits eine Bewerbung offen; setzen Sie sie fort:',
    openApplication: 'Offene Bewerbung',
    nothingChanged:
      'Seit der Prüfung hat sich kein Nachweis dieses Produkts geändert: Es gibt nichts zu aktualisieren.',
    notCertified: 'Dieses Produkt hat keine aktuelle Zertifizierung, die aktualisiert werden könnte.',
    productPage: 'Zurück zum Produkt',
  },
  mailSubject: (product: string) => `Nachweis für ${product} hat sich geändert`,
  mailBody: (product: string, links: string, due: string, url: string, updateUrl: string) =>
    `Eine erneute Prüfung der Nachweise für das zertifizierte Produkt ${product} hat ergeben, dass dieser Link nicht mehr zeigt, was die Prüfenden gesehen haben:\n\n${links}\n\nDie öffentliche Produktseite weist jetzt darauf hin, dass sich ein Nachweis seit der Prüfung geändert hat. Bitte stellen Sie die Seite wieder her oder teilen Sie dem Programm bis zum ${due} mit, was sich geändert hat; danach sehen sich die Verwaltenden des Programms die Zertifizierung an.\n\n${url}\n\nUm die Zertifizierung zu aktualisieren, starten Sie hier eine kleine Prüfung der geänderten Antworten; alle anderen Antworten werden wie zertifiziert übernommen:\n\n${updateUrl}`,
};
