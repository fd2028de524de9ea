import { LocalDate } from "../domain/calendar/local-date.js";
import { CURRENCIES, formatDecimal, type Currency, type Money } from "../domain/money.js";

/**
 * The wire format shared by the CLI's `--json` and the HTTP API: amounts as decimal strings in
 * their currency ("202.45"), dates as "YYYY-MM-DD". Converts a domain result recursively.
 */
export type Wire<T> = T extends Money
  ? string
  : T extends LocalDate
    ? string
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export function toWire<T>(value: T): Wire<T> {
  return convert(value) as Wire<T>;
}

function convert(value: unknown): unknown {
  if (value instanceof LocalDate) return value.toString();
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === "object") {
    if (isMoney(value)) return formatDecimal(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = convert(v);
    return out;
  }
  return value;
}

function isMoney(value: object): value is Money {
  const keys = Object.keys(value);
  const v = value as Record<string, unknown>;
  return (
    keys.length === 2 &&
    typeof v.amount === "number" &&
    typeof v.currency === "string" &&
    Object.prototype.hasOwnProperty.call(CURRENCIES, v.currency as Currency)
  );
}
