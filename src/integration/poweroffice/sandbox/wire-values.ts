/**
 * Values at the wire edge: money as decimal JSON numbers, timestamps and dates in the vendor's
 * formats. Inside the sandbox money is integer øre and instants are epoch milliseconds; nothing
 * here ever adds floats.
 */

/** An amount in minor units that the JSON writer emits as a number with two decimals (`1250.50`). */
export class WireDecimal {
  constructor(readonly minor: number) {}
  toText(): string {
    const neg = this.minor < 0;
    const digits = String(Math.abs(this.minor)).padStart(3, "0");
    return `${neg ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  }
}

export function decimal(minor: number): WireDecimal {
  return new WireDecimal(minor);
}

/**
 * The minor units of a JSON number, exactly, or null when it is not a whole number of øre.
 * `String(x)` is the shortest text that reads back as `x`, so `1234.5` (however it was written
 * on the wire: `1234.50`, `1234.5`) gives `"1234.5"` and 123450 øre, while a float artefact such
 * as `0.30000000000000004` is refused instead of being rounded.
 */
export function minorFromWireNumber(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(x));
  if (!m) return null;
  const minor = Number(m[2]! + (m[3] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] === "-" && minor !== 0 ? -minor : minor;
}

/** filtering.md: `"lastChanged": "2023-10-25T07:58:57 +00:00"` (UTC, whole seconds, a space before the offset). */
export function formatTimestamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)} +00:00`;
}

/** filtering.md: calendar dates are written `"since": "2015-11-26"`. */
export function formatDate(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|\s\d{2}:?\d{2})?$/;

/**
 * Parses the date and date-time texts the vendor's docs show: `2015-11-26`,
 * `2024-01-01T00:00:00`, `2023-10-25T07:58:57 +00:00`, ISO with `Z` or an offset. A `+` that a
 * query string decoded to a space (`… 02:00`) is read as `+`. Without an offset the time is UTC.
 * Returns epoch milliseconds, or null.
 */
export function parseDateTimeText(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? 0 : Number(v))) as [
    number, number, number, number, number, number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) + Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  const zone = (m[8] ?? "Z").trim();
  if (zone === "Z" || zone === "") return ms;
  const z = /^([+-]?)(\d{2}):?(\d{2})$/.exec(zone);
  if (!z) return null;
  const offset = (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  return z[1] === "-" ? ms + offset : ms - offset;
}

/** The epoch day of a `YYYY-MM-DD` (or date-time, taking its UTC date) text, or null. */
export function parseDateText(text: string): number | null {
  const ms = parseDateTimeText(text);
  return ms === null ? null : Math.floor(ms / 86_400_000);
}
