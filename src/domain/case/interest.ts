import { compileRateTable, type CompiledRateTable } from "../interest/compiled-rate-table.js";
import { interestMinor } from "../interest/compiled-rate-table.js";
import type { LocalDate } from "../calendar/local-date.js";
import type { RateTable } from "../jurisdictions/rate-table.js";
import type { InterestFacts } from "./account.js";

const compiled = new WeakMap<RateTable, CompiledRateTable>();

/** The rate table compiled once per rule set (the exact interest of the rule core). */
export function compiledFor(table: RateTable): CompiledRateTable {
  let c = compiled.get(table);
  if (!c) compiled.set(table, (c = compileRateTable(table)));
  return c;
}

/**
 * The case's interest on `principalMinor` over (from, until], none before the day interest starts
 * (`InterestFacts.startsOn`, räntelagen 4 §): the window is cut at the start, and a claim still
 * awaiting its demand accrues nothing.
 */
export function caseInterestMinor(interest: Pick<InterestFacts, "startsOn">, principalMinor: number, from: LocalDate, until: LocalDate, table: CompiledRateTable): number {
  const start = interest.startsOn;
  if (start === "awaiting-demand") return 0;
  const f = start !== undefined && start.isAfter(from) ? start : from;
  return until.isAfter(f) ? interestMinor(principalMinor, f.epochDay, until.epochDay, table) : 0;
}
