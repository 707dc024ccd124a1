import type { DevelopmentMessages } from './messages.en';

export const developmentDe: DevelopmentMessages = {
  title: 'Postausgang',
  lead: 'Ohne SMTP_URL wird ausgehende Post im Datenverzeichnis abgelegt und hier aufgelistet. Diese Seite gibt es nur außerhalb der Produktion.',
  empty: 'Es wurde noch keine Post abgelegt.',
  to: 'An',
  subject: 'Betreff',
  sent: 'Abgelegt',
};
