/** Words of the development outbox (outside production only). */
export const developmentEn = {
  title: 'Outbox',
  lead: 'Without SMTP_URL, outgoing mail is written to the data directory and listed here. This page exists only outside production.',
  empty: 'No mail has been written yet.',
  to: 'To',
  subject: 'Subject',
  sent: 'Written',
};

export type DevelopmentMessages = typeof developmentEn;
