import { compileRateTable, interestMinor } from "../src/domain/interest/compiled-rate-table.js";
import { LocalDate } from "../src/domain/calendar/local-date.js";
import { rulesFor } from "../src/domain/jurisdictions/rule-set.js";
import { measure, prng, report } from "./harness.js";

/** Interest over N claims: the rule core's fast path against a loop reading the same inputs. */
export function benchInterest(n = 1_000_000): void {
  const table = compileRateTable(rulesFor("NO").lateInterest);
  const rnd = prng(42);
  const principal = new Float64Array(n);
  const from = new Int32Array(n);
  const until = new Int32Array(n);
  const start = LocalDate.parse("2016-01-01").epochDay;
  const end = LocalDate.parse("2026-06-30").epochDay;
  for (let i = 0; i < n; i++) {
    principal[i] = Math.floor(rnd() * 500_000_00) + 100;
    from[i] = start + Math.floor(rnd() * (end - start - 30));
    until[i] = from[i]! + 1 + Math.floor(rnd() * Math.min(1500, end - from[i]!));
  }
  const baseline = measure("baseline (read inputs)", n, () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += principal[i]! + from[i]! + until[i]!;
    return s;
  });
  const work = measure("interestMinor (exact, per period)", n, () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += interestMinor(principal[i]!, from[i]!, until[i]!, table);
    return s;
  });
  report(`interest: ${n.toLocaleString("en")} claims (Norwegian forsinkelsesrente, 2016–2026)`, work, baseline, 1_000_000);
}
