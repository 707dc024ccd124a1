import type { OperationsMessages } from './messages.en';

export const operationsDe: OperationsMessages = {
  title: 'Hintergrundarbeit',
  lead: 'E-Mails und andere Arbeit, die auf eine Änderung folgt, laufen im Hintergrund und werden wiederholt, bis sie gelingen. Was aufgegeben wurde, steht zuerst da, mit seinem Fehler.',
  counts: 'Aufträge nach Zustand',
  state: 'Zustand',
  number: 'Anzahl',
  states: {
    pending: 'Wartet',
    running: 'Läuft',
    failed: 'Aufgegeben',
    done: 'Erledigt (7 Tage aufbewahrt)',
  },
  open: 'Nicht erledigte Aufträge',
  none: 'Nichts wartet: alle Hintergrundarbeit ist erledigt.',
  kind: 'Art',
  attempts: 'Versuche',
  nextTry: 'Nächster Versuch',
  created: 'Angelegt',
  error: 'Letzter Fehler',
  kinds: {
    mail: 'E-Mail',
    'certification.issue': 'Zertifizierung veröffentlichen',
    'review.fill-assignments': 'Gutachter zuweisen',
    'credential.issue': 'Nachweis signieren',
    'transparency.append': 'Eintrag ins Transparenzprotokoll',
  },
  retry: 'Erneut versuchen',
  retried: 'Der Auftrag wird jetzt erneut versucht.',
  notFailed: 'Dieser Auftrag wurde nicht aufgegeben, es gibt also nichts erneut zu versuchen.',
};
