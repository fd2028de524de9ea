import type { LetterKind, LetterLanguage } from "./letter-model.js";
import { EN_SE_KINDS, EN_SE_LABELS, SV } from "./letter-texts-sv.js";

/**
 * All fixed wording of the letters, per kind × language. Each statement the law requires carries
 * a comment citing its paragraph (inkassoloven LOV-1988-05-13-26; inkassoforskriften
 * FOR-1989-07-14-562). Values arrive already formatted for the language; the texts never format.
 */

export interface StatementParams {
  readonly creditor: string;
  /** The amount to pay, with currency. */
  readonly total: string;
  readonly sentOn: string;
  readonly deadline: string;
  /** Days from sending to the deadline. */
  readonly deadlineDays: number;
  readonly interestRate: string;
  readonly interestFrom: string;
  /** True when the interest periods used more than one rate. */
  readonly rateChanged: boolean;
  readonly claimCount: number;
  /** What the claims concern: the distinct descriptions, in order. */
  readonly concerns: readonly string[];
  /** Fees and salær on the letter, label and formatted amount. */
  readonly costs: readonly { readonly label: string; readonly amount: string }[];
}

/** One paragraph of the body; `null` when it does not apply to this letter (e.g. no fee). */
export type Statement = (p: StatementParams) => string | null;

export interface KindTexts {
  readonly title: string;
  /** Paragraphs before the claim tables. */
  readonly before: readonly Statement[];
  /** Paragraphs after the tables, before the payment box. */
  readonly after: readonly Statement[];
}

export interface LabelTexts {
  readonly languageTag: string;
  readonly caseNumber: string;
  readonly letterId: string;
  readonly sentOn: string;
  readonly deadline: string;
  readonly customerNumber: string;
  readonly creditor: string;
  readonly orgNumber: string;
  readonly phone: string;
  readonly email: string;
  readonly claimsHeading: string;
  readonly columns: {
    readonly invoiceNumber: string;
    readonly invoiceDate: string;
    readonly dueDate: string;
    readonly description: string;
    readonly principal: string;
    readonly paid: string;
    readonly outstanding: string;
  };
  readonly summaryHeading: string;
  /** The currency note in table headings: "beløp i NOK". */
  readonly amountsIn: (currency: string) => string;
  readonly principal: string;
  readonly paid: string;
  readonly principalOutstanding: string;
  readonly interest: (rate: string, from: string, until: string) => string;
  readonly additionalTotal: string;
  readonly total: string;
  readonly paymentHeading: string;
  readonly toAccount: string;
  readonly kid: string;
  readonly amount: string;
  readonly payBy: string;
  readonly iban: string;
  readonly bic: string;
  readonly regards: string;
  readonly page: (n: number, of: number) => string;
}

export interface LanguageTexts {
  readonly labels: LabelTexts;
  readonly kinds: Readonly<Record<LetterKind, KindTexts>>;
}

const listNb = (p: StatementParams): string =>
  p.concerns.length <= 3 ? p.concerns.join("; ") : `${p.claimCount} fakturaer, se spesifikasjonen nedenfor`;
const listEn = (p: StatementParams): string =>
  p.concerns.length <= 3 ? p.concerns.join("; ") : `${p.claimCount} invoices, listed below`;
const invoicesNb = (p: StatementParams): string => (p.claimCount === 1 ? "Fakturaen" : "Fakturaene");
const invoicesEn = (p: StatementParams): string => (p.claimCount === 1 ? "The invoice below has" : "The invoices below have");
const costsNb = (p: StatementParams): string | null =>
  p.costs.length === 0 ? null : `I beløpet inngår: ${p.costs.map((c) => `${c.label} ${c.amount}`).join(", ")}.`;
const costsEn = (p: StatementParams): string | null =>
  p.costs.length === 0 ? null : `The amount includes: ${p.costs.map((c) => `${c.label} ${c.amount}`).join(", ")}.`;

