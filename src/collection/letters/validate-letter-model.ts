import { DomainError } from "../../domain/errors.js";
import { checkBankgiro, checkKid, checkNoAccountNumber, checkOcr } from "../../domain/identifiers/index.js";
import type { Money } from "../../domain/money.js";
import type { Address, LetterModel } from "./letter-model.js";

/** inkassoloven § 9 (inkassovarsel) and § 10 (betalingsoppfordring): a deadline of at least 14 days from sending. */
export const MIN_DEADLINE_DAYS = 14;

const RATE_PATTERN = /^\d{1,3}(\.\d{1,4})?$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;

/**
 * Throws a `DomainError` naming the path of the first inconsistent or unlawful value
 * (e.g. `claims[0].principal`). The letter renderer calls this before drawing anything, so an
 * unlawful letter is never produced.
 *
 * Codes: missing_value, no_claims, currency_mismatch, invalid_amount, negative_amount, overpaid,
 * invalid_date_order, not_overdue, invalid_rate, interest_mismatch, total_mismatch,
 * deadline_before_sending, deadline_too_short, invalid_kid, invalid_account, invalid_country.
 */
export function validateLetterModel(model: LetterModel): void {
  requireText(model.letterId, "letterId");
  requireText(model.caseNumber, "caseNumber");
  requireText(model.agency.name, "agency.name");
  requireText(model.agency.orgNumber, "agency.orgNumber");
  checkAddress(model.agency.address, "agency.address");
  // inkassoloven § 10 a: the payment demand names the creditor; every letter does.
  requireText(model.creditor.name, "creditor.name");
  checkAddress(model.creditor.address, "creditor.address");
  requireText(model.debtor.name, "debtor.name");
  checkAddress(model.debtor.address, "debtor.address");
  if (model.claims.length === 0) throw new DomainError("no_claims", "a letter needs at least one claim", "claims");

  checkAmounts(model);
  checkClaims(model);
  checkInterest(model);
  checkTotal(model);
  checkDeadline(model);

  if (model.total.currency === "SEK") {
    // A SEK claim: an OCR reference (Bankgirot's Luhn, hard control) to the agency's Bankgiro.
    const ocr = checkOcr(model.kid);
    if (!ocr.valid) throw new DomainError("invalid_kid", `"${model.kid}" is not a valid OCR reference: ${ocr.reason ?? "check failed"}`, "kid");
    const bg = model.agency.bankgiro === undefined ? null : checkBankgiro(model.agency.bankgiro);
    if (!bg?.valid) throw new DomainError("invalid_account", `a SEK letter needs the agency's Bankgiro number${bg ? `: ${bg.reason ?? "check failed"}` : " (FORDRING_AGENCY_BANKGIRO)"}`, "agency.bankgiro");
    return;
  }
  const kid = checkKid(model.kid);
  if (!kid.valid) throw new DomainError("invalid_kid", `"${model.kid}" is not a valid KID: ${kid.reason ?? "check failed"}`, "kid");
  const account = checkNoAccountNumber(model.agency.accountNumber);
  if (!account.valid) {
    throw new DomainError("invalid_account", `"${model.agency.accountNumber}" is not a valid account number: ${account.reason ?? "check failed"}`, "agency.accountNumber");
  }
}

/** Every amount of the letter with its path, in the order the letter prints them. */
function amountsOf(model: LetterModel): [string, Money][] {
  const amounts: [string, Money][] = [];
  model.claims.forEach((c, i) => amounts.push([`claims[${i}].principal`, c.principal], [`claims[${i}].paid`, c.paid]));
  amounts.push(["interest.amount", model.interest.amount]);
  model.interest.periods?.forEach((p, i) => amounts.push([`interest.periods[${i}].amount`, p.amount]));
  model.costs.forEach((c, i) => amounts.push([`costs[${i}].amount`, c.amount]));
  amounts.push(["total", model.total]);
  return amounts;
}

function checkAmounts(model: LetterModel): void {
  const currency = model.total.currency;
  for (const [path, m] of amountsOf(model)) {
    if (m.currency !== currency) {
      throw new DomainError("currency_mismatch", `${m.currency} differs from the letter's currency ${currency} (the total's)`, path);
    }
    if (!Number.isSafeInteger(m.amount)) throw new DomainError("invalid_amount", `${m.amount} is not a whole number of minor units`, path);
    if (m.amount < 0) throw new DomainError("negative_amount", `${m.amount} is negative; amounts on a letter are zero or more`, path);
  }
}

