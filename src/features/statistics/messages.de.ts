import type { StatisticsMessages } from './messages.en';

export const statisticsDe: StatisticsMessages = {
  title: 'Statistik',
  lead: 'Wie es um das Programm steht: Bewerbungen, Prüfzeiten und Zertifizierungen, live aus der Datenbank gezählt.',
  applications: 'Bewerbungen nach Stand',
  status: 'Stand',
  count: 'Anzahl',
  times: 'Prüfzeiten',
  certifications: 'Gültige Zertifizierungen nach Kategorie',
  category: 'Kategorie',
  dimensions: 'Gültige Zertifizierungen, die jedes Kriterium einer Dimension erfüllen',
  dimension: 'Dimension',
  overTime: 'In den letzten zwölf Monaten',
  month: 'Monat',
  submitted: 'Eingereichte Bewerbungen',
  issued: 'Erteilte Zertifizierungen',
  quality: 'Qualität der Prüfung',
  qualityLead:
    'Wie ähnlich die Prüfenden derselben Runde urteilen. Je zwei Prüfende, die in derselben Runde beide ein Urteil zu einem Kriterium abgegeben haben, bilden ein Paar. „Gleich“ ist der Anteil der Paare mit demselben Urteil; Cohens Kappa rechnet die Übereinstimmung heraus, die schon der Zufall ergäbe (1: immer gleich, 0: nicht besser als der Zufall, unter 0: schlechter). „—“ heißt, dass er sich nicht berechnen lässt: noch nichts zu vergleichen, oder jedes Urteil war dasselbe, sodass der Zufall alles erklärt.',
  byDimension: 'Übereinstimmung nach Dimension',
  byCriterion: 'Übereinstimmung nach Kriterium',
  lowest: 'Kriterien mit der geringsten Übereinstimmung: Kandidaten für klarere Hinweise',
  criterion: 'Kriterium',
  pairs: 'Verglichene Paare',
  identical: 'Gleiche Urteile',
  kappa: 'Cohens Kappa',
  noPairs: 'Noch haben keine zwei Prüfenden dasselbe Kriterium in derselben Runde beurteilt.',
  reviewers: 'Prüfende',
  reviewer: 'Prüferin oder Prüfer',
  reviewsDone: 'Abgegebene Prüfungen',
  medianTime: 'Median der Prüfdauer',
  overturned: 'Aufgehobene Urteile',
  noReviews: 'Noch wurde keine Prüfung abgegeben.',
  timeDefinition:
    'Die Prüfdauer reicht vom späteren Zeitpunkt aus Zuweisung und Beginn der Runde bis zur abgegebenen Prüfung.',
  overturnedDefinition:
    'Ein Urteil gilt als aufgehoben, wenn die Entscheidung seiner Runde dagegen ausfiel: Die Person fand ein Kriterium „nicht erfüllt“ oder „Klärung nötig“, und die Bewerbung wurde in dieser Runde zertifiziert, oder sie akzeptierte ein Kriterium, das eine andere Person der Runde „nicht erfüllt“ fand, und die Runde endete mit „nicht zertifiziert“. Der Anteil bezieht sich auf ihre Urteile in Runden, die mit einer Zertifizierung oder ihrer Ablehnung endeten (eine Bitte um Änderungen entscheidet über kein einzelnes Urteil).',
  hours: (hours: string) => `${hours} Std.`,
  overturnedOf: (overturned: number, verdicts: number, share: string) =>
    `${share} (${overturned} von ${verdicts})`,
};
