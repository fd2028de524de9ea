import type { Locale } from "./i18n";

/**
 * Numbers, money and dates as a person in each language reads them. The API sends money as
 * decimal strings ("1250.00") and dates as "YYYY-MM-DD"; neither is ever turned into a float or a
 * zoned instant here: Intl.NumberFormat formats the decimal string exactly, and calendar dates are
 * formatted from their parts.
 */

const INTL_LOCALE: Record<Locale, string> = { nb: "nb-NO", en: "en-GB", sv: "sv-SE" };

const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * The currency of an amount the API sends without one (a settlement row, a what-if result, a bank
 * line with none): the agency's home currency. Every amount that arrives with its currency (a
 * case, an invoice, a dashboard, a queued payment) is formatted with that currency instead.
 */
export const FALLBACK_CURRENCY = "NOK";

/** "1250.00", "NOK" → "1 250,00 kr" (nb) or "NOK 1,250.00" (en). */
export function formatMoney(amount: string | null | undefined, currency: string, locale: Locale): string {
  if (amount === null || amount === undefined || amount === "") return "–";
  if (!DECIMAL.test(amount)) return amount;
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    moneyFormats.set(key, f);
  }
  return f.format(amount as Intl.StringNumericLiteral);
}

/** Whole amounts for chart axes: "12 500 kr". */
export function formatMoneyShort(amount: string, currency: string, locale: Locale): string {
  if (!DECIMAL.test(amount)) return amount;
  return new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency, maximumFractionDigits: 0 }).format(
    amount as Intl.StringNumericLiteral,
  );
}

export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(n);
}

/** "2026-12-08" → "08.12.2026" (nb), "08/12/2026" (en) or "2026-12-08" (sv, as Swedes write dates). */
export function formatDate(date: string | null | undefined, locale: Locale): string {
  if (!date) return "–";
  const m = DATE.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m;
  if (locale === "sv") return `${y}-${mo}-${d}`;
  return locale === "nb" ? `${d}.${mo}.${y}` : `${d}/${mo}/${y}`;
}

/** An instant (ISO 8601) as date and time in Norway's zone: "08.12.2026 14:05". */
export function formatInstant(instant: string | null | undefined, locale: Locale): string {
  if (!instant) return "–";
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Oslo",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const date = formatDate(`${get("year")}-${get("month")}-${get("day")}`, locale);
  return `${date} ${get("hour")}:${get("minute")}`;
}

/** "2026-09" → "sep. 2026" (nb) or "Sep 2026" (en). */
export function formatMonth(month: string, locale: Locale): string {
  const m = MONTH.exec(month);
  if (!m) return month;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: "UTC", month: "short", year: "numeric" }).format(date);
}

/**
 * A decimal string as integer minor units (øre), for comparing and scaling bars — never for
 * display. "1250.5" → 125050n.
 */
export function toMinor(amount: string): bigint {
  if (!DECIMAL.test(amount)) return 0n;
  const negative = amount.startsWith("-");
  const [whole = "0", fraction = ""] = amount.replace("-", "").split(".");
  const minor = BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2));
  return negative ? -minor : minor;
}

/** The difference b − a of two decimal strings, as a decimal string with two decimals. */
export function subtractDecimal(b: string, a: string): string {
  const d = toMinor(b) - toMinor(a);
  const sign = d < 0n ? "-" : "";
  const abs = d < 0n ? -d : d;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}
