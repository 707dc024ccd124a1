import type { CriteriaMessages } from './messages.en';

export const criteriaDe: CriteriaMessages = {
  title: 'Kriterienversionen',
  lead: 'Die Versionen stammen aus den Kriteriendateien. Neue Bewerbungen und Verlängerungen nutzen die neueste veröffentlichte Version; jede Bewerbung behält die Version, mit der sie begonnen hat.',
  version: 'Version',
  fromFiles: 'Datiert',
  criteriaCount: 'Kriterien',
  state: 'Stand',
  published: (date: string) => `Veröffentlicht am ${date}`,
  current: 'gilt für neue Bewerbungen',
  notPublished: 'Nicht veröffentlicht',
  publish: (version: number) => `Version ${version} veröffentlichen`,
  publishedNotice: (version: number) =>
    `Version ${version} ist veröffentlicht: Neue Bewerbungen und Verlängerungen nutzen sie ab jetzt.`,
  alreadyPublished: 'Diese Version ist bereits veröffentlicht.',
  olderThanCurrent: 'Nur eine Version, die neuer ist als die geltende, kann veröffentlicht werden.',
  compare: 'Zwei Versionen vergleichen',
  from: 'Von',
  to: 'Bis',
  show: 'Unterschiede zeigen',
  badComparison: 'Bitte wählen Sie zwei verschiedene Versionen aus der Liste.',
  diffTitle: (from: number, to: number) => `Von Version ${from} zu Version ${to}`,
  noChanges: 'Die beiden Versionen haben dieselben Kriterien.',
  kinds: { added: 'Neu', removed: 'Entfernt', changed: 'Geändert' } as Record<string, string>,
  aspects: {
    dimension: 'Dimension',
    level: 'Stufe',
    naAllowed: 'ob „nicht zutreffend“ erlaubt ist',
    met: 'was eine Antwort „erfüllt“ braucht',
    notApplicable: 'was eine Antwort „nicht zutreffend“ braucht',
    mappings: 'Zuordnung zu Normen',
    text: 'Wortlaut',
  } as Record<string, string>,
  changedAspects: (aspects: string) => `Geändert: ${aspects}.`,
  shareChanged: (from: number, to: number) =>
    `Die Entscheidungsregel ändert sich: mindestens ${Math.round(to * 100)} % der empfohlenen Kriterien je Dimension statt ${Math.round(from * 100)} %.`,
  touches: (applications: number, certifications: number) =>
    `Betrifft ${applications} offene ${applications === 1 ? 'Bewerbung' : 'Bewerbungen'} und ${certifications} ${certifications === 1 ? 'Zertifizierung' : 'Zertifizierungen'} der älteren Version.`,
  impactLead:
    'Offene Bewerbungen und Zertifizierungen behalten ihre Version; hier steht, für welche eine Änderung bei der Verlängerung zählt: ein neues Kriterium für alle, ein geändertes oder entferntes für die, die es beantwortet haben.',
  affectedApplications: 'Offene Bewerbungen',
  affectedCertifications: 'Zertifizierungen',
  back: 'Alle Versionen',
};
