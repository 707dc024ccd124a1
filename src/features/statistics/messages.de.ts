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
};
