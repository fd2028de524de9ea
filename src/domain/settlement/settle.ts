import { BUCKETS, type Bucket } from "../allocation.js";
import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Currency, type Money, formatDecimal, isCurrency, money, multiplyFraction, zero } from "../money.js";
import { type ReadAgreement, type SettlementAgreement, readAgreement } from "./agreement.js";

/**
 * Settlement (avregning) for one creditor and one period, as a pure function (docs/SETTLEMENT.md).
 *
 * Money the AGENCY received (allocated per case to fees → salær → legal costs → interest →
 * principal, docs/CASES.md "Money on a case") is split:
 *   creditor's share = principal + interest (interest only when `interestTo` is "creditor");
 *   agency's share   = fees + salær + legal costs (+ interest when `interestTo` is "agency").
 * The creditor in turn owes the agency, and this is set off (motregning) against its share:
 *   - the cost part (and the agency's interest) of payments the creditor received directly
 *     (the debtor paid the creditor, who keeps principal/interest but not the costs, docs/SETTLEMENT.md);
 *   - charges billed to the creditor (withdrawal costs, `charges.payer = 'creditor'`);
 *   - commission on the principal collected, and VAT on it when the agreement says so.
 * A positive net is paid out; a negative net is not paid (payout is never negative) but invoiced
 * to the creditor.
 *
 * Rounding (money.ts: half away from zero, the one rule): commission and its VAT are computed and
 * rounded ONCE per settlement line (one line = one case in the period):
 *   commission = max(round(principal collected × percent / 100), minimumPerCase)  if principal > 0
 *   VAT        = round(commission × vatRate / 100)                                  if VAT-liable
 * Everything else is a sum of integer øre, so every other figure is exact.
 */
export interface SettlementAllocation {
  readonly paymentId: string;
  readonly receivedOn: LocalDate;
  readonly bucket: Bucket;
  readonly amount: Money;
}

export interface CreditorCharge {
  /** e.g. "withdrawal-costs" (charges.kind). */
  readonly kind: string;
  readonly on: LocalDate;
  readonly amount: Money;
}

export interface SettlementCaseInput {
  readonly caseId: string;
  readonly caseNumber: string;
  /** The customer in the creditor's ledger (the customer ledger account / sub-ledger code). */
  readonly customerCode: string;
  readonly invoiceNumber: string;
  /** The invoice's KID in the creditor's ledger: the `cID` that matches the customer item. */
  readonly invoiceKid?: string;
  /** Allocations of payments received by the agency in the period (payments.channel = 'agency'). */
  readonly agencyAllocations: readonly SettlementAllocation[];
  /** Allocations of payments the creditor received directly in the period (channel = 'creditor'). */
  readonly directAllocations: readonly SettlementAllocation[];
  /** Charges billed to the creditor in the period (charges.payer = 'creditor'). */
  readonly creditorCharges: readonly CreditorCharge[];
}

export interface SettlementInput {
  readonly settlementId: string;
  readonly creditorId: string;
  readonly currency: Currency;
  /** Inclusive period; every allocation and charge must fall inside it (or from `lateFrom`). */
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  /**
   * Items dated from this day up to the period's start may come too: a payment the bank reported
   * after its own period was settled goes into the next settlement (a scheduled run).
   */
  readonly lateFrom?: LocalDate;
  /** The settlement date (voucher date, payout date). */
  readonly settledOn: LocalDate;
  readonly agreement: SettlementAgreement;
  readonly cases: readonly SettlementCaseInput[];
}

export type BucketAmounts = Readonly<Record<Bucket, Money>>;

export interface SettlementLine {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly customerCode: string;
  readonly invoiceNumber: string;
  readonly invoiceKid: string | undefined;
  /** Ids of the agency and direct payments that make up this line, each once, in input order. */
  readonly agencyPaymentIds: readonly string[];
  readonly directPaymentIds: readonly string[];
  /** Received by the agency, per bucket and in total. */
  readonly received: BucketAmounts;
  readonly receivedTotal: Money;
  /** Received by the creditor directly, per bucket. */
  readonly direct: BucketAmounts;
  /** Of the money the agency received: the creditor's part (principal + its interest). */
  readonly creditorShare: Money;
  /** Of the money the agency received: the agency's part (costs + its interest). */
  readonly agencyShareOfReceived: Money;
  /** Of the money the creditor received directly: what it owes the agency (costs + agency interest). */
  readonly owedFromDirect: Money;
  readonly withdrawalCosts: Money;
  /** Principal collected on the case in the period (agency + direct): the commission base. */
  readonly commissionBase: Money;
  readonly commission: Money;
  readonly commissionVat: Money;
  /** creditorShare − owedFromDirect − withdrawalCosts − commission − commissionVat (may be negative). */
  readonly net: Money;
}

