import { type IdentifierCheck, NON_DIGITS, invalidIdentifier, validIdentifier, wrongCheckDigit, wrongLength } from "./check-result.js";
import { digitAt, isDigits } from "./digits.js";
import { luhnCheckDigit } from "./mod10.js";

/**
 * Swedish organisationsnummer `NNNNNN-NNNC` (lag (1974:174) om identitetsbeteckning för juridiska personer m.fl.; Bolagsverket): 10 digits, Luhn check digit over
 * the first nine; the third digit is at least 2, so that digits 3–4 ("month") can never be read as
 * a personnummer. Accepted forms: `NNNNNN-NNNC`, `NNNNNNNNNC`, and the same with the `16` century
 * prefix some registers use. Normalized: `NNNNNN-NNNC`.
 */
export function checkSeOrganisationNumber(value: string): IdentifierCheck {
  let text = value;
  if ((text.length === 12 || text.length === 13) && text.startsWith("16")) text = text.slice(2);
  const digits = text.charAt(6) === "-" ? text.slice(0, 6) + text.slice(7) : text;
  if (digits.length !== 10) return wrongLength("10 digits (NNNNNN-NNNC)", digits.length);
  if (!isDigits(digits)) return NON_DIGITS;
  if (digitAt(digits, 2) < 2) return invalidIdentifier(`third digit must be 2 or more, got ${digitAt(digits, 2)} (digits 3–4 would read as a month of a personal number)`);
  const expected = luhnCheckDigit(digits, 0, 9);
  const got = digitAt(digits, 9);
  if (expected !== got) return wrongCheckDigit(expected, got);
  return validIdentifier(`${digits.slice(0, 6)}-${digits.slice(6)}`);
}
