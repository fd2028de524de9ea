import { compileRateTable, type CompiledRateTable } from "../interest/compiled-rate-table.js";
import type { RateTable } from "../jurisdictions/rate-table.js";

const compiled = new WeakMap<RateTable, CompiledRateTable>();

/** The rate table compiled once per rule set (the exact interest of the rule core). */
export function compiledFor(table: RateTable): CompiledRateTable {
  let c = compiled.get(table);
  if (!c) compiled.set(table, (c = compileRateTable(table)));
  return c;
}
