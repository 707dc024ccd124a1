import type { AuditMessages } from './messages.en';

export const auditDe: AuditMessages = {
  title: 'Prüfprotokoll',
  lead: 'Wer hat was wann und warum getan: jede Entscheidung, Zuweisung, Statusänderung, Rollenänderung und Meldung. Einträge kann niemand ändern oder löschen.',
  actor: 'Person (Name oder E-Mail)',
  application: 'Bewerbungs-ID',
  product: 'Produkt-ID',
  kind: 'Art',
  anyKind: 'Jede Art',
  from: 'Von',
  to: 'Bis',
  filter: 'Anzeigen',
  download: 'Als CSV herunterladen',
  none: 'Kein Eintrag passt.',
  time: 'Zeit',
  platform: 'Die Plattform',
  subject: 'Gegenstand',
  reason: 'Begründung',
  details: 'Einzelheiten',
  badDate: 'Bitte geben Sie ein Datum als JJJJ-MM-TT ein.',
  shown: (count: number, limit: number) =>
    count >= limit
      ? `Die neuesten ${limit} passenden Einträge; grenzen Sie die Auswahl ein oder laden Sie die CSV-Datei.`
      : `${count} passende Einträge.`,
};
