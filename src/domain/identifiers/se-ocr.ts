import { DomainError, invalidInput } from "../errors.js";
import { digitAt, isDigits } from "./digits.js";
import { luhnCheckDigit } from "./mod10.js";

/**
 * Swedish OCR reference (Bankgirot "OCR-referenskontroll"): 2–25 digits, the
 * last a Luhn check digit over all preceding digits. Optionally the second-to-last digit is a
 * length digit: the total length (length and check digit included) mod 10, itself part of the
 * Luhn computation.
 *
 * Control levels agreed with Bankgirot:
 * - `soft` (mjuk): the bank accepts any digits and only warns, so `accepted` is true whenever the
 *   format is right, while `valid` still says whether the check digit holds;
 * - `hard` (hård): the check digit must hold;
 * - `variable-length` (variabel längd): check digit and length digit must hold;
 * - `fixed-length` (fast längd): check digit must hold and the length is one of 1–2 agreed lengths.
 */
export type OcrControl = "soft" | "hard" | "variable-length" | "fixed-length";
export const OCR_CONTROLS: readonly OcrControl[] = ["soft", "hard", "variable-length", "fixed-length"];

const MIN_LENGTH = 2;
const MAX_LENGTH = 25;

export interface OcrCheck {
  /** Passes every check of the control level. */
  readonly valid: boolean;
  /** Whether Bankgirot would accept a payment with this reference under the control level. */
  readonly accepted: boolean;
  readonly normalized?: string;
  readonly reason?: string;
}

export interface OcrCheckOptions {
  readonly control?: OcrControl;
  /** The agreed lengths for `fixed-length` (one or two, each 2–25). */
  readonly lengths?: readonly number[];
}

/** The OCR reference for `base`: `base` + check digit, or `base` + length digit + check digit. */
export function makeOcr(base: string, options: { lengthDigit?: boolean } = {}): string {
  const withLength = options.lengthDigit === true;
  const maxBase = MAX_LENGTH - (withLength ? 2 : 1);
  if (base.length < 1 || base.length > maxBase) {
    throw invalidInput("base", `an OCR base has 1–${maxBase} digits${withLength ? " when a length digit is added" : ""}, got ${base.length} characters`);
  }
  if (!isDigits(base)) throw invalidInput("base", `"${base}" contains non-digit characters`);
  const body = withLength ? base + String((base.length + 2) % 10) : base;
  return body + String(luhnCheckDigit(body));
}

export function checkOcr(value: string, options: OcrCheckOptions = {}): OcrCheck {
  const control = options.control ?? "hard";
  if (!OCR_CONTROLS.includes(control)) {
    throw new DomainError("unknown_ocr_control", `"${String(control)}" is not an OCR control level (known: ${OCR_CONTROLS.join(", ")})`, "control");
  }
  const lengths = control === "fixed-length" ? agreedLengths(options.lengths) : undefined;

  const n = value.length;
  if (n < MIN_LENGTH || n > MAX_LENGTH) return rejected(`wrong length: expected 2–25 digits, got ${n}`);
  if (!isDigits(value)) return rejected("contains non-digit characters");

  const expected = luhnCheckDigit(value, 0, n - 1);
  const got = digitAt(value, n - 1);
  if (expected !== got) {
    const reason = `check digit: expected ${expected}, got ${got}`;
    return control === "soft" ? { valid: false, accepted: true, normalized: value, reason } : rejected(reason);
  }
  if (control === "variable-length") {
    if (n < 3) return rejected(`wrong length: a reference with a length digit has at least 3 digits, got ${n}`);
    const lengthDigit = digitAt(value, n - 2);
    if (lengthDigit !== n % 10) return rejected(`length digit: expected ${n % 10} (length ${n} mod 10), got ${lengthDigit}`);
  }
  if (lengths !== undefined && !lengths.includes(n)) {
    return rejected(`wrong length: the agreed lengths are ${lengths.join(" or ")} digits, got ${n}`);
  }
  return { valid: true, accepted: true, normalized: value };
}

function agreedLengths(lengths: readonly number[] | undefined): readonly number[] {
  if (lengths === undefined || lengths.length < 1 || lengths.length > 2) {
    throw invalidInput("lengths", "fixed-length control needs one or two agreed lengths");
  }
  for (const l of lengths) {
    if (!Number.isInteger(l) || l < MIN_LENGTH || l > MAX_LENGTH) throw invalidInput("lengths", `agreed length ${l} is not a whole number of 2–25 digits`);
  }
  return lengths;
}

function rejected(reason: string): OcrCheck {
  return { valid: false, accepted: false, reason };
}
