import { DomainError, invalidInput } from "../errors.js";
import { digitAt, isDigits } from "./digits.js";
import { luhnCheckDigit } from "./mod10.js";
import { MOD11_NO_DIGIT, mod11CyclicCheck } from "./mod11.js";

/**
 * KID (kundeidentifikasjon), the Norwegian payment reference (Nets / Mastercard Payment Services):
 * 2–25 characters, the last one a check digit computed by MOD10 (Luhn) or MOD11, chosen per
 * agreement. MOD11 remainder 10 is written `-` and is a valid KID (Mastercard Payment Services (Nets), the KID specification).
 */
export type KidAlgorithm = "MOD10" | "MOD11";
export const KID_ALGORITHMS: readonly KidAlgorithm[] = ["MOD10", "MOD11"];

const MIN_LENGTH = 2;
const MAX_LENGTH = 25;
const HYPHEN = 45; // "-"

export interface KidCheck {
  readonly valid: boolean;
  /** The algorithm the KID is taken to use: the first that passes, MOD10 before MOD11. */
  readonly algorithm: KidAlgorithm | null;
  /** Every algorithm the KID passes. */
  readonly algorithms: readonly KidAlgorithm[];
  readonly reason?: string;
}

// Shared, frozen lists so that checking a KID allocates only the result object.
const NONE: readonly KidAlgorithm[] = Object.freeze([]);
const ONLY_MOD10: readonly KidAlgorithm[] = Object.freeze(["MOD10"]);
const ONLY_MOD11: readonly KidAlgorithm[] = Object.freeze(["MOD11"]);
const BOTH: readonly KidAlgorithm[] = Object.freeze(["MOD10", "MOD11"]);

export function parseKidAlgorithm(text: string, field = "algorithm"): KidAlgorithm {
  const upper = text.toUpperCase();
  if (upper === "MOD10" || upper === "MOD11") return upper;
  throw new DomainError("unknown_kid_algorithm", `"${text}" is not a KID algorithm (known: ${KID_ALGORITHMS.join(", ")})`, field);
}

/** The full KID for `base` (1–24 digits): `base` followed by its check character. */
export function makeKid(base: string, algorithm: KidAlgorithm): string {
  if (base.length < MIN_LENGTH - 1 || base.length > MAX_LENGTH - 1) {
    throw invalidInput("base", `a KID base has 1–24 digits, got ${base.length} characters`);
  }
  if (!isDigits(base)) throw invalidInput("base", `"${base}" contains non-digit characters`);
  if (algorithm === "MOD10") return base + String(luhnCheckDigit(base));
  if (algorithm === "MOD11") return base + mod11Char(mod11CyclicCheck(base));
  throw new DomainError("unknown_kid_algorithm", `"${String(algorithm)}" is not a KID algorithm (known: ${KID_ALGORITHMS.join(", ")})`, "algorithm");
}

/**
 * Checks a KID against both algorithms. With `options.algorithm` (the one in the creditor's
 * agreement) the KID is valid only if it passes that one.
 */
export function checkKid(kid: string, options: { algorithm?: KidAlgorithm } = {}): KidCheck {
  const n = kid.length;
  if (n < MIN_LENGTH || n > MAX_LENGTH) return invalid(`wrong length: a KID has 2–25 characters, got ${n}`);
  if (!isDigits(kid, 0, n - 1)) return invalid("contains non-digit characters");

  const last = kid.charCodeAt(n - 1);
  const mod11 = mod11CyclicCheck(kid, 0, n - 1);
  let passes: readonly KidAlgorithm[];
  let mod10: number | null = null;
  if (last === HYPHEN) {
    // A trailing "-" is MOD11 remainder 10; Luhn never produces it.
    passes = mod11 === MOD11_NO_DIGIT ? ONLY_MOD11 : NONE;
  } else if (isDigits(kid, n - 1, n)) {
    const got = digitAt(kid, n - 1);
    mod10 = luhnCheckDigit(kid, 0, n - 1);
    const ok10 = mod10 === got;
    const ok11 = mod11 === got;
    passes = ok10 ? (ok11 ? BOTH : ONLY_MOD10) : ok11 ? ONLY_MOD11 : NONE;
  } else {
    return invalid("contains non-digit characters");
  }

  const wanted = options.algorithm;
  if (wanted !== undefined) {
    if (passes.includes(wanted)) return { valid: true, algorithm: wanted, algorithms: passes };
    const expected = wanted === "MOD10" ? expectedMod10(mod10, kid) : mod11Char(mod11);
    return { valid: false, algorithm: null, algorithms: passes, reason: `check digit: expected ${expected} (${wanted}), got ${kid.charAt(n - 1)}` };
  }
  if (passes.length > 0) return { valid: true, algorithm: passes[0]!, algorithms: passes };
  const expected10 = last === HYPHEN ? "" : `${expectedMod10(mod10, kid)} (MOD10) or `;
  return invalid(`check digit: expected ${expected10}${mod11Char(mod11)} (MOD11), got ${kid.charAt(n - 1)}`);
}

function expectedMod10(computed: number | null, kid: string): string {
  return String(computed ?? luhnCheckDigit(kid, 0, kid.length - 1));
}

function mod11Char(check: number): string {
  return check === MOD11_NO_DIGIT ? "-" : String(check);
}

function invalid(reason: string): KidCheck {
  return { valid: false, algorithm: null, algorithms: NONE, reason };
}
