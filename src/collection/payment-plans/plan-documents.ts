import type { LocalDate } from "../../domain/calendar/local-date.js";
import { formatNorwegian, type Currency } from "../../domain/money.js";
import { addressLines, type CaseParties, type DocumentModel } from "../documents/case-document.js";
import type { LetterAgency } from "../letters/letter-model.js";

/**
 * The debtor's letters of a payment plan, in the debtor's language: the confirmation (the
 * schedule, the KIDs, the cost of the agreement when one is charged — an agency that does not
 * tell the debtor the cost has waived it, Justisdepartementet 22.01.1996) and the breach notice
 * (the missed instalment, that the plan has ended and collection resumes).
 */
export interface PlanInstalmentRow {
  dueOn: string;
  amountMinor: number;
  kid: string;
}

const amount = (minor: number, currency: Currency) => `${formatNorwegian({ amount: minor, currency })} ${currency}`;

function header(p: CaseParties, agency: LetterAgency, on: LocalDate, language: "nb" | "en") {
  return {
    language,
    issuedOn: on.toString(),
    author: agency.name,
    from: [agency.name, `${language === "nb" ? "Org.nr." : "Org. no."} ${agency.orgNumber}`, ...addressLines(agency.address)],
    to: [p.debtor.name, ...addressLines(p.debtor.address)],
  };
}

export function planConfirmation(p: CaseParties, agency: LetterAgency, on: LocalDate, plan: { instalments: readonly PlanInstalmentRow[]; totalMinor: number; costMinor: number; currency: Currency; graceDays: number }): DocumentModel {
  const nb = p.debtor.language === "nb";
  const account = agency.accountNumber;
  return {
    ...header(p, agency, on, p.debtor.language),
    title: nb ? "Bekreftelse av betalingsavtale" : "Confirmation of payment plan",
    intro: [
      nb
        ? `Vi bekrefter avtalen om å betale kravet fra ${p.creditor.name} i ${plan.instalments.length} avdrag. Så lenge avtalen holdes, sender vi ingen nye varsler og tar ingen rettslige skritt.`
        : `We confirm the agreement to pay the claim from ${p.creditor.name} in ${plan.instalments.length} instalments. While the plan is kept, we send no further letters and take no legal steps.`,
    ],
    fields: [
      { label: nb ? "Saksnummer" : "Case number", value: p.caseNumber },
      { label: nb ? "Kreditor" : "Creditor", value: p.creditor.name },
      { label: nb ? "Faktura" : "Invoice", value: p.invoiceNumber },
      { label: nb ? "Avtalt beløp" : "Amount agreed", value: amount(plan.totalMinor, plan.currency) },
      ...(plan.costMinor > 0
        ? [{ label: nb ? "Kostnad ved avdragsordning" : "Cost of the instalment agreement", value: `${amount(plan.costMinor, plan.currency)} (${nb ? "inkassoforskriften § 2-4, inkludert i avtalt beløp" : "inkassoforskriften § 2-4, included in the amount agreed"})` }]
        : []),
      { label: nb ? "Kontonummer" : "Account number", value: account },
    ],
    table: {
      columns: nb ? ["Nr.", "Forfall", "Beløp", "KID"] : ["No.", "Due", "Amount", "KID"],
      rows: plan.instalments.map((i, n) => [String(n + 1), i.dueOn, amount(i.amountMinor, plan.currency), i.kid]),
      rightAligned: [2],
    },
    closing: [
      nb
        ? `Forsinkelsesrenten løper videre på hovedstolen mens avtalen varer, og renten som påløper, kreves etter siste avdrag. Blir et avdrag ikke betalt innen ${plan.graceDays} dager etter forfall, faller avtalen bort og inndrivingen fortsetter der den stod.`
        : `Late interest continues to run on the principal while the plan lasts; the interest that accrues is collected after the last instalment. If an instalment is not paid within ${plan.graceDays} days after it falls due, the plan ends and collection resumes where it stood.`,
      nb
        ? "Betales kravet senere enn 28 dager etter fristen i betalingsoppfordringen, øker den høyeste lovlige inkassokostnaden (tungt salær, inkassoforskriften § 2-3)."
        : "If the claim is paid later than 28 days after the payment demand's deadline, the highest lawful collection cost rises (heavy salær, inkassoforskriften § 2-3).",
    ],
  };
}

export function planBreach(p: CaseParties, agency: LetterAgency, on: LocalDate, missed: { index: number; dueOn: string; shortMinor: number; currency: Currency; graceDays: number; balanceMinor: number }): DocumentModel {
  const nb = p.debtor.language === "nb";
  return {
    ...header(p, agency, on, p.debtor.language),
    title: nb ? "Betalingsavtalen er brutt" : "The payment plan has been broken",
    intro: [
      nb
        ? `Avdrag nr. ${missed.index + 1} med forfall ${missed.dueOn} er ikke betalt innen ${missed.graceDays} dager etter forfall; det mangler ${amount(missed.shortMinor, missed.currency)}. Betalingsavtalen er derfor falt bort, og inndrivingen av kravet fortsetter der den stod da avtalen ble inngått.`
        : `Instalment no. ${missed.index + 1}, due ${missed.dueOn}, was not paid within ${missed.graceDays} days of falling due; ${amount(missed.shortMinor, missed.currency)} is missing. The payment plan has therefore ended, and the collection of the claim resumes where it stood when the plan was agreed.`,
    ],
    fields: [
      { label: nb ? "Saksnummer" : "Case number", value: p.caseNumber },
      { label: nb ? "Kreditor" : "Creditor", value: p.creditor.name },
      { label: nb ? "Utestående" : "Outstanding", value: amount(missed.balanceMinor, missed.currency) },
      { label: "KID", value: p.kid },
      { label: nb ? "Kontonummer" : "Account number", value: agency.accountNumber },
    ],
    closing: [nb ? "Ta kontakt med oss dersom du ønsker å avtale en ny betalingsordning." : "Please contact us if you wish to agree a new payment arrangement."],
  };
}
