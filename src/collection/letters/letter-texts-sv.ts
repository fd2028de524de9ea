import { INKASSOKRAV_CONSEQUENCES_SV, INKASSOKRAV_OBJECTION_SV } from "../../domain/case/sweden.js";
import type { KindTexts, LanguageTexts, StatementParams } from "./letter-texts.js";

/**
 * The Swedish letters (a Swedish creditor's cases), each statement the law asks for with its
 * source: inkassolagen (1974:182) 5 § for the inkassokrav, lag (1981:739) for the fees, räntelagen
 * (1975:635) for the interest, god inkassosed (Integritetsskyddsmyndigheten) for the deadline and
 * the consequences, lag (1990:746) om betalningsföreläggande och handräckning for the application.
 * The payment box shows the agency's Bankgiro number and the case's OCR reference.
 */
const list = (p: StatementParams): string => (p.concerns.length <= 3 ? p.concerns.join("; ") : `${p.claimCount} fakturor, se specifikationen nedan`);
const invoices = (p: StatementParams): string => (p.claimCount === 1 ? "Fakturan nedan har" : "Fakturorna nedan har");
const costs = (p: StatementParams): string | null => (p.costs.length === 0 ? null : `I beloppet ingår: ${p.costs.map((c) => `${c.label} ${c.amount}`).join(", ")}.`);

/** The inkassokrav (inkassolagen 5 §). */
const INKASSOKRAV: KindTexts = {
  title: "Inkassokrav",
  before: [
    // inkassolagen 5 §: the creditor (borgenären) and that the agency collects for it.
    (p) => `Vi har fått i uppdrag av ${p.creditor} (borgenär) att driva in kravet nedan.`,
    // inkassolagen 5 §: what the claim rests on.
    (p) => `Kravet avser ${list(p)}.`,
    // inkassolagen 5 §: pay or object within a reasonable time; god inkassosed: ≥ 8 days and ≥ 4 bank days after presumed receipt.
    (p) => `Betala ${p.total} senast ${p.deadline}. Betalningstiden är ${p.deadlineDays} dagar från att kravet skickades ${p.sentOn}.`,
    // inkassolagen 5 §: the claim with principal, interest and costs specified; räntelagen 6 §: referensränta + 8 procentenheter.
    (p) =>
      `Kravet består av kapitalbelopp, dröjsmålsränta och kostnader, som specificeras var för sig nedan. Dröjsmålsräntan är ${p.interestRate} per år (referensräntan + 8 procentenheter, räntelagen 6 §) och räknas från ${p.interestFrom}.` +
      (p.rateChanged ? " Räntesatsen har ändrats under perioden; satsen för varje period står i specifikationen." : ""),
    // lag (1981:739) 3 § 1: the inkassoavgift (and a påminnelseavgift, if charged).
    costs,
  ],
  after: [
    // inkassolagen 5 §: how to object (bestrida).
    () => INKASSOKRAV_OBJECTION_SV,
    // god inkassosed (IMY): what happens otherwise.
    () => INKASSOKRAV_CONSEQUENCES_SV,
    () => "Betalningen är i tid om den har kommit in till vårt bankgirokonto senast på förfallodagen. Ange alltid OCR-numret.",
    () => "Har du redan betalat kan du bortse från detta krav.",
  ],
};

