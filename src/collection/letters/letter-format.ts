import type { LocalDate } from "../../domain/calendar/local-date.js";
import { type Currency, type Money, formatDecimal, formatNorwegian } from "../../domain/money.js";
import type { LetterLanguage } from "./letter-model.js";

/**
 * How numbers, dates and identifiers are written on a letter, per language. Norwegian groups
 * digits with a no-break space and uses a decimal comma ("1 500,00"); English uses "1,500.00".
 * No-break spaces keep an amount, a rate or an org number on one line.
 */
const NBSP = "\u00a0";

/** The number alone, for table columns whose header names the currency. */
export function formatAmountNumber(m: Money, language: LetterLanguage): string {
  if (language === "nb" || language === "sv") return formatNorwegian(m); // Swedish groups and writes decimals the same way

  const [int, frac] = formatDecimal(m).replace("-", "").split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${m.amount < 0 ? "-" : ""}${grouped}.${frac ?? "00"}`;
}

/** Running text: "kr 1 500,00" (Språkrådet: "kr" before the number), "EUR 1 500,00"; English "NOK 1,500.00". */
export function formatAmount(m: Money, language: LetterLanguage): string {
  // Swedish: "1 500,00 kr" (Språkrådet, Sweden: the unit after the number).
  if (language === "sv") return `${formatAmountNumber(m, language)}${NBSP}${m.currency === "SEK" ? "kr" : m.currency}`;
  return `${currencyUnit(m.currency, language)}${NBSP}${formatAmountNumber(m, language)}`;
}

/** The unit written before an amount: Norwegian kroner are "kr" in Norwegian text, every other currency (and every currency in English) its ISO code. */
export function currencyUnit(currency: Currency, language: LetterLanguage): string {
  return language === "nb" && currency === "NOK" ? "kr" : currency;
}

/** "dd.mm.yyyy" for Norwegian, ISO "yyyy-mm-dd" for English (unambiguous abroad). */
export function formatDate(d: LocalDate, language: LetterLanguage): string {
  if (language !== "nb") return d.toString(); // English and Swedish: yyyy-mm-dd
  return d.toNorwegian();
}

/** "12.50" → "12,50 %" (nb) or "12.50%" (en). */
export function formatRate(ratePercent: string, language: LetterLanguage): string {
  return language === "nb" || language === "sv" ? `${ratePercent.replace(".", ",")}${NBSP}%` : `${ratePercent}%`;
}

/** "923609016" → "923 609 016", the way Brønnøysundregistrene prints it; other forms are left as given. */
export function formatOrgNumber(orgNumber: string): string {
  const digits = orgNumber.replace(/\s/g, "");
  return /^\d{9}$/.test(digits) ? `${digits.slice(0, 3)}${NBSP}${digits.slice(3, 6)}${NBSP}${digits.slice(6)}` : orgNumber;
}

/** IBAN in groups of four, the printed form of ISO 13616. */
export function formatIban(iban: string): string {
  return iban.replace(/\s/g, "").toUpperCase().replace(/(.{4})(?=.)/g, "$1 ");
}

