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

const KINDS: Readonly<Record<"reminder" | "collection-notice" | "payment-demand" | "payment-plan" | "payment-order-application" | "payment-plan-breach" | "legal-filing", KindTexts>> = {
  // Norwegian back-office documents sent as letters (document-letters.ts); a Swedish case sends none: titles only.
  "payment-plan-breach": { title: "Betalningsplanen har upphört", before: [], after: [] },
  "legal-filing": { title: "Ansökan till myndighet", before: [], after: [] },
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

/**
 * A Swedish case's letters in English, for a debtor who reads English (`en-SE`): the same Swedish
 * law as the texts above (inkassolagen 5 §, lag (1981:739), räntelagen 6 §), not the Norwegian
 * English texts, which speak of inkassoloven.
 */
const listEn = (p: StatementParams): string => (p.concerns.length <= 3 ? p.concerns.join("; ") : `${p.claimCount} invoices, listed below`);
const costsEn = (p: StatementParams): string | null => (p.costs.length === 0 ? null : `The amount includes: ${p.costs.map((c) => `${c.label} ${c.amount}`).join(", ")}.`);
const DEMAND_EN: KindTexts = {
  title: "Debt collection demand (inkassokrav)",
  before: [
    (p) => `We have been instructed by ${p.creditor} (the creditor) to collect the claim below.`,
    (p) => `The claim concerns ${listEn(p)}.`,
    (p) => `Please pay ${p.total} by ${p.deadline}. You have ${p.deadlineDays} days from ${p.sentOn}, when this demand was sent.`,
    (p) =>
      `The claim consists of the principal, late payment interest and costs, each shown below. The interest is ${p.interestRate} per year (the Riksbank's reference rate + 8 percentage points, Swedish Interest Act (räntelagen) § 6), from ${p.interestFrom}.` +
      (p.rateChanged ? " The rate changed during the period; the rate for each period is shown below." : ""),
    costsEn,
  ],
  after: [
    () => "If you believe the claim is wrong, dispute it in writing within the payment period and give your reasons, to us at the address above.",
    () => "If you neither pay nor dispute the claim in time, we may apply to the Swedish Enforcement Authority (Kronofogden) for a payment order, which may lead to further costs and a payment remark.",
    () => "Always give the OCR reference when you pay to our Bankgiro.",
  ],
};

export const EN_SE_KINDS: LanguageTexts["kinds"] = {
    "payment-plan-breach": { title: "The payment plan has ended", before: [], after: [] },
    "legal-filing": { title: "Filing to an authority", before: [], after: [] },
    reminder: {
      title: "Payment reminder",
      before: [
        (p) => `We are writing on behalf of ${p.creditor}. The invoice below has not been paid, although the due date has passed.`,
        (p) => `The claim concerns ${listEn(p)}.`,
        (p) => `Please pay ${p.total} by ${p.deadline}.`,
        costsEn,
      ],
      after: [() => "If you do not pay in time, the claim may be passed to debt collection, with a collection fee and late payment interest.", () => "If you have already paid, please disregard this reminder."],
    },
    "collection-notice": DEMAND_EN,
    "payment-demand": DEMAND_EN,
    "payment-plan": {
      title: "Confirmation of payment plan (amorteringsplan)",
      before: [
        (p) => `We confirm the payment plan agreed with you for the debt to ${p.creditor}.`,
        (p) => `The plan covers the whole remaining debt, ${p.total}, concerning ${listEn(p)}.`,
        (p) => `The first instalment must reach us by ${p.deadline}.`,
        costsEn,
      ],
      after: [() => "Late payment interest runs on the unpaid principal until the debt is paid (räntelagen § 6).", () => "Always give the OCR reference when you pay."],
    },
    "payment-order-application": {
      title: "Application for a payment order (betalningsföreläggande)",
      before: [
        (p) => `Applicant: ${p.creditor} (the creditor), represented by us.`,
        (p) => `Claim: that the respondent be ordered to pay ${p.total} with late payment interest under räntelagen § 6 from ${p.interestFrom} until paid.`,
        (p) => `Grounds: an unpaid claim concerning ${listEn(p)}; a debt collection demand was sent and neither paid nor disputed.`,
        costsEn,
      ],
      after: [() => "The application is filed with Kronofogdemyndigheten, which serves it on the respondent before deciding. It interrupts limitation (preskriptionslagen § 5)."],
    },
};

/** The English labels of a Swedish letter that differ from the Norwegian English ones: Bankgiro and OCR in the payment box, dröjsmålsränta named. */
export const EN_SE_LABELS: Partial<LanguageTexts["labels"]> = {
  languageTag: "en-SE",
  summaryHeading: "Principal, interest and costs",
  interest: (rate, from, until) => `Late payment interest (dröjsmålsränta) at ${rate} per year from ${from} to ${until}`,
  additionalTotal: "Total interest and costs",
  toAccount: "Bankgiro",
  kid: "OCR reference",
};
