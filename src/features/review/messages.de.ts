import type { MarkLinks } from '../../messages/en';
import type {
  ReviewMessages,
  ReviewAdminMessages,
  ReviewMailMessages,
  ReReviewMessages,
} from './messages.en';

export const reviewDe: ReviewMessages = {
  appealTitle: 'Dies ist ein Einspruch',
  appealLead:
    'Das Unternehmen hat gegen eine Entscheidung „nicht zertifiziert“ Einspruch erhoben, an der Sie nicht beteiligt waren; die frühere Entscheidung steht unten. Prüfen Sie die Antworten neu. Die Begründung des Unternehmens:',
  title: 'Prüfung',
  lead: 'Ihnen zugewiesene Bewerbungen. Sehen Sie sich jede zuerst allein an; die anderen Urteile erscheinen, sobald Sie Ihres eingereicht haben.',
  queueEmpty: 'Keine Bewerbungen warten auf Prüfung.',
  backToList: 'Zurück zu Ihren Prüfungen',
  assignedToYou: 'Ihnen zugewiesen',
  profile: 'Ihr Prüferprofil',
  profileLead: 'Wie viel Sie übernehmen können, und welche Unternehmen Sie nicht prüfen dürfen.',
  adminTitle: 'Verwaltung der Prüfungen',
  product: 'Produkt',
  company: 'Unternehmen',
  status: 'Stand',
  submittedOn: 'Eingereicht',
  roundLabel: (round: number) => `Runde ${round}`,
  capacity: 'Offene Bewerbungen, die Sie gleichzeitig übernehmen können',
  capacityHint: 'Eine ganze Zahl von 1 bis 50.',
  capacityRange: 'Bitte geben Sie eine ganze Zahl von 1 bis 50 ein.',
  available: 'Verfügbar für neue Bewerbungen',
  saveProfile: 'Profil speichern',
  profileSaved: 'Ihr Profil wurde gespeichert.',
  notInPool: 'Sie gehören nicht zum Prüferkreis; bitten Sie eine Administratorin um die Prüferrolle.',
  conflicts: 'Interessenkonflikte',
  conflictsLead:
    'Melden Sie jedes Unternehmen, für das Sie arbeiten, das Sie beraten, in das Sie investieren oder mit dem Sie im Wettbewerb stehen. Sie sehen dessen Bewerbungen nie, und solche, die Sie jetzt haben, gehen an andere Prüfer.',
  noConflicts: 'Keine Konflikte gemeldet.',
  conflictReason: 'Warum (freiwillig, für die Verwaltung sichtbar)',
  declareConflict: 'Konflikt melden',
  withdrawConflict: 'Zurückziehen',
  conflictSaved: 'Ihre Interessenkonflikte wurden aktualisiert.',
  workspaceTitle: (product: string) => `Prüfung: ${product}`,
  productFacts: 'Das Produkt',
  reviewers: 'Prüfer',
  hasSubmitted: 'hat eingereicht',
  stillReviewing: 'prüft noch',
  independentFirstLook:
    'Die Urteile der anderen Prüfer sehen Sie, sobald Sie Ihr eigenes eingereicht haben: Jeder erste Blick ist unabhängig.',
  decisions: 'Entscheidungen',
  verdicts: {
    accepted: 'Akzeptiert',
    'needs-clarification': 'Klärung nötig',
    'not-met': 'Nicht erfüllt',
  } as Record<string, string>,
  noVerdict: 'Noch kein Urteil',
  yourVerdict: (criterionId: string) => `Ihr Urteil zu ${criterionId}`,
  comment: 'Kommentar oder Frage an das Unternehmen (nötig, außer bei „Akzeptiert“)',
  verdictMissing: 'Bitte wählen Sie ein Urteil.',
  commentNeeded: 'Bitte schreiben Sie, was fehlt oder unklar ist.',
  yourReview: 'Ihre Prüfung dieser Runde',
  recommendation: 'Sie empfehlen',
  recommendationMissing: 'Bitte wählen Sie Ihre Empfehlung.',
  outcomes: {
    certify: 'Zertifizieren',
    'request-changes': 'Das Unternehmen um Änderungen bitten',
    'not-certify': 'Nicht zertifizieren',
  } as Record<string, string>,
  rationale: 'Ihre Gründe',
  rationaleHint: 'Für die anderen Prüfer sichtbar; die Entscheidung hat ihre eigene schriftliche Begründung.',
  saveVerdicts: 'Urteile speichern',
  submitReview: 'Meine Prüfung einreichen',
  reviseReview: 'Meine Prüfung aktualisieren',
  verdictsSaved: 'Ihre Urteile wurden gespeichert.',
  reviewSubmitted: 'Ihre Prüfung wurde eingereicht.',
  notReviewable:
    'Diese Bewerbung ist in dieser Runde nicht mehr zur Prüfung offen. Laden Sie sie neu, um den Stand zu sehen.',
  decide: 'Entscheidung',
  decideWhenAllSubmitted:
    'Entschieden werden kann, sobald alle zugewiesenen Prüfer ihre Prüfung eingereicht haben.',
  rulePasses: 'Mit den jetzigen Urteilen ist die Entscheidungsregel erfüllt.',
  ruleFails:
    'Mit den jetzigen Urteilen ist die Entscheidungsregel nicht erfüllt: Jedes Pflichtkriterium und genug empfohlene müssen von allen Prüfern akzeptiert sein.',
  outcome: 'Ergebnis',
  decisionRationale: 'Schriftliche Begründung',
  decisionRationaleHint: 'Das Unternehmen liest sie. Schreiben Sie, was entschieden wurde und warum.',
  recordDecision: 'Entscheidung festhalten',
  decided: 'Die Entscheidung wurde festgehalten.',
  alreadyDecided:
    'Jemand anderes hat gerade über diese Bewerbung entschieden. Laden Sie sie neu, um die Entscheidung zu sehen.',
  refusals: {
    'reviews-incomplete': 'Noch haben nicht alle zugewiesenen Prüfer ihre Prüfung eingereicht.',
    disagreement:
      'Die Prüfer empfehlen verschiedene Ergebnisse. Gleichen Sie Ihre Urteile ab oder bitten Sie die Verwaltung um eine Entscheidung.',
    'rule-fails': 'Diese Bewerbung kann nicht zertifiziert werden: Sie erfüllt die Entscheidungsregel nicht.',
    'not-allowed': 'Nur die zugewiesenen Prüfer oder die Verwaltung können entscheiden.',
  } as Record<string, string>,
  thread: (count: number) => (count === 0 ? 'Fragen und Antworten' : `Fragen und Antworten (${count})`),
  reviewer: 'Prüfer',
  reply: 'Senden',
  replyLabel: 'Ihre Nachricht',
  messageSent: 'Ihre Nachricht wurde hinzugefügt.',
  unchanged: 'Seit der letzten Runde unverändert.',
  changedSinceLastRound: 'Seit der letzten Runde geändert',
  statusChanged: (before: string, after: string) => `Antwort: ${before} → ${after}`,
  evidenceAdded: (item: string) => `Nachweis hinzugefügt: ${item}`,
  evidenceRemoved: (item: string) => `Nachweis entfernt: ${item}`,
  roundCounts: (changed: number, carried: number, toDecide: number) =>
    `${changed} geändert, ${carried} übernommen, ${toDecide} zu entscheiden`,
  changedFirst: 'Seit der letzten Runde geändert oder beantwortet',
  changedFirstLead:
    'Das Unternehmen hat diese Antworten geändert oder eine Frage dazu beantwortet. Ihre Urteile zu allen anderen Kriterien sind aus der letzten Runde übernommen.',
  changedSinceCertified: 'Seit der zertifizierten Bewerbung geändert',
  changedSinceCertifiedLead:
    'Diese Bewerbung aktualisiert eine zertifizierte. Das Unternehmen hat diese Antworten geändert, oder ihr Nachweis hat sich seit der Zertifizierung geändert. Ihre abschließenden Bewertungen der zertifizierten Bewerbung werden bei allen anderen Kriterien übernommen.',
  carriedOverFromCertified:
    'Aus der zertifizierten Bewerbung übernommen: ändern Sie sie, wenn Sie es anders sehen.',
  carriedOver: (round: number) => `Aus Runde ${round} übernommen: Ändern Sie es, wenn Sie es anders sehen.`,
  history: 'Verlauf',
  auditActions: {
    'evidence-update-started': 'Aktualisierung geänderter Nachweise gestartet',
    submitted: 'Eingereicht',
    assigned: 'Prüfer zugewiesen',
    unassigned: 'Prüfer abgezogen',
    'review-started': 'Prüfung begonnen',
    'review-submitted': 'Ein Prüfer hat seine Prüfung eingereicht',
    'changes-requested': 'Änderungen erbeten',
    resubmitted: 'Erneut eingereicht',
    decided: 'Entschieden',
    withdrawn: 'Zurückgezogen',
    appealed: 'Widerspruch eingelegt',
    'application-kept': 'Vom Unternehmen aufbewahrt',
    'application-released': 'Vom Unternehmen zur Löschung freigegeben',
  } as Record<string, string>,
  pausedTitle: 'Die Prüfungen sind pausiert.',
  pausedDefault:
    'Sie können weiterhin Bewerbungen vorbereiten und einreichen; sie werden der Reihe nach geprüft, sobald es weitergeht.',
  reviewersRange: 'Bitte geben Sie eine ganze Zahl von 1 bis 5 ein.',
};

