import { formatNorwegian, type Currency } from "../../../domain/money.js";

/** Words for timeline steps and planned events in the portal's two languages; unknown types read as their code. */
type Lang = "nb" | "en";
const T: Record<string, [nb: string, en: string]> = {
  opened: ["Sak opprettet", "Case opened"],
  "send-reminder": ["Purring sendt", "Reminder sent"],
  "send-collection-notice": ["Inkassovarsel sendt", "Collection notice sent"],
  "notice-deadline-passed": ["Varselfristen er ute", "Notice deadline passed"],
  "stop-window-ended": ["Stoppfristen er ute", "Stop window ended"],
  "send-payment-demand": ["Betalingsoppfordring sendt", "Payment demand sent"],
  "approve-payment-demand": ["Betalingsoppfordring godkjent", "Payment demand approved"],
  "payment-demand-deadline-passed": ["Fristen i betalingsoppfordringen er ute", "Payment demand deadline passed"],
  "heavy-salary-due": ["Tungt salær belastet", "Heavy salær charged"],
  "approve-legal": ["Rettslig inndrivelse godkjent", "Legal collection approved"],
  "legal-step-recorded": ["Rettslig skritt registrert", "Legal step recorded"],
  "payment-demand-renewed": ["Ny betalingsoppfordring sendt før rettslig skritt", "New payment demand sent before the legal step"],
  "take-pending-legal-step": ["Rettslig skritt tatt etter ny betalingsoppfordring", "Legal step taken after the new payment demand"],
  "register-payment-remark": ["Betalingsanmerkning registrert", "Payment remark registered"],
  "move-to-surveillance": ["Flyttet til overvåking", "Moved to surveillance"],
  pause: ["Satt på pause", "Paused"],
  resume: ["Gjenopptatt", "Resumed"],
  dispute: ["Bestridt", "Disputed"],
  "dispute-resolved": ["Innsigelse avklart", "Dispute resolved"],
  "postpone-due-date": ["Forfall utsatt", "Due date postponed"],
  "payment-received": ["Innbetaling", "Payment received"],
  payment: ["Innbetaling", "Payment"],
  "payment-reversed": ["Innbetaling tilbakeført", "Payment reversed"],
  "paid-in-full": ["Betalt i sin helhet", "Paid in full"],
  "credited-in-full": ["Kreditert i sin helhet", "Credited in full"],
  "credit-note": ["Kreditnota", "Credit note"],
  "waive-costs": ["Kostnader frafalt", "Costs waived"],
  withdraw: ["Trukket tilbake", "Withdrawn"],
  "write-off": ["Avskrevet", "Written off"],
  reopen: ["Gjenåpnet", "Reopened"],
  message: ["Melding", "Message"],
  "needs-attention": ["Trenger oppfølging", "Needs attention"],
  "limitation-warning": ["Varsel om foreldelse", "Limitation warning"],
  "ledger-invoice-linked": ["Faktura koblet fra regnskapet", "Invoice linked from the ledger"],
  "ledger-case-registered": ["Saksnummer skrevet tilbake til regnskapet", "Case number written back to the ledger"],
  "ledger-payment-reported": ["Rapportert fra regnskapet", "Reported by the ledger"],
  refused: ["Avvist", "Refused"],
  "agree-payment-plan": ["Betalingsavtale inngått", "Payment plan agreed"],
  "end-payment-plan": ["Betalingsavtalen avsluttet", "Payment plan ended"],
  "to-surveillance": ["Overført til overvåking", "Moved to surveillance"],
  "surveillance-review": ["Gjennomgang i overvåking", "Surveillance review"],
  "legal-hearing": ["Rettsmøte", "Hearing"],
  "legal-judgment": ["Dom", "Judgment"],
  "legal-utleggsforretning": ["Utleggsforretning", "Enforcement proceedings held"],
  "legal-result": ["Resultat av rettslig skritt", "Result of the legal step"],
  "letter-sent": ["Brev sendt", "Letter sent"],
  "letter-deadline-moved": ["Frist flyttet: brevet gikk senere", "Deadline moved: the letter left later"],
  "letter-undeliverable": ["Brevet kunne ikke sendes: ingen adresse", "Letter not sent: no address"],
  "letter-copy-sent": ["Kopi av brev sendt", "Copy of a letter sent"],
};

