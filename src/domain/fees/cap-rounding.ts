import { DomainError } from "../errors.js";
import type { Money } from "../money.js";

/**
 * A legal maximum is never exceeded, not even by half an øre. Every cap the fee rules compute
 * (letter fees, salær with or without the VAT add-on, legal costs) is an exact fraction turned
 * into money by rounding TOWARD ZERO, never half away from zero: 262.50 × 1.25 = 328.125 is a cap
 * of 328.12, and 367.50 × 1.25 = 459.375 one of 459.37 (inkassoforskriften § 2-2: "maksimale
 * beløpssatser"; collection agencies publish 328,12 and 459,37 for these). Caps are never
 * negative, so toward zero is the floor.
 */
export function capMinor(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new DomainError("invalid_input", "a cap needs a positive denominator", "denominator");
  if (numerator < 0n) throw new DomainError("invalid_amount", "a cap cannot be negative", "amount");
  return numerator / denominator; // bigint division truncates toward zero
}

/** `m × numerator / denominator`, rounded toward zero to the minor unit (a cap). */
export function capFraction(m: Money, numerator: bigint, denominator: bigint): Money {
  return { amount: Number(capMinor(BigInt(m.amount) * numerator, denominator)), currency: m.currency };
}

/** Rounds an amount in øre down to the whole krone (rettsgebyrloven § 6 a). */
export function downToWholeUnit(m: Money): Money {
  return { amount: Number(capMinor(BigInt(m.amount), 100n) * 100n), currency: m.currency };
}
