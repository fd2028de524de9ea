import { createHash } from "node:crypto";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { DomainError } from "../../domain/errors.js";
import { dayWeight, INTEREST_DENOMINATOR, yearDaysOf } from "../../domain/interest/year-days.js";
import type { RateTable } from "../../domain/jurisdictions/rate-table.js";
import type { Queryable } from "../../platform/db/database.js";

/**
 * Late interest as one set-based UPDATE per creditor and day. The rule core's formula — simple
 * interest, each day rate/365 or /366, summed exactly and rounded once — is precomputed as a
 * cumulative weight per day (`interest_day_weights`), so interest on P from a to b is
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

/** Brings every open case of the creditor up to `today`. Returns the number of cases updated. */
export async function accrueInterest(db: Queryable, creditorId: string, today: LocalDate, options: { caseId?: string } = {}): Promise<number> {
  const onlyCase = options.caseId ?? null;
  const [range] = await db.query<{ first: string | null; last: string | null; oldest: string | null; jurisdictions: string[] }>(
    `select (select min(day) from interest_day_weights w where w.jurisdiction = any(j.list)) as first,
            (select min(last) from (select max(day) as last from interest_day_weights w where w.jurisdiction = any(j.list) group by jurisdiction) m) as last,
            j.oldest, j.list as jurisdictions
       from (select min(interest_base_on) as oldest, coalesce(array_agg(distinct jurisdiction), '{}') as list
               from cases where creditor_id = $1 and closed_on is null and interest_accrued_on < $2 and ($3::uuid is null or id = $3)) j`,
    [creditorId, today.toString(), onlyCase],
  );
  if (!range || range.oldest === null) return 0;
  if (range.last === null || range.last < today.toString()) {
    throw new DomainError(
      "date_outside_rate_table",
      `the late-interest table for ${range.jurisdictions.join(", ")} ends on ${range.last ?? "(none)"}; add the rate in force on ${today} to the rule file (FORDRING_RULES_DIR)`,
      "today",
    );
  }
  if (range.first === null || range.oldest < range.first) {
    throw new DomainError("date_outside_rate_table", `a case's interest runs from ${range.oldest}, before the rate table starts on ${range.first}`, "interest_base_on");
  }
  const rows = await db.query<{ n: number }>(
    `with updated as (
       update cases c
          set interest_accrued_minor = c.interest_base_minor
                + round((c.principal_minor - c.principal_paid_minor)::numeric * (t.cum - b.cum) / ${INTEREST_DENOMINATOR})::int8,
              interest_accrued_on = $2
         from interest_day_weights b, interest_day_weights t
        where c.creditor_id = $1 and c.closed_on is null and c.interest_accrued_on < $2 and c.interest_base_on <= $2
          and ($3::uuid is null or c.id = $3)
          and b.jurisdiction = c.jurisdiction and b.day = c.interest_base_on
          and t.jurisdiction = c.jurisdiction and t.day = $2
       returning 1)
     select count(*)::int8 as n from updated`,
    [creditorId, today.toString(), onlyCase],
  );
  return rows[0]?.n ?? 0;
}
