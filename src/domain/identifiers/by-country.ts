import { DomainError } from "../errors.js";
import type { IdentifierCheck } from "./check-result.js";
import { checkNoNationalId } from "./no-national-id.js";
import { checkNoOrganisationNumber } from "./no-organisation-number.js";
import { checkSeOrganisationNumber } from "./se-organisation-number.js";
import { checkSePersonalNumber } from "./se-personal-number.js";

/**
 * The countries whose cases the engine runs, each with its one currency: a creditor's
 * jurisdiction and currency come from its registration and must belong together (a Swedish
 * creditor collects in SEK under Swedish law, a Norwegian one in NOK under Norwegian law).
 * Organisation numbers and personal identity numbers are checked by the country's own rule.
 */
export const CASE_COUNTRIES = ["NO", "SE"] as const;
export type CaseCountry = (typeof CASE_COUNTRIES)[number];
export const COUNTRY_CURRENCY: Readonly<Record<CaseCountry, "NOK" | "SEK">> = { NO: "NOK", SE: "SEK" };

/** A jurisdiction and currency pair the case engine runs; anything else is refused with the reason. */
export function caseCountry(jurisdiction: string, currency: string, field = "jurisdiction"): { jurisdiction: CaseCountry; currency: "NOK" | "SEK" } {
  if (!(CASE_COUNTRIES as readonly string[]).includes(jurisdiction)) {
    throw new DomainError("unsupported_jurisdiction", `the case engine runs ${CASE_COUNTRIES.join(" and ")} cases, not "${jurisdiction}"`, field);
  }
  const j = jurisdiction as CaseCountry;
  if (currency !== COUNTRY_CURRENCY[j]) {
    throw new DomainError("currency_mismatch", `a ${j} creditor collects in ${COUNTRY_CURRENCY[j]}, not ${currency} (the law of the debtor's country and its currency go together)`, "currency");
  }
  return { jurisdiction: j, currency: COUNTRY_CURRENCY[j] };
}

const ORG_NUMBER_NAMES: Readonly<Record<CaseCountry, string>> = { NO: "Norwegian organisasjonsnummer (9 digits, MOD11)", SE: "Swedish organisationsnummer (NNNNNN-NNNC, Luhn)" };

/** The organisation number checked by the country's rule (Brønnøysund's MOD11; Bolagsverket's Luhn). */
export function checkOrganisationNumber(country: CaseCountry, value: string): IdentifierCheck {
  const check = country === "SE" ? checkSeOrganisationNumber(value.trim()) : checkNoOrganisationNumber(value.replace(/\s/g, ""));
  return check.valid ? check : { valid: false, reason: `not a valid ${ORG_NUMBER_NAMES[country]}: ${check.reason ?? "invalid"}` };
}

/** The organisation number as stored, or a DomainError naming the field. */
export function requireOrganisationNumber(country: CaseCountry, value: string, field = "orgNumber"): string {
  const check = checkOrganisationNumber(country, value);
  if (!check.valid) throw new DomainError("invalid_input", `${value} is ${check.reason}`, field);
  return check.normalized ?? value;
}

/** A personal identity number by the debtor's country: fødselsnummer/D-nummer, or personnummer/samordningsnummer. Normalised digits (SE keeps its separator). */
export function requireNationalId(country: CaseCountry, value: string, field = "nationalId"): string {
  if (country === "SE") {
    const check = checkSePersonalNumber(value.replace(/\s/g, ""));
    if (!check.valid) throw new DomainError("invalid_input", `not a valid Swedish personnummer or samordningsnummer: ${check.reason ?? "invalid"}`, field);
    return check.normalized!;
  }
  const digits = value.replace(/\s/g, "");
  const check = checkNoNationalId(digits);
  if (!check.valid) throw new DomainError("invalid_input", `not a valid Norwegian national identity number: ${check.reason ?? "invalid"}`, field);
  return digits;
}
