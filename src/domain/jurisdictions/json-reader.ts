import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";

/**
 * Small readers for rule-set JSON. Every failure is a DomainError("invalid_rule_set") whose
 * `field` is the JSON path of the offending value (`lateInterest.periods[3].ratePercent`), so an
 * operator who edits a deployment's rule file is told exactly where it is wrong.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function ruleSetError(path: string, message: string): DomainError {
  return new DomainError("invalid_rule_set", message, path === "" ? "$" : path);
}

export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

export function readObject(value: unknown, path: string, allowedKeys: readonly string[]): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw ruleSetError(path, "must be an object");
  }
  for (const key of Object.keys(value)) {
    if (!allowedKeys.includes(key)) {
      throw ruleSetError(childPath(path, key), `unknown key "${key}" (allowed: ${allowedKeys.join(", ")})`);
    }
  }
  return value as JsonObject;
}

export function readArray(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw ruleSetError(path, "must be an array");
  return value;
}

export function readString(obj: JsonObject, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw ruleSetError(childPath(path, key), "must be a non-empty string");
  }
  return value;
}

export function readOptionalString(obj: JsonObject, key: string, path: string): string | null {
  return obj[key] === undefined ? null : readString(obj, key, path);
}

export function readLiteral<T extends string>(obj: JsonObject, key: string, path: string, allowed: readonly T[]): T {
  const value = obj[key];
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw ruleSetError(childPath(path, key), `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
  }
  return value as T;
}

export function readDate(obj: JsonObject, key: string, path: string): LocalDate {
  const value = obj[key];
  const field = childPath(path, key);
  if (typeof value !== "string") throw ruleSetError(field, "must be a date string YYYY-MM-DD");
  try {
    return LocalDate.parse(value, field);
  } catch (e) {
    if (e instanceof DomainError) throw ruleSetError(field, e.message.replace(`${field}: `, ""));
    throw e;
  }
}

export function readOptionalDate(obj: JsonObject, key: string, path: string): LocalDate | null {
  return obj[key] === undefined ? null : readDate(obj, key, path);
}

/** A whole number (amounts are integer minor units, never floats). */
export function readInteger(obj: JsonObject, key: string, path: string, min = 0): number {
  const value = obj[key];
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw ruleSetError(childPath(path, key), "must be a whole number (amounts are in minor units: øre, öre, cent)");
  }
  if (value < min) throw ruleSetError(childPath(path, key), `must be at least ${min}`);
  return value;
}

export function readOptionalInteger(obj: JsonObject, key: string, path: string, min = 0): number | null {
  return obj[key] === undefined || obj[key] === null ? null : readInteger(obj, key, path, min);
}

/**
 * A decimal written as a string (`"12.25"`, `"-0.50"`, `"1.5"`) read exactly as an integer of
 * hundredths (1225, −50, 150): rates and factors are never floats.
 */
export function readHundredths(obj: JsonObject, key: string, path: string, min: number | null = 0): number {
  const value = obj[key];
  const field = childPath(path, key);
  const m = typeof value === "string" ? /^(-?)(\d{1,6})(?:\.(\d{1,2}))?$/.exec(value) : null;
  if (!m) throw ruleSetError(field, 'must be a decimal string with at most two decimals, such as "12.25"');
  const hundredths = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  const signed = m[1] === "-" ? -hundredths : hundredths;
  if (min !== null && signed < min) throw ruleSetError(field, `must be at least ${formatHundredths(min)}`);
  return signed;
}

export function readOptionalHundredths(obj: JsonObject, key: string, path: string, min: number | null = 0): number | null {
  return obj[key] === undefined ? null : readHundredths(obj, key, path, min);
}

/** `"1/20"` → { numerator: 1, denominator: 20 }. */
export function readFraction(obj: JsonObject, key: string, path: string): { numerator: number; denominator: number } {
  const value = obj[key];
  const m = typeof value === "string" ? /^(\d{1,6})\/(\d{1,6})$/.exec(value) : null;
  if (!m || Number(m[2]) === 0) throw ruleSetError(childPath(path, key), 'must be a fraction such as "1/20"');
  return { numerator: Number(m[1]), denominator: Number(m[2]) };
}

/** 1225 → "12.25", −50 → "-0.50". */
export function formatHundredths(hundredths: number): string {
  const abs = Math.abs(hundredths);
  const frac = abs % 100;
  return `${hundredths < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${frac < 10 ? "0" : ""}${frac}`;
}