export const reviewAdminDe: ReviewAdminMessages = {
  title: 'Verwaltung der Prüfungen',
  lead: 'Prüfungen pausieren und fortsetzen, festlegen, wie viele Prüfer jede Bewerbung erhält, und die Warteschlange verfolgen.',
  notices: {
    paused: 'Die Prüfungen sind pausiert. Der Hinweis erscheint auf jeder Seite.',
    resumed: 'Die Prüfungen gehen weiter. Jedes Unternehmen in der Warteschlange wurde benachrichtigt.',
    saved: 'Die Einstellungen wurden gespeichert.',
    assigned: 'Der Prüfer wurde zugewiesen.',
    unassigned: 'Der Prüfer wurde von der Bewerbung abgezogen.',
  } as Record<string, string>,
  pausedNow: 'Die Prüfungen sind pausiert',
  runningNow: 'Die Prüfungen laufen',
  resumeLead: (waiting: number) =>
    `${waiting} ${waiting === 1 ? 'Bewerbung wartet' : 'Bewerbungen warten'} in der Warteschlange. Beim Fortsetzen wird jedes Unternehmen benachrichtigt, und Prüfer werden zugewiesen, soweit Kapazität frei ist.`,
  resume: 'Prüfungen fortsetzen',
  pause: 'Prüfungen pausieren',
  messageEn: 'Öffentlicher Hinweis (Englisch)',
  messageDe: 'Öffentlicher Hinweis (Deutsch, freiwillig)',
  messageHint:
    'Erscheint auf jeder Seite, solange die Prüfungen pausiert sind. Unternehmen können sich weiter bewerben und einreichen.',
  settings: 'Einstellungen',
  reviewersPerApplication: 'Prüfer je Bewerbung',
  validityMonths: 'Gültigkeit neuer Zertifizierungen (Monate)',
  validityHint: (months: number) =>
    `Leer: ${months} Monate (CERTIFICATION_VALIDITY_MONTHS). Nie über die zugesagten Sicherheitsupdates eines Produkts hinaus.`,
  validityRange: 'Bitte geben Sie eine ganze Zahl von 1 bis 120 Monaten ein oder lassen Sie das Feld leer.',
  recommendedPercent: 'Erforderlicher Anteil empfohlener Kriterien (%)',
  recommendedHint:
    'Leer: der eigene Anteil jeder Kriterienversion. Eine Zahl gilt ab jetzt für jede Entscheidung, in jeder Pflichtdimension.',
  shareRange: 'Bitte geben Sie einen ganzen Prozentwert von 0 bis 100 ein oder lassen Sie das Feld leer.',
  save: 'Speichern',
  figures: 'Kapazität',
  queueLength: (length: number) => `Warten auf Prüfer: ${length}`,
  measure: 'Kennzahl',
  count: 'Bewerbungen',
  median: 'Median',
  p90: '90. Perzentil',
  timeToFirstReview: 'Einreichung bis erste Prüfung',
  timeToDecision: 'Einreichung bis Entscheidung',
  hours: (value: number) => `${value} h`,
  pool: 'Prüferkreis',
  poolEmpty: 'Noch keine Prüfer. Vergeben Sie die Prüferrolle unter Nutzer.',
  load: 'Auslastung',
  loadOf: (load: number, capacity: number) => `${load} von ${capacity}`,
  open: 'Offene Bewerbungen',
  place: (place: number) => `Platz ${place} der Warteschlange`,
  assign: 'Zuweisen',
  assignButton: 'Zuweisen',
  unassign: 'Abziehen',
  unassignReason: 'Von der Verwaltung neu zugewiesen',
  unassignReasonMissing: 'Bitte nennen Sie einen Grund für das Abziehen.',
  conflicted:
    'Dieser Prüfer hat einen Interessenkonflikt mit dem Unternehmen gemeldet und kann es nicht prüfen.',
  memberOfCompany:
    'Dieser Prüfer ist Mitglied des antragstellenden Unternehmens und damit befangen: Niemand prüft das Produkt des eigenen Unternehmens.',
  notAReviewer: 'Bitte wählen Sie einen Prüfer aus dem Prüferkreis.',
  notPaused: 'Die Prüfungen sind nicht pausiert.',
  tookPart:
    'Dieser Prüfer war an der angefochtenen Entscheidung beteiligt; ein Einspruch geht an Prüfer, die es nicht waren.',
  noTwoFactor:
    'Dieser Prüfer hat die Zwei-Faktor-Authentifizierung noch nicht eingerichtet und kann nicht zugewiesen werden: Prüfer sehen Anträge nur mit einem zweiten Faktor. Sobald er sie einschaltet, kann er zugewiesen werden.',
  appeal: 'Einspruch',
};

