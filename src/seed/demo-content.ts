import type { NewNewsPost, NewPartner } from '../platform/db/schema';

/** Example news posts and partners for a fresh development database. Invented organisations only. */
export const demoNews: Omit<NewNewsPost, 'id' | 'created_at' | 'updated_at'>[] = [
  {
    locale: 'en',
    slug: 'applications-are-open',
    title: 'Applications are open',
    summary: 'Companies can now document their connected products for the mark, free of charge.',
    body_markdown:
      'From today, any company can create an account, add its products and start the self-assessment.\n\n' +
      'The questionnaire follows the five dimensions: **privacy and data practices, transparency, security, stability and openness**. ' +
      'Each answer comes with an explanation and evidence, so reviewers can check it.\n\n' +
      'Nothing is published unless the product is certified.',
    published_at: '2026-09-01T09:00:00.000Z',
  },
  {
    locale: 'en',
    slug: 'why-support-periods-matter',
    title: 'Why support periods matter',
    summary:
      'A device without security updates becomes a risk. We ask every maker to say until when they provide them.',
    body_markdown:
      'A connected product is only as safe as its last update. Buyers rarely learn how long that will be.\n\n' +
      'Every certified product therefore states **the date until which its maker promises security updates**, ' +
      'and the mark never lasts beyond it.',
    published_at: '2026-10-06T09:00:00.000Z',
  },
  {
    locale: 'en',
    slug: 'lessons-from-the-first-reviews',
    title: 'Lessons from the first reviews',
    summary: 'What reviewers asked most often, and how applicants can answer before they are asked.',
    body_markdown:
      'Three questions came up in almost every review:\n\n' +
      '1. Which personal data leaves the device, and where does it go?\n' +
      '2. Can a person export and delete their data without writing to support?\n' +
      '3. What keeps working if the maker’s servers go away?\n\n' +
      'Answering these with links to public documents makes a review much quicker.',
    published_at: '2026-11-10T09:00:00.000Z',
  },
  {
    locale: 'de',
    slug: 'bewerbungen-sind-offen',
    title: 'Bewerbungen sind geöffnet',
    summary: 'Unternehmen können ihre vernetzten Produkte ab sofort kostenlos für das Zeichen dokumentieren.',
    body_markdown:
      'Ab heute kann jedes Unternehmen ein Konto anlegen, seine Produkte hinzufügen und mit der Selbstauskunft beginnen.\n\n' +
      'Der Fragebogen folgt den fünf Dimensionen: **Datenschutz und Datenpraxis, Transparenz, Sicherheit, Beständigkeit und Offenheit**. ' +
      'Jede Antwort enthält eine Begründung und Nachweise, damit Gutachter sie prüfen können.\n\n' +
      'Veröffentlicht wird nur, wenn das Produkt zertifiziert wird.',
    published_at: '2026-09-01T09:00:00.000Z',
  },
  {
    locale: 'de',
    slug: 'warum-unterstuetzungszeitraeume-zaehlen',
    title: 'Warum Unterstützungszeiträume zählen',
    summary:
      'Ein Gerät ohne Sicherheitsupdates wird zum Risiko. Wir bitten jeden Hersteller, ein Enddatum zu nennen.',
    body_markdown:
      'Ein vernetztes Produkt ist nur so sicher wie sein letztes Update. Käufer erfahren selten, wie lange es welche gibt.\n\n' +
      'Jedes zertifizierte Produkt nennt deshalb **das Datum, bis zu dem sein Hersteller Sicherheitsupdates zusagt**, ' +
      'und das Zeichen gilt nie darüber hinaus.',
    published_at: '2026-10-06T09:00:00.000Z',
  },
  {
    locale: 'de',
    slug: 'erfahrungen-aus-den-ersten-pruefungen',
    title: 'Erfahrungen aus den ersten Prüfungen',
    summary: 'Was Gutachter am häufigsten fragten – und wie Bewerber es vorab beantworten können.',
    body_markdown:
      'Drei Fragen kamen in fast jeder Prüfung:\n\n' +
      '1. Welche personenbezogenen Daten verlassen das Gerät, und wohin gehen sie?\n' +
      '2. Kann man seine Daten exportieren und löschen, ohne dem Support zu schreiben?\n' +
      '3. Was funktioniert weiter, wenn die Server des Herstellers verschwinden?\n\n' +
      'Wer diese Fragen mit Links auf öffentliche Dokumente beantwortet, verkürzt die Prüfung deutlich.',
    published_at: '2026-11-10T09:00:00.000Z',
  },
];

export const demoPartners: Omit<NewPartner, 'id'>[] = [
  {
    name: 'Institute for Connected Living (example)',
    url: 'https://connected-living.example',
    kind: 'academia',
    description_en: 'A university lab that studies how people live with smart home technology.',
    description_de: 'Ein Universitätslabor, das erforscht, wie Menschen mit Smart-Home-Technik leben.',
    sort_order: 1,
  },
  {
    name: 'Digital Consumer Forum (example)',
    url: 'https://digital-consumers.example',
    kind: 'civil-society',
    description_en: 'A consumer organisation that advises buyers on privacy and security of devices.',
    description_de:
      'Eine Verbraucherorganisation, die beim Kauf zu Datenschutz und Sicherheit von Geräten berät.',
    sort_order: 2,
  },
  {
    name: 'Open Hardware Policy Network (example)',
    url: 'https://open-hardware-policy.example',
    kind: 'policy',
    description_en: 'Policy researchers working on repairability, support periods and open interfaces.',
    description_de:
      'Politikforschung zu Reparierbarkeit, Unterstützungszeiträumen und offenen Schnittstellen.',
    sort_order: 3,
  },
  {
    name: 'Studio Calm Tech (example)',
    url: 'https://calm-tech-studio.example',
    kind: 'design',
    description_en: 'A design studio that helps makers explain what their products do with data.',
    description_de: 'Ein Designstudio, das Herstellern hilft zu erklären, was ihre Produkte mit Daten tun.',
    sort_order: 4,
  },
];
