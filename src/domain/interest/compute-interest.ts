import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import type { Citation } from "../jurisdictions/citation.js";
import { type Confidence, weakestConfidence } from "../jurisdictions/confidence.js";
import { covers } from "../jurisdictions/dated-row.js";
import { formatHundredths } from "../jurisdictions/json-reader.js";
import type { RatePeriod, RateTable, YearBasis } from "../jurisdictions/rate-table.js";
import { type Money, money, roundHalfAwayFromZero } from "../money.js";
import { dayWeight, INTEREST_DENOMINATOR, yearDaysOf } from "./year-days.js";

/**
 * Statutory late interest (NO forsinkelsesrenteloven LOV-1976-12-17-100, docs/RULES.md § 4; the same arithmetic
 * serves SE dröjsmålsränta and FI viivästyskorko with their own tables):
 * - simple interest on the principal, never on interest (Rt. 1998 s. 198);
 * - each day accrues rate/365, or rate/366 when the day lies in a leap year (year basis per table);
 * - a rate change applies from its date, also to claims already overdue (§ 3, variable rate);
 * - the days are (until − from): `from` itself accrues nothing, `until` does.
 *
 * The interest is summed as one exact fraction and rounded once (money.ts rounding rule).
 */
export interface InterestPeriod {
  /** Exclusive: the day before the period's first interest day. */
  readonly from: LocalDate;
  /** Inclusive: the period's last interest day. `days = to − from`. */
  readonly to: LocalDate;
  readonly days: number;
  /** Annual rate, two decimals: "12.50". */
  readonly ratePercent: string;
  readonly yearDays: 365 | 366;
  /** This period's share of the total; the shares sum exactly to the total. */
  readonly interest: Money;
  readonly source: string;
  /** The legal basis for people, nb and en. */
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly note: string | null;
}

export interface InterestResult {
  readonly interest: Money;
  readonly periods: readonly InterestPeriod[];
  /** The weakest confidence of the rates and year basis used. */
  readonly confidence: Confidence;
  readonly yearBasis: YearBasis;
  readonly rule: string;
}

export interface InterestInput {
  readonly principal: Money;
  readonly from: LocalDate;
  readonly until: LocalDate;
  readonly rates: RateTable;
}

const RULE =
  "Simple interest on the principal; each day accrues the annual rate in force that day divided by the days of the year; days counted from the day after `from` up to and including `until`; summed exactly and rounded once, half away from zero.";

export function computeInterest({ principal, from, until, rates }: InterestInput): InterestResult {
  checkPrincipal(principal);
  if (until.isBefore(from)) {
    throw new DomainError("invalid_period", `until ${until} is before from ${from}`, "until");
  }
  const segments = splitIntoSegments(from, until, rates);
  const P = BigInt(principal.amount);
  const numerators = segments.map((s) => P * BigInt(dayWeight(s.row.basisPoints, s.yearDays)) * BigInt(s.to.epochDay - s.from.epochDay));
  const D = BigInt(INTEREST_DENOMINATOR);
  const total = roundHalfAwayFromZero(
    numerators.reduce((a, b) => a + b, 0n),
    D,
  );
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError("invalid_amount", "the interest is too large to represent exactly", "principal");
  }
  const shares = shareOut(total, numerators, D);
  const periods = segments.map((s, i): InterestPeriod => ({
    from: s.from,
    to: s.to,
    days: s.to.epochDay - s.from.epochDay,
    ratePercent: formatHundredths(s.row.basisPoints),
    yearDays: s.yearDays,
    interest: money(Number(shares[i]!), principal.currency),
    source: s.row.source,
    citation: s.row.citation,
    confidence: weakestConfidence(s.row.confidence, rates.yearBasis.confidence),
    note: s.row.note,
  }));
  return {
    interest: money(Number(total), principal.currency),
    periods,
    confidence: weakestConfidence(rates.yearBasis.confidence, ...periods.map((p) => p.confidence)),
    yearBasis: rates.yearBasis,
    rule: RULE,
  };
}

export function checkPrincipal(principal: Money, field = "principal"): void {
  if (!Number.isSafeInteger(principal.amount) || principal.amount < 0) {
    throw new DomainError("invalid_amount", `${principal.amount} is not a whole, non-negative number of minor units`, field);
  }
}

interface Segment {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly row: RatePeriod;
  readonly yearDays: 365 | 366;
}

/** Cuts (from, until] at every rate change and every 1 January. */
function splitIntoSegments(from: LocalDate, until: LocalDate, rates: RateTable): Segment[] {
  const segments: Segment[] = [];
  let cursor = from;
  while (cursor.isBefore(until)) {
    const day = cursor.plusDays(1);
    const row = rates.periods.find((p) => covers(p, day));
    if (!row) {
      const first = rates.periods[0];
      const field = first && day.isBefore(first.validFrom) ? "from" : "until";
      throw new DomainError("date_outside_rate_table", `no interest rate for ${day} in the rate table (${extentOf(rates)}); add the period to the rule file`, field);
    }
    const year = day.year;
    let to = LocalDate.min(until, LocalDate.of(year, 12, 31));
    if (row.validTo) to = LocalDate.min(to, row.validTo);
    segments.push({ from: cursor, to, row, yearDays: yearDaysOf(year, rates.yearBasis.convention) });
    cursor = to;
  }
  return segments;
}

function extentOf(rates: RateTable): string {
  const first = rates.periods[0];
  const last = rates.periods[rates.periods.length - 1];
  return first && last ? `${first.validFrom}…${last.validTo ?? ""}` : "empty";
}

/**
 * Each period's share of the once-rounded total (largest-remainder method): every share starts
 * as its exact amount rounded down; the minor units still missing to reach the total go one each
 * to the periods with the largest cut-off remainders (ties: the earlier period). So the shares
 * sum exactly to the total and each is within one minor unit of its exact value.
 */
function shareOut(total: bigint, numerators: readonly bigint[], denominator: bigint): bigint[] {
  const shares = numerators.map((n) => n / denominator);
  let left = total - shares.reduce((a, b) => a + b, 0n);
  const order = numerators
    .map((n, i) => ({ remainder: n % denominator, i }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0n) break;
    shares[i] = shares[i]! + 1n;
    left -= 1n;
  }
  return shares;
}