export const reviewMailDe: ReviewMailMessages = {
  submittedSubject: (product: string) => `${product}: Ihre Bewerbung wurde eingereicht`,
  submittedBody: (product: string, place: number | undefined, paused: boolean, url: string) =>
    `die Bewerbung für ${product} wurde eingereicht und wartet auf die Prüfung durch Fachleute.${place ? ` Sie steht auf Platz ${place} der Warteschlange.` : ''}${paused ? ' Die Prüfungen sind derzeit pausiert; wir schreiben Ihnen, sobald sie weitergehen.' : ''}\n\nHier können Sie sie verfolgen:\n\n${url}`,
  assignedSubject: (product: string) => `Neue Prüfung: ${product}`,
  assignedBody: (product: string, company: string, url: string) =>
    `Sie prüfen die Bewerbung für ${product} von ${company}. Sehen Sie sich die Antworten zuerst selbst an; die Urteile der anderen Prüfperson sehen Sie, sobald Sie Ihre eingereicht haben.\n\n${url}\n\nWenn Sie mit diesem Unternehmen in einem Interessenkonflikt stehen, melden Sie ihn in Ihrem Prüferprofil; die Bewerbung geht dann an jemand anderen.`,
  changesSubject: (product: string) => `${product}: Die Prüfer bitten um Änderungen`,
  changesBody: (product: string, rationale: string, url: string) =>
    `die Prüfer von ${product} haben Fragen oder bitten um Änderungen, bevor sie entscheiden können:\n\n${rationale}\n\nJede Frage steht bei ihrem Kriterium. Antworten Sie dort, ändern Sie, was nötig ist, und reichen Sie erneut ein:\n\n${url}`,
  appealSubject: (product: string) => `${product}: Ihr Einspruch ist eingegangen`,
  appealBody: (product: string, place: number | undefined, paused: boolean, url: string) =>
    `Ihr Einspruch gegen die Entscheidung zu ${product} ist eingegangen. Prüfer, die an dieser Entscheidung nicht beteiligt waren, sehen sich die Bewerbung erneut an.${place ? ` Sie ist Nummer ${place} in der Warteschlange.` : ''}${paused ? ' Die Prüfungen ruhen derzeit; wir schreiben Ihnen, sobald sie weitergehen.' : ''}\n\nHier verfolgen Sie sie:\n\n${url}`,
  resubmittedSubject: (product: string) => `${product} wurde erneut eingereicht`,
  resubmittedBody: (product: string, round: number, url: string) =>
    `das Unternehmen hat Ihre Fragen beantwortet und ${product} erneut eingereicht. Runde ${round} zeigt, was sich seit der letzten Runde geändert hat:\n\n${url}`,
  questionsSentSubject: (product: string) => `${product}: Ihre Fragen sind beim Unternehmen`,
  questionsSentBody: (product: string, criteria: string, url: string) =>
    `die Bitte um Änderungen zu ${product} ist mit Ihren Fragen zu ${criteria} an das Unternehmen gegangen. Das Unternehmen beantwortet jede davon, bevor es erneut einreichen kann; Sie erfahren, wenn es das tut.\n\n${url}`,
  decidedSubject: (product: string) => `${product}: Über die Prüfung wurde entschieden`,
  certifiedBody: (product: string, rationale: string, url: string, mark: MarkLinks | undefined) =>
    `gute Nachrichten: ${product} wurde zertifiziert.\n\nDie Begründung der Prüfer:\n\n${rationale}\n\n${mark ? `Der öffentliche Verzeichniseintrag:\n${mark.entry}\n\nDer Code für das Abzeichen auf Ihrer Website und der QR-Code:\n${mark.code}\n\n${mark.kit ? `Das Zeichen-Paket (Abzeichen, QR-Code als SVG und PNG, ein Etikett für die Verpackung):\n${mark.kit}\n\n` : ''}Der signierte Nachweis (Open Badges 3.0):\n${mark.credential}\n\n` : ''}Die Bewerbung:\n${url}`,
  notCertifiedBody: (product: string, rationale: string, url: string) =>
    `${product} wurde diesmal nicht zertifiziert. Nichts über diese Bewerbung wird je veröffentlicht.\n\nDie Begründung der Prüfer:\n\n${rationale}\n\nSie können sich gern erneut bewerben, sobald die genannten Punkte geklärt sind:\n\n${url}`,
  resumedSubject: 'Die Trustmark-Prüfungen gehen weiter',
  resumedBody: (product: string, place: number | undefined, url: string) =>
    `die Prüfungen gehen weiter. Die Bewerbung für ${product} steht${place ? ` auf Platz ${place}` : ''} in der Warteschlange und wird Prüfern zugeteilt, sobald diese frei werden.\n\n${url}`,
};