/** A step that ended at an approval gate instead of doing what its name says. */
const AT_GATE: Record<string, [nb: string, en: string]> = {
  "awaiting-payment-demand-approval": ["Betalingsoppfordring venter på godkjenning", "Payment demand waiting for approval"],
  "awaiting-legal-approval": ["Rettslig inndrivelse venter på godkjenning", "Legal collection waiting for approval"],
};

export function eventText(type: string, lang: Lang, stage?: string | null): string {
  const gated = type.startsWith("send-") || type === "payment-demand-deadline-passed" ? AT_GATE[stage ?? ""] : undefined;
  const t = gated ?? T[type];
  return t ? t[lang === "nb" ? 0 : 1] : type.replace(/-/g, " ");
}

export function langOf(locale: string | null | undefined): Lang {
  return locale === "en" ? "en" : "nb";
}

/**
 * A timeline row's reason in the reader's language: the row's `data.reasonText` where its writer
 * gave one (`withReason`, src/domain/case/plan.ts), else the reason as stored (a person's own
 * words, or a row written before the texts were kept in both languages). The reasons have no
 * Swedish: a Swedish reader gets the English, as the portal shows the server's other words
 * without a Swedish version (a payment plan's refusals) — Norwegian on a Swedish page reads as a
 * mistake. A reader without a language gets Norwegian.
 */
export function reasonIn(row: { reason: string | null; data: unknown }, locale: string | null | undefined): string | null {
  const text = row.data && typeof row.data === "object" ? (row.data as { reasonText?: unknown }).reasonText : undefined;
  return textIn(text, row.reason, locale);
}

/** A `{ nb, en }` text stored by the system in the reader's language (as `reasonIn`), or `stored` when there is none. */
export function textIn(text: unknown, stored: string | null, locale: string | null | undefined): string | null {
  const lang: Lang = locale === "en" || locale === "sv" ? "en" : "nb";
  if (text && typeof text === "object") {
    const t = (text as Partial<Record<Lang, unknown>>)[lang];
    if (typeof t === "string") return t;
  }
  return stored;
}

/** The next planned step, in the future tense ("goes out", not "sent"). */
const NEXT: Record<string, [nb: string, en: string]> = {
  "send-reminder": ["Purring sendes", "The reminder goes out"],
  "send-collection-notice": ["Inkassovarsel sendes", "The collection notice goes out"],
  "notice-deadline-passed": ["Fristen i inkassovarselet går ut", "The collection notice's deadline runs out"],
  "stop-window-ended": ["Stoppfristen går ut", "The stop window ends"],
  "send-payment-demand": ["Betalingsoppfordring sendes", "The payment demand goes out"],
  "payment-demand-deadline-passed": ["Fristen i betalingsoppfordringen går ut", "The payment demand's deadline runs out"],
  "heavy-salary-due": ["Tungt salær kan belastes", "Heavy salær may be charged"],
  "register-payment-remark": ["Betalingsanmerkning kan registreres", "A payment remark may be registered"],
  "move-to-surveillance": ["Saken flyttes til overvåking", "The case moves to surveillance"],
  resume: ["Saken gjenopptas", "The case resumes"],
};

export function nextText(event: string, lang: Lang): string {
  const t = NEXT[event];
  return t ? t[lang === "nb" ? 0 : 1] : eventText(event, lang);
}

/**
 * An amount in its currency, in the reader's language: "2 556,08 kr" (`formatNorwegian`, with the
 * currency's Norwegian symbol: kroner are "kr", the euro "€") / "NOK 2,556.08".
 */
export function amountText(minor: number, lang: Lang, currency: Currency): string {
  if (lang === "nb") return `${formatNorwegian({ amount: minor, currency })}\u00a0${norwegianSymbol(currency)}`;
  const abs = Math.abs(minor);
  return `${minor < 0 ? "-" : ""}${currency} ${Math.trunc(abs / 100).toLocaleString("en-GB")}.${String(abs % 100).padStart(2, "0")}`;
}

function norwegianSymbol(currency: Currency): string {
  return new Intl.NumberFormat("nb-NO", { style: "currency", currency, currencyDisplay: "narrowSymbol" }).formatToParts(0).find((p) => p.type === "currency")?.value ?? currency;
}
