import { LocalDate } from "../../../domain/calendar/local-date.js";

/**
 * Reading PowerOffice's wire values exactly. The docs disagree on the serialization
 * (poweroffice.md §0.5, §6.18): the markdown writes enums as numbers and the KID as `cID`, the
 * swagger file writes enum names and `cid`; both are accepted everywhere. Money arrives as JSON
 * numbers with up to two decimals and becomes integer øre without float arithmetic.
 */

/** type_vouchertype.md: the voucher types the collection side tells apart. */
export const VOUCHER_TYPES: Readonly<Record<string, number>> = {
  OutgoingInvoice: 4,
  OutgoingCreditNote: 5,
  IncomingOcrGiro: 9,
  ManualJournal: 11,
  BankJournal: 19,
  OutgoingPaymentReminder: 71,
  OutgoingNoticeOfDebtCollection: 72,
  OutgoingPaymentDemand: 73,
  CorrectionVoucher: 98,
  ReversalVoucher: 99,
};

/** type_debtcollectioncasestatus.md */
export const CASE_STATUSES: Readonly<Record<string, number>> = { Active: 0, Closed: 10 };

/** The number of an enum value written as a number or as its name (case-insensitive, as .NET binds); null when unknown. */
export function enumNumber(table: Readonly<Record<string, number>>, wire: unknown): number | null {
  if (typeof wire === "number" && Number.isInteger(wire)) return wire;
  if (typeof wire === "string") {
    if (/^\d+$/.test(wire)) return Number(wire);
    const lower = wire.toLowerCase();
    for (const [name, value] of Object.entries(table)) if (name.toLowerCase() === lower) return value;
  }
  return null;
}

/** The KID of a wire object, whichever spelling the mode uses. */
export function kidOf(o: Record<string, unknown>): string | null {
  const v = o["cID"] ?? o["cid"] ?? o["CID"] ?? o["CId"];
  return typeof v === "string" && v !== "" ? v : null;
}

/**
 * The øre of a wire amount, or null when it is not a whole number of øre. `String(x)` is the
 * shortest text that reads back as `x`, so `1250.5` (however the wire wrote it) is read as the
 * text "1250.5" and becomes 125050 exactly; `0.30000000000000004` is refused, not rounded.
 */
export function minorOf(wire: unknown): number | null {
  const text = typeof wire === "number" ? (Number.isFinite(wire) ? String(wire) : "") : typeof wire === "string" ? wire.trim() : "";
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const minor = Number(m[2]! + (m[3] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] === "-" && minor !== 0 ? -minor : minor;
}

/** Writes øre as the JSON number the vendor expects (`1250.5`); exact, since the text is built from integers. */
export function wireAmount(minor: number): number {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units`);
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(3, "0");
  return Number(`${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`);
}

/** A calendar date from `2015-11-26` or a date-time whose date part is meant (`2015-11-26T00:00:00`). */
export function localDateOf(wire: unknown): LocalDate | null {
  if (typeof wire !== "string") return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(wire.trim());
  if (!m) return null;
  try {
    return LocalDate.parse(m[1]!);
  } catch {
    return null;
  }
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An instant from filtering.md's `2023-10-25T07:58:57 +00:00` (note the space), ISO with `Z` or an
 * offset, or without a zone (read as UTC). Null when it is none of these.
 */
export function instantOf(wire: unknown): Date | null {
  if (typeof wire !== "string") return null;
  const m = TIMESTAMP.exec(wire.trim());
  if (!m) return null;
  const fraction = m[2]!.replace(/(\.\d{3})\d+$/, "$1");
  let zone = m[3] ?? "Z";
  if (zone !== "Z" && !zone.includes(":")) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}T${fraction}${zone}`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** GetAllMatchedItems?fromDateTime= takes the documented form `2024-01-01T00:00:00` (UTC here; see sync/watermark.ts). */
export function fromDateTimeText(at: Date): string {
  return at.toISOString().slice(0, 19);
}

/** An OData string literal: quotes doubled (filtering.md). */
export function odataString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