function checkClaims(model: LetterModel): void {
  model.claims.forEach((c, i) => {
    const at = `claims[${i}]`;
    requireText(c.invoiceNumber, `${at}.invoiceNumber`);
    // inkassoloven § 10 b; inkassoforskriften § 1-2: the letter states what the claim concerns.
    requireText(c.description, `${at}.description`);
    if (c.paid.amount > c.principal.amount) {
      throw new DomainError("overpaid", `paid ${c.paid.amount} exceeds the principal ${c.principal.amount}`, `${at}.paid`);
    }
    if (c.dueDate.isBefore(c.invoiceDate)) {
      throw new DomainError("invalid_date_order", `due date ${c.dueDate} is before the invoice date ${c.invoiceDate}`, `${at}.dueDate`);
    }
    // inkassoloven § 9: a collection notice is sent after forfall; a reminder likewise.
    if (!c.dueDate.isBefore(model.sentOn)) {
      throw new DomainError("not_overdue", `due date ${c.dueDate} is not before the sending date ${model.sentOn}`, `${at}.dueDate`);
    }
  });
}

function checkInterest(model: LetterModel): void {
  const { interest } = model;
  checkRate(interest.ratePercent, "interest.ratePercent");
  if (interest.until.isBefore(interest.from)) {
    throw new DomainError("invalid_date_order", `interest runs until ${interest.until}, before it runs from ${interest.from}`, "interest.until");
  }
  const periods = interest.periods;
  if (periods === undefined || periods.length === 0) return;
  periods.forEach((p, i) => {
    checkRate(p.ratePercent, `interest.periods[${i}].ratePercent`);
    if (p.to.isBefore(p.from)) throw new DomainError("invalid_date_order", `period ends ${p.to}, before it starts ${p.from}`, `interest.periods[${i}].to`);
  });
  const sum = periods.reduce((s, p) => s + p.amount.amount, 0);
  if (sum !== interest.amount.amount) {
    throw new DomainError("interest_mismatch", `the periods add up to ${sum}, the interest is ${interest.amount.amount}`, "interest.periods");
  }
}

function checkTotal(model: LetterModel): void {
  const outstanding = model.claims.reduce((s, c) => s + c.principal.amount - c.paid.amount, 0);
  const costs = model.costs.reduce((s, c) => s + c.amount.amount, 0);
  const expected = outstanding + model.interest.amount.amount + costs;
  if (model.total.amount !== expected) {
    throw new DomainError(
      "total_mismatch",
      `total ${model.total.amount} ≠ principal − paid ${outstanding} + interest ${model.interest.amount.amount} + costs ${costs} = ${expected}`,
      "total",
    );
  }
}

function checkDeadline(model: LetterModel): void {
  const days = model.sentOn.daysUntil(model.deadline);
  if (days < 0) throw new DomainError("deadline_before_sending", `deadline ${model.deadline} is before the sending date ${model.sentOn}`, "deadline");
  // A Swedish letter: the inkassokrav's deadline is checked by god inkassosed's rule when it is planned (domain/se, collectionDemandDeadline); ≥ 8 days here.
  if (model.total.currency === "SEK") {
    if (model.kind === "collection-notice" && days < 8) throw new DomainError("deadline_too_short", `deadline ${model.deadline} is ${days} days after sending; god inkassosed requires at least 8`, "deadline");
    return;
  }
  // inkassoloven § 9 (inkassovarsel) and § 10 (betalingsoppfordring): at least 14 days from sending.
  if (model.kind !== "reminder" && days < MIN_DEADLINE_DAYS) {
    const paragraph = model.kind === "collection-notice" ? "§ 9" : "§ 10";
    throw new DomainError(
      "deadline_too_short",
      `deadline ${model.deadline} is ${days} days after sending; inkassoloven ${paragraph} requires at least ${MIN_DEADLINE_DAYS}`,
      "deadline",
    );
  }
}

function checkRate(rate: string, path: string): void {
  if (!RATE_PATTERN.test(rate)) throw new DomainError("invalid_rate", `"${rate}" is not a rate such as 12.50 (per cent per year)`, path);
}

function checkAddress(address: Address, path: string): void {
  requireText(address.line1, `${path}.line1`);
  requireText(address.postcode, `${path}.postcode`);
  requireText(address.city, `${path}.city`);
  if (!COUNTRY_PATTERN.test(address.country)) {
    throw new DomainError("invalid_country", `"${address.country}" is not an ISO 3166 alpha-2 country code such as NO`, `${path}.country`);
  }
}

function requireText(value: string, path: string): void {
  if (value.trim() === "") throw new DomainError("missing_value", "must not be empty", path);
}
