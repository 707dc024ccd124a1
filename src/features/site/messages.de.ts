import type { SiteMessages } from './messages.en';

export const siteDe: SiteMessages = {
  home: {
    title: 'Erkennen, welche vernetzten Produkte Vertrauen verdienen',
    lead: 'Die meisten smarten Geräte sind Blackboxes: Man sieht nicht, was sie erfassen, wer es bekommt und wie lange sie funktionieren. Trustmark ist ein kostenloses Zeichen für Hersteller, die es richtig machen – und das auch zeigen wollen.',
    applyCta: 'Produkt anmelden',
    dimensionsCta: 'Was wir prüfen',
    whatTitle: 'Was das Zeichen bedeutet',
    whatBody:
      'Ein Produkt mit dem Zeichen wurde von seinem Hersteller entlang von fünf Dimensionen dokumentiert – Datenschutz und Datenpraxis, Transparenz, Sicherheit, Beständigkeit und Offenheit – und diese Dokumentation wurde von unabhängigen Fachleuten geprüft.',
    whoTitle: 'Für wen es gedacht ist',
    whoBody:
      'Für Unternehmen jeder Größe, vom Zwei-Personen-Start-up bis zur globalen Marke, die ihre Nutzerinnen und Nutzer bereits respektvoll behandeln und das glaubwürdig belegen wollen. Und für alle, die ein Gerät auswählen und bessere Informationen verdienen als ein Werbeversprechen.',
    howTitle: 'So funktioniert es',
    steps: [
      {
        title: 'Selbstauskunft',
        body: 'Das Unternehmen beantwortet einen Fragebogen zu den fünf Dimensionen, begründet jede Antwort und verlinkt seine Nachweise. Teams können gemeinsam daran arbeiten.',
      },
      {
        title: 'Prüfung durch Fachleute',
        body: 'Gutachterinnen und Gutachter aus unserem Netzwerk prüfen, ob die Antworten vollständig, stimmig und glaubwürdig sind, und fragen nach, wo sie es nicht sind.',
      },
      {
        title: 'Veröffentlicht nur bei Erfolg',
        body: 'Solange eine Bewerbung geprüft wird oder wenn sie nicht erfolgreich ist, wird nichts davon öffentlich. Zertifizierte Produkte erscheinen mit ihrer vollständigen Selbstauskunft.',
      },
      {
        title: 'Kostenlos',
        body: 'Bewerbung, Prüfung und Zeichen kosten nichts. Wer die Arbeit gemacht hat, soll sie schnell dokumentieren können.',
      },
    ],
    notTitle: 'Was das Zeichen nicht ist',
    notBody:
      'Trustmark ist keine rechtliche Zertifizierung, kein Labortest und kein Audit von Quellcode oder Hardware. Es ist eine sorgfältige, öffentliche Prüfung dessen, was ein Unternehmen über sein Produkt angibt – mit einem Weg, Probleme zu melden und das Zeichen zu entziehen.',
    latestNews: 'Aktuelles',
    allNews: 'Alle Neuigkeiten',
  },
  dimensions: {
    title: 'Die fünf Dimensionen',
    lead: 'Jedes Produkt wird entlang derselben fünf Dimensionen bewertet. Die ersten vier sind Pflicht. Offenheit ist keine Pflicht, doch ein weitgehend offenes Produkt erhält einen Vertrauensvorschuss.',
    required: 'Pflicht',
    encouraged: 'Erwünscht, keine Pflicht',
    guidingQuestion: 'Leitfrage',
    items: {
      privacy: {
        name: 'Datenschutz & Datenpraxis',
        question:
          'Ist das Produkt nach dem Stand der Technik im Umgang mit Daten gestaltet und achtet es die Rechte seiner Nutzer?',
        body: 'Wir fragen, welche personenbezogenen Daten das Produkt erfasst und wozu, wo sie gespeichert werden, wer darauf zugreifen kann, ob man sie exportieren und löschen kann und ob das Produkt fragt, bevor es Unnötiges erfasst.',
      },
      transparency: {
        name: 'Transparenz',
        question: 'Ist für Nutzer klar, was das Gerät tut und wie ihre Daten verwendet werden können?',
        body: 'Wir erwarten verständliche Informationen vor und nach dem Kauf: welche Sensoren das Gerät hat, was es wohin sendet, wie lange der Hersteller Updates zusagt und wie Auskunftsersuchen bearbeitet werden.',
      },
      security: {
        name: 'Sicherheit',
        question: 'Ist das Produkt nach dem Stand der Technik sicher gestaltet und gebaut?',
        body: 'Wir prüfen die Grundlagen, die jedes vernetzte Produkt erfüllen sollte: keine einheitlichen Standardpasswörter, ein Weg zur Meldung von Schwachstellen, sichere und signierte Updates, verschlüsselte Kommunikation und eine kleine Angriffsfläche.',
      },
      stability: {
        name: 'Beständigkeit',
        question: 'Wie robust ist das Produkt und wie lange kann man es realistischerweise nutzen?',
        body: 'Wir betrachten den zugesagten Unterstützungszeitraum und sein Enddatum, was ohne Internet weiter funktioniert und was geschieht, wenn der Hersteller übernommen wird, schließt oder das Produkt nicht mehr pflegt.',
      },
      openness: {
        name: 'Offenheit',
        question:
          'Wie offen sind das Produkt und die Abläufe des Herstellers? Nutzt oder erzeugt es offene Daten?',
        body: 'Wir betrachten offene Standards und Schnittstellen, veröffentlichten Quellcode oder eine Software-Stückliste, Beiträge zu Open Source und offene Daten, die das Produkt nutzt oder erzeugt.',
      },
    },
  },
  partners: {
    title: 'Partner',
    lead: 'Trustmark arbeitet mit Organisationen aus Forschung, Politik und Gestaltungspraxis, die das Ziel vertrauenswürdiger vernetzter Technik teilen.',
    empty: 'Noch sind keine Partner eingetragen.',
    visit: (name: string) => `${name} besuchen (öffnet deren Website)`,
    kinds: {
      academia: 'Forschung',
      policy: 'Politik',
      design: 'Gestaltungspraxis',
      'civil-society': 'Zivilgesellschaft',
    },
  },
  news: {
    title: 'Neuigkeiten',
    lead: 'Aus dem Programm: neue Kriterien, Prüfrunden, gesammelte Erfahrungen.',
    empty: 'Noch keine Neuigkeiten.',
    readMore: (title: string) => `„${title}“ lesen`,
    published: 'Veröffentlicht',
    back: 'Alle Neuigkeiten',
    feed: 'Atom-Feed abonnieren',
  },
  contact: {
    title: 'Kontakt',
    lead: 'Fragen zum Zeichen, zu einer Bewerbung oder zu einem zertifizierten Produkt? Schreiben Sie uns; jede Nachricht liest ein Mensch.',
    name: 'Ihr Name',
    email: 'Ihre E-Mail-Adresse',
    emailHint: 'Wir nutzen sie nur, um Ihnen zu antworten.',
    message: 'Ihre Nachricht',
    honeypot: 'Dieses Feld bitte leer lassen',
    send: 'Nachricht senden',
    sentTitle: 'Vielen Dank',
    sentBody: 'Ihre Nachricht ist unterwegs. Wir antworten meist innerhalb weniger Werktage.',
    tooFast: 'Das ging sehr schnell. Bitte prüfen Sie Ihre Nachricht und senden Sie sie erneut.',
    expired: 'Dieses Formular war lange geöffnet. Bitte senden Sie es erneut.',
    mailFailed:
      'Ihre Nachricht konnte gerade nicht gesendet werden. Es ist nichts verloren: Bitte versuchen Sie es gleich noch einmal.',
    mailSubject: (name: string) => `Kontaktformular: Nachricht von ${name}`,
  },
  privacy: {
    title: 'Datenschutzhinweise',
    lead: 'Diese Hinweise betreffen die Trustmark-Plattform selbst. Wir messen uns an dem Maßstab, den wir an zertifizierte Produkte anlegen.',
    sections: [
      {
        heading: 'Besucherinnen und Besucher',
        body: 'Beim Lesen der öffentlichen Seiten wird kein Cookie gesetzt und nichts von anderen Websites geladen: keine Statistik, keine Tracker, keine externen Schriften oder Skripte. Unser Server führt ein technisches Protokoll der Anfragen (Zeit, aufgerufene Adresse, Status) für Sicherheit und Betrieb, höchstens 14 Tage lang.',
      },
      {
        heading: 'Konten',
        body: 'Für eine Bewerbung legen Sie ein Konto mit Namen, E-Mail-Adresse und Passwort an. Das Passwort speichern wir nur als gesalzenen, langsamen Hash. Ein Sitzungs-Cookie hält Sie angemeldet; es wird erst bei der Anmeldung gesetzt und ist technisch notwendig. Gutachter und Administratoren müssen zusätzlich einen zweiten Faktor nutzen.',
      },
      {
        heading: 'Unternehmen und Bewerbungen',
        body: 'Unternehmensangaben, Teammitglieder und alles in einer Bewerbung sehen nur die Mitglieder des Unternehmens, die zugewiesenen Gutachter und die Administratoren des Programms. Eine Bewerbung wird nur veröffentlicht, wenn das Produkt zertifiziert wird; alles andere wird nie öffentlich.',
      },
      {
        heading: 'Kontaktformular',
        body: 'Eine Nachricht über das Kontaktformular wird per E-Mail an das Programmteam weitergeleitet und nicht auf der Plattform gespeichert.',
      },
      {
        heading: 'Bedenken zu zertifizierten Produkten',
        body: 'Gemeldete Bedenken speichern wir mit der angegebenen E-Mail-Adresse, die wir nur zur Bestätigung und für die Mitteilung des Ergebnisses verwenden. Sie sind für die Verwaltung des Programms sichtbar und, wenn diese eine erneute Prüfung beginnt, ihr Text (nie Ihre Adresse) für die Prüfer, die sich das Produkt erneut ansehen; sie werden nie veröffentlicht; die Produktseite zeigt nur, wie viele Bedenken bestätigt oder zurückgewiesen wurden, und die Notiz der Verwaltung. Nicht innerhalb von 48 Stunden bestätigte Meldungen werden gelöscht.',
      },
      {
        heading: 'E-Mail',
        body: 'Wir senden nur E-Mails, die Sie angefordert haben oder benötigen: Bestätigung Ihrer Adresse, Zurücksetzen des Passworts, Einladungen in ein Unternehmen und die Schritte Ihrer Bewerbung.',
      },
      {
        heading: 'Ihre Rechte',
        body: 'Auf Ihrer Kontoseite können Sie alles, was die Plattform über Sie speichert, als JSON-Datei herunterladen und Ihr Konto löschen. Dabei werden Ihr Name, Ihre E-Mail-Adresse, Ihr Passwort, Ihre Sitzungen, die Einstellungen für den zweiten Faktor, Mitgliedschaften und E-Mail-Einstellungen entfernt; Antworten und Nachrichten, die Sie geschrieben haben, bleiben bei den Bewerbungen Ihres Unternehmens und sind als von einem gelöschten Konto gekennzeichnet, und das Prüfprotokoll behält einen anonymen Verweis. Die Inhaberin oder der Inhaber eines Unternehmens muss es zuvor einem anderen Mitglied übergeben oder es schließen; dabei werden seine Produkte und Bewerbungen gelöscht und seine Zertifizierungen beendet. Für alles andere – eine Berichtigung, eine Frage – schreiben Sie uns über die Kontaktseite. Sie haben außerdem das Recht, sich bei einer Datenschutzaufsichtsbehörde zu beschweren.',
      },
    ],
    retentionHeading: 'Wie lange wir Bewerbungen aufbewahren',
    retention: (days: number) =>
      `Eine Bewerbung, die nicht zu einer Zertifizierung führt (nicht zertifiziert oder zurückgezogen), wird nie veröffentlicht und ${days} Tage nach ihrem Ende mit ihren Antworten und Dokumenten gelöscht, es sei denn, das Unternehmen entscheidet sich auf der Seite der Bewerbung, sie aufzubewahren. Eine zertifizierte Bewerbung bleibt, weil ihr veröffentlichter Eintrag Teil des öffentlichen Verzeichnisses ist.`,
  },
};