export interface SettlementTotals {
  readonly receivedByAgency: Money;
  readonly received: BucketAmounts;
  readonly direct: BucketAmounts;
  readonly creditorShare: Money;
  readonly agencyShareOfReceived: Money;
  readonly owedFromDirect: Money;
  readonly withdrawalCosts: Money;
  readonly commission: Money;
  readonly commissionVat: Money;
  /** Everything the creditor owes the agency and that is set off: direct + withdrawal + commission + VAT. */
  readonly setOff: Money;
  /** The agency's whole income from the settlement, VAT included: agencyShareOfReceived + setOff. */
  readonly agencyTotal: Money;
  /** creditorShare − setOff. */
  readonly net: Money;
}

export interface Settlement {
  readonly settlementId: string;
  readonly creditorId: string;
  readonly currency: Currency;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  readonly settledOn: LocalDate;
  readonly interestTo: "creditor" | "agency";
  readonly lines: readonly SettlementLine[];
  readonly totals: SettlementTotals;
  /** max(net, 0): paid to the creditor's account. */
  readonly payout: Money;
  /** max(−net, 0): invoiced to the creditor, because set-off exceeded its share. */
  readonly invoiceToCreditor: Money;
  readonly outcome: "payout" | "invoice" | "nothing";
  /** Reasons a person reads on the remittance: the rules applied, and the outcome in words. */
  readonly notes: readonly string[];
}

export const SETTLEMENT_SOURCE =
  "docs/SETTLEMENT.md (avregning og remittering): principal and usually interest to the creditor; fees, salær, " +
  "commission with VAT to the agency; what the creditor owes is set off; rounding: money.ts, once per line.";

export function settle(input: SettlementInput): Settlement {
  const currency = input.currency;
  if (!isCurrency(currency)) throw new DomainError("unknown_currency", `unknown currency "${String(currency)}"`, "currency");
  const { from, to } = input.period;
  if (!(from instanceof LocalDate) || !(to instanceof LocalDate)) throw new DomainError("invalid_input", "from and to must be dates", "period");
  if (to.isBefore(from)) throw new DomainError("invalid_period", `the period ends (${to}) before it starts (${from})`, "period.to");
  if (!(input.settledOn instanceof LocalDate)) throw new DomainError("invalid_input", "must be a date", "settledOn");
  if (input.settledOn.isBefore(to)) {
    throw new DomainError("invalid_input", `settlement date ${input.settledOn} is before the period ends (${to})`, "settledOn");
  }
  if (input.lateFrom !== undefined && !(input.lateFrom instanceof LocalDate)) throw new DomainError("invalid_input", "must be a date", "lateFrom");
  // The days whose items this settlement takes: the period, and before it from `lateFrom`.
  const accepted = { from: input.lateFrom && input.lateFrom.isBefore(from) ? input.lateFrom : from, to };
  const agreement = readAgreement(input.agreement, currency);
  const seen = new Set<string>();
  const lines = input.cases.map((c, i) => {
    const field = `cases[${i}]`;
    if (seen.has(c.caseId)) throw new DomainError("duplicate_case", `case ${c.caseId} appears twice`, `${field}.caseId`);
    seen.add(c.caseId);
    return settleCase(c, field, currency, accepted, agreement);
  });
  const totals = addUp(lines, currency);
  const payout = money(Math.max(totals.net.amount, 0), currency);
  const invoiceToCreditor = money(Math.max(-totals.net.amount, 0), currency);
  const outcome = payout.amount > 0 ? "payout" : invoiceToCreditor.amount > 0 ? "invoice" : "nothing";
  const notes = [
    agreement.interestTo === "creditor" ? "Interest collected belongs to the creditor." : "Interest collected belongs to the agency (agreement).",
    commissionNote(agreement),
    outcome === "invoice"
      ? `What the creditor owes (${show(totals.setOff)}) exceeds its share (${show(totals.creditorShare)}): nothing is paid out; ${show(invoiceToCreditor)} is invoiced to the creditor.`
      : outcome === "payout"
        ? `${show(payout)} is paid out to the creditor after set-off of ${show(totals.setOff)}.`
        : "Nothing to pay and nothing to invoice.",
  ];
  return {
    settlementId: input.settlementId,
    creditorId: input.creditorId,
    currency,
    period: { from, to },
    settledOn: input.settledOn,
    interestTo: agreement.interestTo,
    lines,
    totals,
    payout,
    invoiceToCreditor,
    outcome,
    notes,
  };
}