const NB: LanguageTexts = {
  labels: {
    languageTag: "nb-NO",
    caseNumber: "Saksnummer",
    letterId: "Brevnummer",
    sentOn: "Dato",
    deadline: "Betalingsfrist",
    customerNumber: "Kundenummer",
    creditor: "Kreditor",
    orgNumber: "Org.nr.",
    phone: "Telefon",
    email: "E-post",
    claimsHeading: "Spesifikasjon av kravet",
    columns: {
      invoiceNumber: "Fakturanr.",
      invoiceDate: "Fakturadato",
      dueDate: "Forfall",
      description: "Gjelder",
      principal: "Beløp",
      paid: "Betalt",
      outstanding: "Rest",
    },
    summaryHeading: "Hovedstol og tilleggskrav",
    amountsIn: (currency) => `beløp i ${currency}`,
    principal: "Hovedstol",
    paid: "Innbetalt",
    principalOutstanding: "Gjenstående hovedstol",
    interest: (rate, from, until) => `Forsinkelsesrente ${rate} per år fra ${from} til ${until}`,
    additionalTotal: "Sum tilleggskrav (renter og kostnader)",
    total: "Å betale",
    paymentHeading: "Betalingsinformasjon",
    toAccount: "Til konto",
    kid: "KID",
    amount: "Beløp",
    payBy: "Betalingsfrist",
    iban: "IBAN",
    bic: "BIC/SWIFT",
    regards: "Med vennlig hilsen",
    page: (n, of) => `Side ${n} av ${of}`,
  },
  kinds: {
    reminder: {
      title: "Betalingspåminnelse",
      before: [
        (p) => `Vi skriver på vegne av ${p.creditor}. ${invoicesNb(p)} nedenfor er ikke betalt, selv om forfallsdatoen er passert.`,
        // inkassoforskriften § 1-2: a reminder states what the claim concerns ...
        (p) => `Kravet gjelder ${listNb(p)}.`,
        // ... and the amount.
        (p) => `Vi ber deg betale ${p.total} innen ${p.deadline}.`,
        costsNb,
      ],
      after: [
        // The next step the debtor may face: an inkassovarsel under inkassoloven § 9.
        () => "Betaler du ikke innen fristen, kan du få et inkassovarsel, og kravet kan deretter bli sendt til inkasso.",
        () => "Mener du at kravet ikke er riktig, ber vi deg kontakte oss før fristen.",
        () => "Har du betalt i mellomtiden, kan du se bort fra denne påminnelsen.",
      ],
    },
    "collection-notice": {
      title: "Inkassovarsel",
      before: [
        (p) => `Vi skriver på vegne av ${p.creditor}. ${invoicesNb(p)} nedenfor er ikke betalt, selv om forfallsdatoen er passert.`,
        (p) => `Kravet gjelder ${listNb(p)}.`,
        // inkassoloven § 9 første ledd: collection will be started unless paid within a deadline of at least 14 days.
        (p) =>
          `Dersom kravet på ${p.total} ikke er betalt innen ${p.deadline}, vil det bli sendt til inkasso. ` +
          `Fristen er ${p.deadlineDays} dager fra dette varselet ble sendt ${p.sentOn}.`,
        // inkassoforskriften § 1-2: the fee for the notice, if any.
        costsNb,
      ],
      after: [
        // Consequence of collection: inkassosalær under inkassoforskriften ch. 2, which the debtor must cover.
        () => "Blir kravet sendt til inkasso, kan det påløpe inkassokostnader og mer rente, som du må betale i tillegg.",
        // inkassoloven § 17: no collection costs if paid within the notice's deadline.
        () => "Betaler du innen fristen, slipper du inkassokostnader.",
        // inkassoloven § 9: payment is in time if the payer's bank has received it within the deadline.
        () => "Betalingen er i tide dersom betalingsoppdraget er mottatt av banken din innen fristen.",
        // inkassoloven § 17: no costs for claims with objections that reasonably need assessment.
        () => "Har du innsigelser mot kravet, ber vi deg gi oss beskjed før fristen, helst skriftlig.",
        () => "Har du betalt i mellomtiden, kan du se bort fra dette varselet.",
      ],
    },
    "payment-demand": {
      title: "Betalingsoppfordring",
      before: [
        // inkassoloven § 10 a: the creditor's name.
        (p) => `Vi har fått i oppdrag av ${p.creditor} (kreditor) å kreve inn kravet nedenfor.`,
        // inkassoloven § 10 b: what the claim concerns.
        (p) => `Kravet gjelder ${listNb(p)}.`,
        // inkassoloven § 10 første ledd: pay or object within a deadline of at least 14 days.
        (p) =>
          `Vi ber deg betale ${p.total} innen ${p.deadline}, eller innen samme frist gi oss beskjed om hvorfor du mener at kravet ikke er riktig. ` +
          `Fristen er ${p.deadlineDays} dager fra denne betalingsoppfordringen ble sendt ${p.sentOn}.`,
        // inkassoloven § 10 c: the size of the claim, principal and additional claims (interest, costs) separated;
        // § 10 d: the interest rate used and the date interest runs from.
        (p) =>
          "Kravet består av hovedstol og tilleggskrav (renter og kostnader), som er spesifisert hver for seg nedenfor. " +
          `Forsinkelsesrenten er beregnet med en rentesats på ${p.interestRate} per år, og renten løper fra ${p.interestFrom}.` +
          (p.rateChanged ? " Rentesatsen har endret seg i perioden; satsene for hver periode står i oppstillingen." : ""),
      ],
      after: [
        // inkassoloven § 10 e: non-payment may cause further costs and legal enforcement.
        () => "Manglende betaling kan føre til ytterligere kostnader for deg og til rettslig inndrivelse av kravet, for eksempel forliksklage eller begjæring om utlegg.",
        // inkassoloven § 10 første ledd and § 17: the debtor may object (innsigelse).
        () => "Du har rett til å komme med innsigelser mot kravet. Er du uenig i kravet eller deler av det, gi oss beskjed innen fristen og begrunn innsigelsen.",
        // inkassoloven § 10 f with § 22: the right to have a dispute heard by the complaints board.
        () => "Er du uenig i hvordan vi behandler saken, har du rett til nemndsbehandling i Finansklagenemnda (Inkassoklagenemnda), jf. inkassoloven § 22.",
      ],
    },
    // The Norwegian plan letters and filings are case documents sent as letters (document-letters.ts): the title names them in the channels.
    "payment-plan": { title: "Bekreftelse av betalingsavtale", before: [], after: [] },
    "payment-plan-breach": { title: "Betalingsavtalen er brutt", before: [], after: [] },
    "legal-filing": { title: "Rettslig begjæring", before: [], after: [] },
    // Only a Swedish case sends this one, and its letters are in sv or en-SE (letter-texts-sv.ts).
    "payment-order-application": SV.kinds["payment-order-application"],
  },
};

