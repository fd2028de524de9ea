import { createHash } from "node:crypto";
import { DomainError } from "../../domain/errors.js";
import { dayWeight, yearDaysOf } from "../../domain/interest/year-days.js";
import type { RateTable } from "../../domain/jurisdictions/rate-table.js";
import type { Queryable } from "../../platform/db/database.js";

/**
 * Late interest as one set-based UPDATE per creditor and day (`accrueInterest`, in the case store,
 * the one writer of `cases`). The rule core's formula — simple interest, each day rate/365 or
 * /366, summed exactly and rounded once — is precomputed here as a cumulative weight per day (`interest_day_weights`), so interest on P from a to b is
 * round(P × (cum(b) − cum(a)) / 10 000·365·366). A principal change (a part payment) freezes
 * the interest so far into `interest_base_minor`; interest is never charged on interest.
 */
export async function syncDayWeights(db: Queryable, jurisdiction: string, table: RateTable): Promise<void> {
  const first = table.periods[0];
  const last = table.periods[table.periods.length - 1];
  if (!first || !last?.validTo) throw new DomainError("invalid_rule_set", `the ${jurisdiction} rate table is empty or open-ended`, "lateInterest");
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([table.yearBasis.convention, table.periods.map((p) => [p.validFrom.toString(), p.validTo?.toString(), p.basisPoints])]))
    .digest("hex");
  const key = `interest_day_weights:${jurisdiction}`;
  const [meta] = await db.query<{ value: string }>("select value #>> '{}' as value from app_meta where key = $1", [key]);
  if (meta?.value === fingerprint) return;

  const days: string[] = [];
  const cums: number[] = [];
  let cum = 0;
  days.push(first.validFrom.minusDays(1).toString());
  cums.push(0);
  for (const p of table.periods) {
    for (let d = p.validFrom; !d.isAfter(p.validTo!); d = d.plusDays(1)) {
      cum += dayWeight(p.basisPoints, yearDaysOf(d.year, table.yearBasis.convention));
      days.push(d.toString());
      cums.push(cum);
    }
  }
  await db.query("delete from interest_day_weights where jurisdiction = $1", [jurisdiction]);
  await db.query(
    "insert into interest_day_weights (jurisdiction, day, cum) select $1, d, c from unnest($2::date[], $3::int8[]) as t(d, c)",
    [jurisdiction, days, cums],
  );
  await db.query(
    `insert into app_meta (key, value, updated_at) values ($1, to_jsonb($2::text), now())
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [key, fingerprint],
  );
}