function settleCase(
  c: SettlementCaseInput,
  field: string,
  currency: Currency,
  period: { from: LocalDate; to: LocalDate },
  agreement: ReadAgreement,
): SettlementLine {
  if (typeof c.caseId !== "string" || c.caseId === "") throw new DomainError("invalid_input", "a case id is required", `${field}.caseId`);
  if (typeof c.customerCode !== "string" || c.customerCode.trim() === "") {
    throw new DomainError("invalid_input", "the customer's ledger code is required", `${field}.customerCode`);
  }
  const received = bucketSums(c.agencyAllocations, `${field}.agencyAllocations`, currency, period);
  const direct = bucketSums(c.directAllocations, `${field}.directAllocations`, currency, period);
  let withdrawal = 0;
  c.creditorCharges.forEach((ch, j) => {
    const f = `${field}.creditorCharges[${j}]`;
    checkAmount(ch.amount, `${f}.amount`, currency);
    checkInPeriod(ch.on, `${f}.on`, period);
    withdrawal += ch.amount.amount;
  });

  const interestToCreditor = agreement.interestTo === "creditor";
  const r = (b: Bucket) => received[b].amount;
  const d = (b: Bucket) => direct[b].amount;
  const costs = (x: (b: Bucket) => number) => x("fees") + x("salary") + x("legal-costs");
  const creditorShare = r("principal") + (interestToCreditor ? r("interest") : 0);
  const agencyShareOfReceived = costs(r) + (interestToCreditor ? 0 : r("interest"));
  const owedFromDirect = costs(d) + (interestToCreditor ? 0 : d("interest"));

  const base = money(r("principal") + d("principal"), currency);
  let commission = zero(currency);
  if (base.amount > 0) {
    if (agreement.commissionPercent !== null) {
      commission = multiplyFraction(base, agreement.commissionPercent.numerator, agreement.commissionPercent.denominator * 100n);
    }
    if (agreement.minimumPerCase !== null && commission.amount < agreement.minimumPerCase.amount) commission = agreement.minimumPerCase;
  }
  const commissionVat = agreement.commissionVatLiable
    ? multiplyFraction(commission, agreement.vatRate.numerator, agreement.vatRate.denominator * 100n)
    : zero(currency);

  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    customerCode: c.customerCode,
    invoiceNumber: c.invoiceNumber,
    invoiceKid: c.invoiceKid,
    agencyPaymentIds: unique(c.agencyAllocations.map((a) => a.paymentId)),
    directPaymentIds: unique(c.directAllocations.map((a) => a.paymentId)),
    received,
    receivedTotal: money(BUCKETS.reduce((s, b) => s + r(b), 0), currency),
    direct,
    creditorShare: money(creditorShare, currency),
    agencyShareOfReceived: money(agencyShareOfReceived, currency),
    owedFromDirect: money(owedFromDirect, currency),
    withdrawalCosts: money(withdrawal, currency),
    commissionBase: base,
    commission,
    commissionVat,
    net: money(creditorShare - owedFromDirect - withdrawal - commission.amount - commissionVat.amount, currency),
  };
}

