import { formatDecimal, formatNorwegian, type Currency } from "../domain/money.js";
import type { RenderedMail } from "./mail-templates.js";

/**
 * The e-mails to creditors' and firms' people about their clients — the weekly collection list,
 * a new settlement, a failed ledger sync — in Norwegian (bokmål), English or Swedish by the user's
 * language, each as text and as HTML from the same words (every value HTML-escaped).
 */
export type ClientMailLocale = "nb" | "en" | "sv";

/** The user's stored language as one the e-mails are written in; Norwegian for anything else. */
export function clientMailLocale(locale: string): ClientMailLocale {
  return locale === "en" || locale === "sv" ? locale : "nb";
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Money in the reader's words: `1 250,00 NOK` (nb, sv), `NOK 1,250.00` (en). */
export function mailMoney(locale: ClientMailLocale, minor: number, currency: Currency): string {
  const m = { amount: minor, currency };
  if (locale === "en") {
    const [int, frac] = formatDecimal(m).replace("-", "").split(".");
    return `${minor < 0 ? "-" : ""}${currency} ${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
  }
  return `${formatNorwegian(m)} ${currency}`;
}

/** A calendar date in the reader's words: 03.02.2025 (nb), 03/02/2025 (en), 2025-02-03 (sv). */
export function mailDate(locale: ClientMailLocale, iso: string): string {
  const [y, m, d] = iso.split("-");
  return locale === "sv" ? iso : locale === "en" ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
}

interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns that hold numbers (right-aligned). */
  readonly numeric: readonly number[];
}

function render(o: { subject: string; title: string; paragraphs: readonly string[]; table?: Table; after?: readonly string[]; link: { href: string; label: string } | null; footer: string }): RenderedMail {
  const after = o.after ?? [];
  const textTable = o.table ? textColumns(o.table) : [];
  const text = [o.title, "", ...o.paragraphs, ...(textTable.length ? ["", ...textTable] : []), ...(after.length ? ["", ...after] : []), ...(o.link ? ["", `${o.link.label}: ${o.link.href}`] : []), "", o.footer, ""].join("\n");
  const cell = (tag: "th" | "td", s: string, i: number, t: Table) => `<${tag} style="padding:4px 8px;border-bottom:1px solid #ddd;text-align:${t.numeric.includes(i) ? "right" : "left"}">${escapeHtml(s)}</${tag}>`;
  const table = o.table
    ? `<table style="border-collapse:collapse"><thead><tr>${o.table.head.map((h, i) => cell("th", h, i, o.table!)).join("")}</tr></thead><tbody>${o.table.rows.map((r) => `<tr>${r.map((c, i) => cell("td", c, i, o.table!)).join("")}</tr>`).join("")}</tbody></table>`
    : "";
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h1 style="font-size:18px">${escapeHtml(o.title)}</h1>
${o.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${table}
${after.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${o.link ? `<p><a href="${escapeHtml(o.link.href)}">${escapeHtml(o.link.label)}</a></p>` : ""}
<p style="color:#666;font-size:12px">${escapeHtml(o.footer)}</p>
</body></html>
`;
  return { subject: o.subject, text, html };
}

/** A table as text lines, columns padded to their widest cell. */
function textColumns(t: Table): string[] {
  const widths = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (t.numeric.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(t.head), widths.map((w) => "-".repeat(w)).join("  "), ...t.rows.map(line)];
}

// --- The weekly collection list (inkassoliste) -------------------------------------------------

export interface WeeklyListRow {
  readonly creditor: string;
  readonly currency: Currency;
  readonly opened: number;
  readonly paidMinor: number;
  readonly closed: number;
  readonly openCases: number;
  readonly openBalanceMinor: number;
}

const WEEKLY = {
  nb: {
    subject: (w: number, y: number) => `Inkassoliste uke ${w} ${y}`,
    hello: (n: string) => `Hei ${n},`,
    intro: (from: string, to: string) => `slik gikk inkassoen for klientene dine fra ${from} til ${to}:`,
    head: ["Klient", "Valuta", "Nye saker", "Innbetalt", "Avsluttet", "Åpne saker", "Utestående"],
    link: "Åpne Fordring",
    footer: "Du får inkassolisten hver mandag. Slå av oppsummeringene under profilen din i portalen.",
  },
  en: {
    subject: (w: number, y: number) => `Collection list week ${w} ${y}`,
    hello: (n: string) => `Hello ${n},`,
    intro: (from: string, to: string) => `this is how collection went for your clients from ${from} to ${to}:`,
    head: ["Client", "Currency", "New cases", "Paid in", "Closed", "Open cases", "Outstanding"],
    link: "Open Fordring",
    footer: "You get the collection list every Monday. Turn the summaries off under your profile in the portal.",
  },
  sv: {
    subject: (w: number, y: number) => `Inkassolista vecka ${w} ${y}`,
    hello: (n: string) => `Hej ${n},`,
    intro: (from: string, to: string) => `så här gick inkassot för dina klienter från ${from} till ${to}:`,
    head: ["Klient", "Valuta", "Nya ärenden", "Inbetalt", "Avslutade", "Öppna ärenden", "Utestående"],
    link: "Öppna Fordring",
    footer: "Du får inkassolistan varje måndag. Stäng av sammanfattningarna under din profil i portalen.",
  },
} as const;

export function weeklyListMail(locale: ClientMailLocale, d: { name: string; week: number; weekYear: number; from: string; to: string; rows: readonly WeeklyListRow[]; portalUrl: string }): RenderedMail {
  const w = WEEKLY[locale];
  return render({
    subject: w.subject(d.week, d.weekYear),
    title: w.subject(d.week, d.weekYear),
    paragraphs: [w.hello(d.name), w.intro(mailDate(locale, d.from), mailDate(locale, d.to))],
    table: {
      head: w.head,
      rows: d.rows.map((r) => [r.creditor, r.currency, String(r.opened), mailMoney(locale, r.paidMinor, r.currency), String(r.closed), String(r.openCases), mailMoney(locale, r.openBalanceMinor, r.currency)]),
      numeric: [2, 3, 4, 5, 6],
    },
    link: d.portalUrl ? { href: d.portalUrl, label: w.link } : null,
    footer: w.footer,
  });
}

// --- A new settlement ---------------------------------------------------------------------------

export interface SettlementMailFacts {
  readonly creditor: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly settledOn: string;
  readonly currency: Currency;
  readonly payoutMinor: number;
  readonly invoiceMinor: number;
  readonly cases: number;
  readonly url: string;
}

const SETTLEMENT = {
  nb: {
    subject: (c: string, from: string, to: string) => `Oppgjør for ${c}, ${from}–${to}`,
    hello: (n: string) => `Hei ${n},`,
    intro: (c: string, on: string, n: number) => `vi har gjort opp innkrevingen for ${c} den ${on} (${n} ${n === 1 ? "sak" : "saker"}).`,
    payout: (a: string) => `Utbetales til dere: ${a}.`,
    invoice: (a: string) => `Dere skylder oss: ${a} (faktureres).`,
    nothing: "Ingenting å utbetale eller fakturere denne perioden.",
    attached: "Remissen (PDF) er vedlagt, med hver sak og hvordan beløpet er regnet ut.",
    link: "Se oppgjøret i Fordring",
    footer: "Du får denne e-posten for hvert oppgjør for klientene dine.",
    file: "remisse",
  },
  en: {
    subject: (c: string, from: string, to: string) => `Settlement for ${c}, ${from}–${to}`,
    hello: (n: string) => `Hello ${n},`,
    intro: (c: string, on: string, n: number) => `we settled the collection for ${c} on ${on} (${n} ${n === 1 ? "case" : "cases"}).`,
    payout: (a: string) => `Paid out to you: ${a}.`,
    invoice: (a: string) => `You owe us: ${a} (to be invoiced).`,
    nothing: "Nothing to pay out or invoice for this period.",
    attached: "The remittance report (PDF) is attached, with every case and how the amount adds up.",
    link: "See the settlement in Fordring",
    footer: "You get this e-mail for every settlement of your clients.",
    file: "remittance",
  },
  sv: {
    subject: (c: string, from: string, to: string) => `Redovisning för ${c}, ${from}–${to}`,
    hello: (n: string) => `Hej ${n},`,
    intro: (c: string, on: string, n: number) => `vi har redovisat indrivningen för ${c} den ${on} (${n} ${n === 1 ? "ärende" : "ärenden"}).`,
    payout: (a: string) => `Utbetalas till er: ${a}.`,
    invoice: (a: string) => `Ni är skyldiga oss: ${a} (faktureras).`,
    nothing: "Inget att betala ut eller fakturera för perioden.",
    attached: "Redovisningen (PDF) är bifogad, med varje ärende och hur beloppet räknats fram.",
    link: "Se redovisningen i Fordring",
    footer: "Du får detta e-postmeddelande för varje redovisning för dina klienter.",
    file: "redovisning",
  },
} as const;

export function settlementMail(locale: ClientMailLocale, d: { name: string } & SettlementMailFacts): RenderedMail & { filenameStem: string } {
  const s = SETTLEMENT[locale];
  const from = mailDate(locale, d.periodFrom);
  const to = mailDate(locale, d.periodTo);
  const amount = d.payoutMinor > 0 ? s.payout(mailMoney(locale, d.payoutMinor, d.currency)) : d.invoiceMinor > 0 ? s.invoice(mailMoney(locale, d.invoiceMinor, d.currency)) : s.nothing;
  const title = s.subject(d.creditor, from, to);
  return {
    ...render({ subject: title, title, paragraphs: [s.hello(d.name), s.intro(d.creditor, mailDate(locale, d.settledOn), d.cases), amount, s.attached], link: d.url ? { href: d.url, label: s.link } : null, footer: s.footer }),
    filenameStem: s.file,
  };
}

// --- A failed ledger sync -----------------------------------------------------------------------

/** What went wrong, by the error's code (the ledger port's closed set, src/integration/ledger-connector.ts, and ours). */
const SYNC_CAUSE: Record<ClientMailLocale, Record<string, string>> = {
  nb: {
    auth_failed: "Regnskapssystemet avviste nøkkelen vår. Integrasjonsnøkkelen kan være trukket tilbake eller utløpt: koble til regnskapet på nytt i portalen.",
    rate_limited: "Regnskapssystemet ba oss vente (for mange forespørsler). Vi prøver igjen ved neste synkronisering.",
    unavailable: "Regnskapssystemet svarte ikke eller var nede. Vi prøver igjen ved neste synkronisering.",
    not_found: "Regnskapssystemet fant ikke noe vi ba om (et selskap, en kunde eller en faktura). Sjekk at riktig selskap er koblet til.",
    invalid: "Regnskapssystemet avviste det vi sendte eller svarte med noe vi ikke kunne lese.",
    other: "En feil hos oss stoppet synkroniseringen. Vi ser på den.",
  },
  en: {
    auth_failed: "The ledger refused our key. The integration key may have been revoked or has expired: connect the ledger again in the portal.",
    rate_limited: "The ledger asked us to wait (too many requests). We try again at the next sync.",
    unavailable: "The ledger did not answer or was down. We try again at the next sync.",
    not_found: "The ledger did not find something we asked for (a company, a customer or an invoice). Check that the right company is connected.",
    invalid: "The ledger refused what we sent or answered with something we could not read.",
    other: "A fault on our side stopped the sync. We are looking into it.",
  },
  sv: {
    auth_failed: "Ekonomisystemet avvisade vår nyckel. Integrationsnyckeln kan ha återkallats eller gått ut: anslut ekonomisystemet igen i portalen.",
    rate_limited: "Ekonomisystemet bad oss vänta (för många förfrågningar). Vi försöker igen vid nästa synkronisering.",
    unavailable: "Ekonomisystemet svarade inte eller var nere. Vi försöker igen vid nästa synkronisering.",
    not_found: "Ekonomisystemet hittade inte något vi bad om (ett företag, en kund eller en faktura). Kontrollera att rätt företag är anslutet.",
    invalid: "Ekonomisystemet avvisade det vi skickade eller svarade med något vi inte kunde läsa.",
    other: "Ett fel hos oss stoppade synkroniseringen. Vi undersöker det.",
  },
};

/** The error's code in words, in the reader's language. */
export function syncCauseText(locale: ClientMailLocale, code: string): string {
  const causes = SYNC_CAUSE[locale];
  return causes[code] ?? causes.other!;
}

const LEDGER_NAMES: Record<string, string> = { poweroffice: "PowerOffice Go", procountor: "Procountor", "visma-net": "Visma.net" };

const SYNC = {
  nb: {
    subject: (c: string) => `Synkroniseringen med regnskapet feilet for ${c}`,
    hello: (n: string) => `Hei ${n},`,
    intro: (c: string, l: string, on: string) => `synkroniseringen mellom Fordring og ${l} for ${c} feilet ${on}. Til den virker igjen, ser vi ikke nye forfalte fakturaer eller betalinger i regnskapet, og regnskapet får ikke saksstatus fra oss.`,
    cause: "Hva som gikk galt:",
    detail: (d: string) => `Teknisk melding: ${d}`,
    once: "Du får bare denne e-posten én gang til synkroniseringen virker igjen.",
    link: "Se synkroniseringen i Fordring",
    footer: "Du får denne e-posten når synkroniseringen med regnskapet for en av klientene dine feiler.",
  },
  en: {
    subject: (c: string) => `The sync with the ledger failed for ${c}`,
    hello: (n: string) => `Hello ${n},`,
    intro: (c: string, l: string, on: string) => `the sync between Fordring and ${l} for ${c} failed on ${on}. Until it works again, we do not see new overdue invoices or payments in the ledger, and the ledger gets no case status from us.`,
    cause: "What went wrong:",
    detail: (d: string) => `Technical message: ${d}`,
    once: "You get this e-mail only once until the sync works again.",
    link: "See the sync in Fordring",
    footer: "You get this e-mail when the sync with the ledger of one of your clients fails.",
  },
  sv: {
    subject: (c: string) => `Synkroniseringen med ekonomisystemet misslyckades för ${c}`,
    hello: (n: string) => `Hej ${n},`,
    intro: (c: string, l: string, on: string) => `synkroniseringen mellan Fordring och ${l} för ${c} misslyckades ${on}. Tills den fungerar igen ser vi inte nya förfallna fakturor eller betalningar i ekonomisystemet, och ekonomisystemet får ingen ärendestatus från oss.`,
    cause: "Vad som gick fel:",
    detail: (d: string) => `Tekniskt meddelande: ${d}`,
    once: "Du får detta e-postmeddelande bara en gång tills synkroniseringen fungerar igen.",
    link: "Se synkroniseringen i Fordring",
    footer: "Du får detta e-postmeddelande när synkroniseringen med ekonomisystemet för en av dina klienter misslyckas.",
  },
} as const;

export function syncFailedMail(locale: ClientMailLocale, d: { name: string; creditor: string; ledger: string; failedOn: string; errors: readonly { code: string; detail: string }[]; url: string }): RenderedMail {
  const s = SYNC[locale];
  const codes = [...new Set(d.errors.map((e) => e.code))];
  const title = s.subject(d.creditor);
  return render({
    subject: title,
    title,
    paragraphs: [s.hello(d.name), s.intro(d.creditor, LEDGER_NAMES[d.ledger] ?? d.ledger, mailDate(locale, d.failedOn)), s.cause, ...codes.map((c) => syncCauseText(locale, c))],
    after: [...d.errors.slice(0, 3).map((e) => s.detail(e.detail)), s.once],
    link: d.url ? { href: d.url, label: s.link } : null,
    footer: s.footer,
  });
}