const KINDS: Readonly<Record<"reminder" | "collection-notice" | "payment-demand" | "payment-plan" | "payment-order-application", KindTexts>> = {
  reminder: {
    title: "Betalningspåminnelse",
    before: [
      (p) => `Vi skriver på uppdrag av ${p.creditor}. ${invoices(p)} inte betalats, fast förfallodagen har passerat.`,
      (p) => `Kravet avser ${list(p)}.`,
      (p) => `Vi ber dig betala ${p.total} senast ${p.deadline}.`,
      // lag (1981:739) 2 §: a påminnelseavgift only when agreed when the debt arose (the fee rules decide).
      costs,
    ],
    after: [
      () => "Betalar du inte i tid kan kravet lämnas till inkasso, och du kan då få betala inkassoavgift och dröjsmålsränta.",
      () => "Anser du att kravet är felaktigt, kontakta oss före förfallodagen.",
      () => "Har du redan betalat kan du bortse från denna påminnelse.",
    ],
  },
  "collection-notice": INKASSOKRAV,
  // A Swedish case sends no betalingsoppfordring (inkassoloven § 10 is Norwegian): the inkassokrav is the demand.
  "payment-demand": INKASSOKRAV,
  "payment-plan": {
    title: "Bekräftelse av amorteringsplan",
    before: [
      // lag (1981:739) 3 § 2: a complete plan for the whole remaining debt, made with the debtor, in writing and sent.
      (p) => `Vi bekräftar den amorteringsplan som vi har kommit överens om med dig för skulden till ${p.creditor}.`,
      (p) => `Planen omfattar hela den återstående skulden, ${p.total}, som avser ${list(p)}.`,
      (p) => `Första delbetalningen ska vara oss till handa senast ${p.deadline}.`,
      // lag (1981:739) 3 § 2, 4 §: ersättning för amorteringsplan.
      costs,
    ],
    after: [
      () => "Dröjsmålsränta löper på det obetalda kapitalbeloppet tills skulden är betald (räntelagen 6 §).",
      () => "Om en delbetalning inte kommer in i tid kan hela den återstående skulden krävas in, och vi kan ansöka om betalningsföreläggande hos Kronofogden.",
      () => "Ange alltid OCR-numret när du betalar.",
    ],
  },
  "payment-order-application": {
    title: "Ansökan om betalningsföreläggande (underlag)",
    before: [
      // lag (1990:746) om betalningsföreläggande och handräckning 9–10 §§: the sökande, the motpart, the claim and its ground.
      (p) => `Sökande: ${p.creditor} (borgenär), genom oss som ombud.`,
      (p) => `Yrkande: att svaranden förpliktas betala ${p.total} jämte dröjsmålsränta enligt räntelagen 6 § från ${p.interestFrom} tills betalning sker.`,
      (p) => `Grund: obetald fordran avseende ${list(p)}. Inkassokrav har skickats utan att betalning har skett eller kravet har bestritts.`,
      // förordning (1992:1094): the ansökningsavgift, recoverable from the debtor; lag (1981:739): the collection costs.
      costs,
    ],
    after: [
      () => "Ansökan ges in till Kronofogdemyndigheten. Svaranden delges ansökan och får tillfälle att yttra sig innan Kronofogden meddelar utslag.",
      () => "Ansökan avbryter preskriptionen (preskriptionslagen 5 § 3).",
    ],
  },
};

export const SV: LanguageTexts = {
  labels: {
    languageTag: "sv-SE",
    caseNumber: "Ärendenummer",
    letterId: "Brevnummer",
    sentOn: "Datum",
    deadline: "Sista betalningsdag",
    customerNumber: "Kundnummer",
    creditor: "Borgenär",
    orgNumber: "Org.nr",
    phone: "Telefon",
    email: "E-post",
    claimsHeading: "Specifikation av kravet",
    columns: {
      invoiceNumber: "Fakturanr",
      invoiceDate: "Fakturadatum",
      dueDate: "Förfallodag",
      description: "Avser",
      principal: "Belopp",
      paid: "Betalt",
      outstanding: "Kvar",
    },
    summaryHeading: "Kapitalbelopp, ränta och kostnader",
    amountsIn: (currency) => `belopp i ${currency}`,
    principal: "Kapitalbelopp",
    paid: "Inbetalt",
    principalOutstanding: "Återstående kapitalbelopp",
    interest: (rate, from, until) => `Dröjsmålsränta ${rate} per år från ${from} till ${until}`,
    additionalTotal: "Summa ränta och kostnader",
    total: "Att betala",
    paymentHeading: "Betalningsinformation",
    toAccount: "Bankgiro",
    kid: "OCR-nummer",
    amount: "Belopp",
    payBy: "Sista betalningsdag",
    iban: "IBAN",
    bic: "BIC/SWIFT",
    regards: "Med vänlig hälsning",
    page: (n, of) => `Sida ${n} av ${of}`,
  },
  kinds: KINDS,
};