function bucketSums(
  allocations: readonly SettlementAllocation[],
  field: string,
  currency: Currency,
  period: { from: LocalDate; to: LocalDate },
): BucketAmounts {
  const sums: Record<Bucket, number> = { fees: 0, salary: 0, "legal-costs": 0, interest: 0, principal: 0 };
  allocations.forEach((a, i) => {
    const f = `${field}[${i}]`;
    if (!BUCKETS.includes(a.bucket)) {
      throw new DomainError("invalid_input", `"${String(a.bucket)}" is not a bucket (known: ${BUCKETS.join(", ")})`, `${f}.bucket`);
    }
    if (typeof a.paymentId !== "string" || a.paymentId === "") throw new DomainError("invalid_input", "a payment id is required", `${f}.paymentId`);
    checkAmount(a.amount, `${f}.amount`, currency);
    checkInPeriod(a.receivedOn, `${f}.receivedOn`, period);
    sums[a.bucket] += a.amount.amount;
  });
  return {
    fees: money(sums.fees, currency),
    salary: money(sums.salary, currency),
    "legal-costs": money(sums["legal-costs"], currency),
    interest: money(sums.interest, currency),
    principal: money(sums.principal, currency),
  };
}

/**
 * Amounts are zero or positive: a reversed payment is corrected by a reversing entry in a later
 * settlement (docs/SETTLEMENT.md), which this function does not take yet.
 */
function checkAmount(m: Money, field: string, currency: Currency): void {
  if (m.currency !== currency) throw new DomainError("currency_mismatch", `${m.currency} in a ${currency} settlement`, field);
  if (!Number.isSafeInteger(m.amount)) throw new DomainError("invalid_amount", `${m.amount} is not a whole number of minor units`, field);
  if (m.amount < 0) throw new DomainError("invalid_amount", `${m.amount} is negative; reversals are not settled here`, field);
}

function checkInPeriod(on: LocalDate, field: string, period: { from: LocalDate; to: LocalDate }): void {
  if (!(on instanceof LocalDate)) throw new DomainError("invalid_input", "must be a date", field);
  if (on.isBefore(period.from) || on.isAfter(period.to)) {
    throw new DomainError("outside_period", `${on} is outside the period ${period.from}..${period.to}`, field);
  }
}

function addUp(lines: readonly SettlementLine[], currency: Currency): SettlementTotals {
  const total = (pick: (l: SettlementLine) => Money) => money(lines.reduce((s, l) => s + pick(l).amount, 0), currency);
  const perBucket = (pick: (l: SettlementLine) => BucketAmounts): BucketAmounts => ({
    fees: total((l) => pick(l).fees),
    salary: total((l) => pick(l).salary),
    "legal-costs": total((l) => pick(l)["legal-costs"]),
    interest: total((l) => pick(l).interest),
    principal: total((l) => pick(l).principal),
  });
  const owedFromDirect = total((l) => l.owedFromDirect);
  const withdrawalCosts = total((l) => l.withdrawalCosts);
  const commission = total((l) => l.commission);
  const commissionVat = total((l) => l.commissionVat);
  const agencyShareOfReceived = total((l) => l.agencyShareOfReceived);
  const setOff = money(owedFromDirect.amount + withdrawalCosts.amount + commission.amount + commissionVat.amount, currency);
  return {
    receivedByAgency: total((l) => l.receivedTotal),
    received: perBucket((l) => l.received),
    direct: perBucket((l) => l.direct),
    creditorShare: total((l) => l.creditorShare),
    agencyShareOfReceived,
    owedFromDirect,
    withdrawalCosts,
    commission,
    commissionVat,
    setOff,
    agencyTotal: money(agencyShareOfReceived.amount + setOff.amount, currency),
    net: total((l) => l.net),
  };
}

function commissionNote(a: ReadAgreement): string {
  const parts: string[] = [];
  if (a.commissionPercent !== null) parts.push(`${a.commissionPercent.text} % of principal collected`);
  if (a.minimumPerCase !== null) parts.push(`at least ${show(a.minimumPerCase)} per case with principal collected`);
  if (parts.length === 0) return "No commission.";
  const vat = a.commissionVatLiable ? `, plus ${a.vatRate.text} % VAT` : ", no VAT";
  return `Commission: ${parts.join(", ")}${vat}; rounded once per case line, half away from zero.`;
}

function show(m: Money): string {
  return `${formatDecimal(m)} ${m.currency}`;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