const EN: LanguageTexts = {
  labels: {
    languageTag: "en",
    caseNumber: "Case number",
    letterId: "Letter number",
    sentOn: "Date",
    deadline: "Payment deadline",
    customerNumber: "Customer number",
    creditor: "Creditor",
    orgNumber: "Org. no.",
    phone: "Phone",
    email: "Email",
    claimsHeading: "Details of the claim",
    columns: {
      invoiceNumber: "Invoice no.",
      invoiceDate: "Invoice date",
      dueDate: "Due date",
      description: "Concerning",
      principal: "Amount",
      paid: "Paid",
      outstanding: "Outstanding",
    },
    summaryHeading: "Principal and additional claims",
    amountsIn: (currency) => `amounts in ${currency}`,
    principal: "Principal",
    paid: "Paid",
    principalOutstanding: "Outstanding principal",
    interest: (rate, from, until) => `Late payment interest at ${rate} per year from ${from} to ${until}`,
    additionalTotal: "Total additional claims (interest and costs)",
    total: "Amount to pay",
    paymentHeading: "Payment details",
    toAccount: "To account",
    kid: "KID (payment reference)",
    amount: "Amount",
    payBy: "Pay by",
    iban: "IBAN",
    bic: "BIC/SWIFT",
    regards: "Yours sincerely",
    page: (n, of) => `Page ${n} of ${of}`,
  },
  kinds: {
    reminder: {
      title: "Payment reminder",
      before: [
        (p) => `We are writing on behalf of ${p.creditor}. ${invoicesEn(p)} not been paid, although the due date has passed.`,
        // inkassoforskriften § 1-2: a reminder states what the claim concerns ...
        (p) => `The claim concerns ${listEn(p)}.`,
        // ... and the amount.
        (p) => `Please pay ${p.total} by ${p.deadline}.`,
        costsEn,
      ],
      after: [
        // The next step the debtor may face: a collection notice under inkassoloven § 9.
        () => "If you do not pay by the deadline, you may receive a debt collection notice, and the claim may then be sent to debt collection.",
        () => "If you believe the claim is not correct, please contact us before the deadline.",
        () => "If you have already paid, please disregard this reminder.",
      ],
    },
    "collection-notice": {
      title: "Debt collection notice",
      before: [
        (p) => `We are writing on behalf of ${p.creditor}. ${invoicesEn(p)} not been paid, although the due date has passed.`,
        (p) => `The claim concerns ${listEn(p)}.`,
        // inkassoloven § 9 første ledd: collection will be started unless paid within a deadline of at least 14 days.
        (p) =>
          `If the claim of ${p.total} has not been paid by ${p.deadline}, it will be sent to debt collection. ` +
          `The deadline is ${p.deadlineDays} days from the date this notice was sent, ${p.sentOn}.`,
        // inkassoforskriften § 1-2: the fee for the notice, if any.
        costsEn,
      ],
      after: [
        () => "If the claim is sent to debt collection, collection costs and further interest may be added, which you will have to pay.",
        // inkassoloven § 17: no collection costs if paid within the notice's deadline.
        () => "If you pay by the deadline, no collection costs will be charged.",
        // inkassoloven § 9: payment is in time if the payer's bank has received it within the deadline.
        () => "Payment is in time if your bank has received the payment order by the deadline.",
        // inkassoloven § 17: no costs for claims with objections that reasonably need assessment.
        () => "If you object to the claim, please let us know before the deadline, preferably in writing.",
        () => "If you have already paid, please disregard this notice.",
      ],
    },
    "payment-demand": {
      title: "Payment demand",
      before: [
        // inkassoloven § 10 a: the creditor's name.
        (p) => `We have been instructed by ${p.creditor} (the creditor) to collect the claim below.`,
        // inkassoloven § 10 b: what the claim concerns.
        (p) => `The claim concerns ${listEn(p)}.`,
        // inkassoloven § 10 første ledd: pay or object within a deadline of at least 14 days.
        (p) =>
          `Please pay ${p.total} by ${p.deadline}, or by the same deadline tell us why you believe the claim is not correct. ` +
          `The deadline is ${p.deadlineDays} days from the date this payment demand was sent, ${p.sentOn}.`,
        // inkassoloven § 10 c: the size of the claim, principal and additional claims (interest, costs) separated;
        // § 10 d: the interest rate used and the date interest runs from.
        (p) =>
          "The claim consists of the principal and additional claims (interest and costs), each shown separately below. " +
          `Late payment interest has been calculated at a rate of ${p.interestRate} per year, running from ${p.interestFrom}.` +
          (p.rateChanged ? " The rate changed during the period; the rate for each period is shown below." : ""),
      ],
      after: [
        // inkassoloven § 10 e: non-payment may cause further costs and legal enforcement.
        () => "Failure to pay may lead to further costs for you and to legal enforcement of the claim (rettslig inndrivelse), such as conciliation board proceedings or a petition for enforcement.",
        // inkassoloven § 10 første ledd and § 17: the debtor may object (innsigelse).
        () => "You have the right to object to the claim. If you dispute the claim or part of it, let us know by the deadline and give your reasons.",
        // inkassoloven § 10 f with § 22: the right to have a dispute heard by the complaints board.
        () => "If you disagree with how we handle the case, you have the right to have it heard by the Norwegian Financial Services Complaints Board (Finansklagenemnda, Inkassoklagenemnda) under section 22 of the Norwegian Debt Collection Act (inkassoloven § 22).",
      ],
    },
    "payment-plan": { title: "Confirmation of payment plan", before: [], after: [] },
    "payment-plan-breach": { title: "The payment plan has been broken", before: [], after: [] },
    "legal-filing": { title: "Legal filing", before: [], after: [] },
    // Only a Swedish case sends this one (see above): the English texts of Swedish law.
    "payment-order-application": EN_SE_KINDS["payment-order-application"],
  },
};

/** A Swedish case's letters in English (Swedish law; letter-texts-sv.ts). */
const EN_SE: LanguageTexts = { labels: { ...EN.labels, ...EN_SE_LABELS }, kinds: EN_SE_KINDS };

export const LETTER_TEXTS: Readonly<Record<LetterLanguage, LanguageTexts>> = { nb: NB, en: EN, sv: SV, "en-SE": EN_SE };
