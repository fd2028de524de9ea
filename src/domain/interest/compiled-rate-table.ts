import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import type { RateTable } from "../jurisdictions/rate-table.js";
import { dayWeight, INTEREST_DENOMINATOR, yearDaysOf } from "./year-days.js";

/**
 * The late-interest fast path for benchmarks and the daily cycle. `compileRateTable` turns a rate
 * table into a prefix sum of daily weights, one entry per day (about 4 200 for 2015–2026), so an
 * interest amount is two array reads and one exact multiply-divide, without allocating.
 * `interestMinor` equals `computeInterest(...).interest.amount` for every input (property-tested).
 */
export interface CompiledRateTable {
  /** Epoch day of the first day that has a rate. */
  readonly firstDay: number;
  /** Epoch day of the last day that has a rate. */
  readonly lastDay: number;
  /** `cumulative[k]` = sum of the daily weights of days firstDay … firstDay + k − 1. */
  readonly cumulative: Float64Array;
}

export function compileRateTable(table: RateTable): CompiledRateTable {
  const first = table.periods[0];
  const last = table.periods[table.periods.length - 1];
  if (!first || !last || !last.validTo) {
    throw new DomainError("invalid_rate_table", "a rate table needs at least one period and an end date", "rates");
  }
  const firstDay = first.validFrom.epochDay;
  const lastDay = last.validTo.epochDay;
  const cumulative = new Float64Array(lastDay - firstDay + 2);
  let day = firstDay;
  let total = 0;
  for (const period of table.periods) {
    if (period.validFrom.epochDay !== day) {
      throw new DomainError("invalid_rate_table", `the rate table has a gap or overlap at ${period.validFrom}`, "rates");
    }
    const end = period.validTo?.epochDay ?? lastDay;
    while (day <= end) {
      const year = LocalDate.ofEpochDay(day).year;
      const yearEnd = Math.min(end, LocalDate.of(year, 12, 31).epochDay);
      const weight = dayWeight(period.basisPoints, yearDaysOf(year, table.yearBasis.convention));
      for (; day <= yearEnd; day++) {
        total += weight;
        cumulative[day - firstDay + 1] = total;
      }
    }
  }
  if (!Number.isSafeInteger(total)) {
    throw new DomainError("invalid_rate_table", "the rate table's rates and span are too large to compute exactly", "rates");
  }
  return { firstDay, lastDay, cumulative };
}

/**
 * Interest in minor units on `principalMinor` for the days after `fromEpochDay` up to and
 * including `untilEpochDay`: one exact fraction, rounded once, half away from zero.
 * Errors as `computeInterest`: until before from (field "until"), a day without a rate
 * (date_outside_rate_table, field "from" or "until"). Zero days is zero interest.
 */
export function interestMinor(principalMinor: number, fromEpochDay: number, untilEpochDay: number, table: CompiledRateTable): number {
  if (!Number.isSafeInteger(principalMinor) || principalMinor < 0) {
    throw new DomainError("invalid_amount", `${principalMinor} is not a whole, non-negative number of minor units`, "principal");
  }
  if (!Number.isInteger(fromEpochDay) || !Number.isInteger(untilEpochDay)) {
    throw new DomainError("invalid_date", "dates must be whole epoch days", Number.isInteger(fromEpochDay) ? "until" : "from");
  }
  if (untilEpochDay < fromEpochDay) {
    throw new DomainError("invalid_period", `until ${LocalDate.ofEpochDay(untilEpochDay)} is before from ${LocalDate.ofEpochDay(fromEpochDay)}`, "until");
  }
  if (untilEpochDay === fromEpochDay) return 0;
  if (fromEpochDay + 1 < table.firstDay) throw outside(fromEpochDay + 1, table, "from");
  if (untilEpochDay > table.lastDay) throw outside(Math.max(fromEpochDay + 1, table.lastDay + 1), table, "until");
  const weight = table.cumulative[untilEpochDay - table.firstDay + 1]! - table.cumulative[fromEpochDay + 1 - table.firstDay]!;
  return mulDivRound(principalMinor, weight, INTEREST_DENOMINATOR);
}

function outside(day: number, table: CompiledRateTable, field: "from" | "until"): DomainError {
  const extent = `${LocalDate.ofEpochDay(table.firstDay)}…${LocalDate.ofEpochDay(table.lastDay)}`;
  return new DomainError("date_outside_rate_table", `no interest rate for ${LocalDate.ofEpochDay(day)} in the rate table (${extent}); add the period to the rule file`, field);
}

const TWO_POW_16 = 65_536;
const SIMPLE_LIMIT = 2 ** 52;

// Results of divMod, kept in module scope so that the hot path allocates nothing.
let q = 0;
let r = 0;

/** q, r such that x = q·d + r, 0 ≤ r < d, for 0 ≤ x ≤ 2^52 and 0 < d < 2^31 (exact in doubles). */
function divMod(x: number, d: number): void {
  q = Math.floor(x / d);
  r = x - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
}

/**
 * round(a·b / d), half away from zero, exactly, for non-negative safe integers a, b and
 * 0 < d < 2^31, using only doubles. When a·b ≤ 2^52 one division does. Otherwise, with
 * a = qa·d + ra and b = qb·d + rb: a·b/d = qa·qb·d + qa·rb + ra·qb + ra·rb/d, and ra·rb (< 2^62)
 * is divided in 16-bit pieces so that every intermediate stays below 2^53.
 */
function mulDivRound(a: number, b: number, d: number): number {
  const product = a * b;
  if (product <= SIMPLE_LIMIT) {
    divMod(product, d);
    return 2 * r >= d ? q + 1 : q;
  }
  divMod(a, d);
  const qa = q;
  const ra = r;
  divMod(b, d);
  const qb = q;
  const rb = r;
  const rbHigh = Math.floor(rb / TWO_POW_16);
  const rbLow = rb - rbHigh * TWO_POW_16;
  divMod(ra * rbHigh, d); // < 2^31 · 2^15
  const tq = q;
  divMod(r * TWO_POW_16, d); // < 2^31 · 2^16
  const uq = q;
  const ur = r;
  divMod(ra * rbLow, d); // < 2^31 · 2^16
  const vq = q;
  divMod(ur + r, d); // < 2^32
  const whole = qa * qb * d + qa * rb + ra * qb + tq * TWO_POW_16 + uq + vq + q;
  const result = 2 * r >= d ? whole + 1 : whole;
  if (!Number.isSafeInteger(result)) {
    throw new DomainError("invalid_amount", "the interest is too large to represent exactly", "principal");
  }
  return result;
}
