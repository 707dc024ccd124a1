import type { ConcernsMessages } from './messages.en';

export const concernsDe: ConcernsMessages = {
  title: 'Bedenken melden',
  lead: (product: string) =>
    `Verdient ${product} Ihrer Meinung nach das Zeichen nicht? Sagen Sie dem Programm, warum. Ihre E-Mail-Adresse dient nur dazu, die Meldung zu bestätigen und Ihnen das Ergebnis mitzuteilen; sie wird nie veröffentlicht.`,
  criterion: 'Kriterium',
  wholeProduct: 'Das Produkt insgesamt',
  message: 'Was stimmt nicht, und woher wissen Sie es?',
  messageHint: 'Mindestens 20 Zeichen. Bitte keine personenbezogenen Daten anderer.',
  email: 'Ihre E-Mail-Adresse',
  emailHint: 'Zur Bestätigung und für das Ergebnis. Wird nie veröffentlicht.',
  send: 'Bedenken senden',
  tooShort: 'Bitte beschreiben Sie die Bedenken in mindestens 20 Zeichen.',
  unknownCriterion: 'Bitte wählen Sie eines der aufgeführten Kriterien.',
  closed: 'Bedenken können nur zu Produkten gemeldet werden, deren Zeichen gültig oder ausgesetzt ist.',
  sentTitle: 'Bitte bestätigen Sie Ihre Meldung',
  sentBody:
    'Wir haben Ihnen eine E-Mail mit einem Link geschickt. Ihre Meldung erreicht das Programm, sobald Sie ihn innerhalb von 48 Stunden öffnen.',
  confirmTitle: 'Meldung bestätigen',
  confirmLead:
    'Bestätigen Sie, dass Sie diese Bedenken gemeldet haben; dann gehen sie an die Verwaltung des Programms.',
  confirm: 'Meldung bestätigen',
  confirmedTitle: 'Danke – Ihre Meldung ist eingegangen',
  confirmedBody: 'Die Verwaltung des Programms prüft sie und schreibt Ihnen das Ergebnis.',
  invalidLink:
    'Dieser Link funktioniert nicht (mehr). Jeder Link gilt einmal und 48 Stunden lang; bitte melden Sie die Bedenken erneut.',
  mailSubject: (product: string) => `Bestätigen Sie Ihre Bedenken zu ${product}`,
  mailBody: (product: string, url: string) =>
    `Sie haben auf Trustmark Bedenken zu ${product} gemeldet. Zur Bestätigung öffnen Sie:\n\n${url}\n\nDer Link gilt 48 Stunden. Waren Sie es nicht, ignorieren Sie diese Nachricht; es geschieht nichts.`,
  outcomeSubject: (product: string) => `Ihre Bedenken zu ${product} sind entschieden`,
  outcomeBody: (product: string, decision: string, note: string, url: string) =>
    `das Programm hat über Ihre Bedenken zu ${product} entschieden: ${decision}.\n\n${note}\n\nDas Ergebnis steht (ohne Ihren Namen und Ihre Adresse) auf der Produktseite:\n\n${url}`,
  programSubject: (product: string) => `Neue Bedenken zu ${product}`,
  programBody: (product: string, url: string) =>
    `bestätigte Bedenken zu ${product} warten auf eine Entscheidung:\n\n${url}`,
  publicTitle: 'Bedenken',
  publicCount: (upheld: number, rejected: number) =>
    `Entschiedene Bedenken: ${upheld} bestätigt, ${rejected} zurückgewiesen.`,
  raise: 'Bedenken zu diesem Produkt melden',
  about: (criterion: string) => `Zu ${criterion}`,
  decisions: { upheld: 'Bestätigt', rejected: 'Zurückgewiesen' } as Record<string, string>,
  adminTitle: 'Bedenken',
  adminLead:
    'Bestätigte Bedenken aus der Öffentlichkeit. Bestätigen oder zurückweisen, jeweils mit einer Notiz: Ergebnis und Notiz erscheinen auf der Produktseite, die Adresse der meldenden Person nie.',
  adminNone: 'Noch keine bestätigten Bedenken.',
  from: 'Von',
  confirmedOn: 'Bestätigt',
  decision: 'Entscheidung',
  note: 'Öffentliche Notiz',
  noteNeeded: 'Bitte schreiben Sie eine Notiz; sie wird mit dem Ergebnis veröffentlicht.',
  decide: 'Entscheiden',
  decided: 'Die Bedenken sind entschieden und die meldende Person ist informiert.',
  alreadyDecided: 'Diese Bedenken sind bereits entschieden.',
  open: 'Offen',
};