export const reReviewDe: ReReviewMessages = {
  open: 'Erneute Prüfung durch andere Prüfer beginnen',
  openLead:
    'Prüfer, die an der Zertifizierung nicht beteiligt waren, sehen sich das Produkt erneut an; danach halten Sie das Ergebnis mit einer öffentlichen Erklärung fest.',
  opened: 'Die erneute Prüfung hat begonnen; die Prüfer wurden benachrichtigt.',
  noReviewers:
    'Es ist kein Prüfer verfügbar, der an der Zertifizierung nicht beteiligt war und keinen Interessenkonflikt mit dem Unternehmen hat.',
  underWay: 'Erneute Prüfung läuft',
  stillReviewing: 'prüft noch',
  outcomes: {
    confirm: 'Zeichen bestätigt',
    suspend: 'Zeichen ausgesetzt',
    revoke: 'Zeichen entzogen',
  } as Record<string, string>,
  recommendations: {
    confirm: 'Zeichen bestätigen',
    suspend: 'Zeichen aussetzen',
    revoke: 'Zeichen entziehen',
  } as Record<string, string>,
  outcome: 'Ergebnis',
  statement: 'Öffentliche Erklärung',
  statementHint:
    'Wird mit dem Ergebnis auf der Produktseite veröffentlicht und an die Person geschickt, die die Bedenken gemeldet hat.',
  decide: 'Ergebnis festhalten',
  decided: 'Das Ergebnis wurde festgehalten und veröffentlicht.',
  incomplete: 'Zuerst müssen alle Prüfer der erneuten Prüfung ihre Einschätzung abgeben.',
  alreadyDecided: 'Über diese erneute Prüfung wurde bereits entschieden.',
  listTitle: 'Erneute Prüfungen nach Bedenken',
  title: (product: string) => `Erneute Prüfung: ${product}`,
  lead: 'Jemand hat Bedenken zu diesem zertifizierten Produkt gemeldet, und das Programm bittet Sie, die an der Zertifizierung nicht beteiligt waren, es sich erneut anzusehen. Lesen Sie die Bedenken und den veröffentlichten Eintrag und geben Sie dann Ihre Einschätzung ab.',
  concern: 'Die Bedenken',
  record: 'Den veröffentlichten Eintrag öffnen',
  yourOpinion: 'Ihre Einschätzung',
  recommendation: 'Was soll mit dem Zeichen geschehen?',
  rationale: 'Warum',
  submit: 'Einschätzung abgeben',
  submitted: 'Ihre Einschätzung wurde festgehalten.',
  given: 'Sie haben Ihre Einschätzung abgegeben.',
  closed: 'Diese erneute Prüfung ist abgeschlossen.',
  assignedSubject: (product: string) => `Erneute Prüfung erbeten: ${product}`,
  assignedBody: (product: string, url: string) =>
    `zum zertifizierten Produkt ${product} wurden Bedenken gemeldet, und das Programm bittet Sie, die an der Zertifizierung nicht beteiligt waren, es sich erneut anzusehen:\n\n${url}`,
  publicOutcome: (outcome: string) => `von unabhängigen Fachleuten erneut geprüft: ${outcome}`,
};
