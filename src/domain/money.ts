import { DomainError } from "./errors.js";

/**
 * Money is an integer number of minor units (øre, öre, cent) with its currency (habit 1).
 * `amount` is always a safe integer; nothing in the core ever holds a float amount.
 *
 * Rounding rule (the one rule, used everywhere an exact fraction becomes money):
 * round half away from zero to the nearest minor unit. See `roundHalfAwayFromZero`.
 */
export type Currency = "NOK" | "SEK" | "EUR";
/** Minor-unit scale per currency (NOK/2: 1 NOK = 100 øre). */
export const CURRENCIES: Readonly<Record<Currency, number>> = { NOK: 2, SEK: 2, EUR: 2 };

export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

export function isCurrency(code: string): code is Currency {
  return Object.prototype.hasOwnProperty.call(CURRENCIES, code);
}

export function parseCurrency(code: string, field = "currency"): Currency {
  if (!isCurrency(code)) {
    throw new DomainError("unknown_currency", `unknown currency "${code}" (known: ${Object.keys(CURRENCIES).join(", ")})`, field);
  }
  return code;
}

export function money(amount: number, currency: Currency): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError("invalid_amount", `amount ${amount} is not a whole number of minor units`);
  }
  return { amount, currency };
}

export function zero(currency: Currency): Money {
  return { amount: 0, currency };
}

/**
 * Parses a decimal string such as `"1500.00"`, `"1500"`, `"1500.5"` or `"-12.30"` exactly (no floats).
 * More decimals than the currency has is an error, not a silent rounding.
 */
export function parseMoney(text: string, currency: Currency, field = "amount"): Money {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) {
    throw new DomainError("invalid_amount", `"${text}" is not a decimal amount such as 1500.00`, field);
  }
  const scale = CURRENCIES[currency];
  const frac = m[3] ?? "";
  if (frac.length > scale) {
    throw new DomainError("invalid_amount", `"${text}" has more than ${scale} decimals for ${currency}`, field);
  }
  const minor = Number(m[2] + frac.padEnd(scale, "0"));
  if (!Number.isSafeInteger(minor)) {
    throw new DomainError("invalid_amount", `"${text}" is too large`, field);
  }
  return { amount: m[1] === "-" && minor !== 0 ? -minor : minor, currency };
}

/** Parses an amount that must be zero or positive. */
export function parseNonNegativeMoney(text: string, currency: Currency, field = "amount"): Money {
  const m = parseMoney(text, currency, field);
  if (m.amount < 0) throw new DomainError("invalid_amount", `"${text}" is negative; the amount must be zero or more`, field);
  return m;
}

/** `"202.45"`: the decimal string used in JSON output and the CLI. */
export function formatDecimal(m: Money): string {
  const scale = CURRENCIES[m.currency];
  const neg = m.amount < 0;
  const digits = String(Math.abs(m.amount)).padStart(scale + 1, "0");
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${body}` : body;
}

/** `"1 500,00 kr"`-style text for letters and the portal in Norwegian. */
export function formatNorwegian(m: Money): string {
  const [int, frac] = formatDecimal(m).replace("-", "").split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  return `${m.amount < 0 ? "-" : ""}${grouped},${frac ?? "00"}`;
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new DomainError("currency_mismatch", `cannot combine ${a.currency} with ${b.currency}`);
  }
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function sum(currency: Currency, items: readonly Money[]): Money {
  let total = 0;
  for (const m of items) {
    if (m.currency !== currency) sameCurrency({ amount: 0, currency }, m);
    total += m.amount;
  }
  return money(total, currency);
}

export function minMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return a.amount <= b.amount ? a : b;
}

/**
 * The rounding rule: numerator/denominator rounded half away from zero to an integer.
 * Exact for bigint inputs of any size.
 */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new DomainError("division_by_zero", "division by zero");
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const neg = numerator < 0n;
  const n = neg ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return neg ? -q : q;
}

/**
 * `amount × numerator / denominator`, rounded by the rule. Used for percentages
 * (`percentOf(m, 25_00n, 100_00n)` is 25 %).
 */
export function multiplyFraction(m: Money, numerator: bigint, denominator: bigint): Money {
  return money(Number(roundHalfAwayFromZero(BigInt(m.amount) * numerator, denominator)), m.currency);
}

/**
 * Splits `total` over `weights` in proportion, exactly: the parts sum to `total`, each part is
 * within one minor unit of its exact share (largest-remainder method, ties to the earlier bucket).
 */
export function allocateProportionally(total: Money, weights: readonly number[]): Money[] {
  if (weights.length === 0) throw new DomainError("invalid_input", "no buckets to allocate over");
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new DomainError("invalid_input", "weights must be non-negative whole numbers");
  }
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum === 0) throw new DomainError("invalid_input", "weights sum to zero");
  const t = BigInt(total.amount);
  const W = BigInt(weightSum);
  const sign = t < 0n ? -1n : 1n;
  const abs = t * sign;
  const floors = weights.map((w) => (abs * BigInt(w)) / W);
  const remainders = weights.map((w, i) => abs * BigInt(w) - floors[i]! * W);
  let left = abs - floors.reduce((a, b) => a + b, 0n);
  const order = remainders.map((r, i) => ({ r, i })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    floors[i] = floors[i]! + 1n;
    left -= 1n;
  }
  return floors.map((f) => money(Number(f * sign), total.currency));
}
