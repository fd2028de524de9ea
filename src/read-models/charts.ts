import type { Queryable } from "../platform/db/database.js";
import type { LocalDate } from "../domain/calendar/local-date.js";
import { isOverdue, openAmount } from "./overdue.js";

/**
 * A creditor's charts: the overdue amount by age (days past due, in five buckets) by the one
 * definition of overdue (`overdue.ts`, so the buckets add up to the dashboard's figure), and what
 * was collected per month over the last twelve (agency and creditor payments). Minor units, in
 * the creditor's currency.
 */
export interface Charts {
  currency: string;
  overdueByAge: { bucket: string; count: number; amountMinor: number }[];
  collectedByMonth: { month: string; amountMinor: number }[];
}

export async function creditorCharts(db: Queryable, creditorId: string, today: LocalDate): Promise<Charts> {
  const on = today.toString();
  const [creditor] = await db.query<{ currency: string }>("select currency from creditors where id = $1", [creditorId]);
  const buckets = await db.query<{ bucket: string; n: number; amount: number }>(
    `select b.bucket, count(x.*)::int as n, coalesce(sum(x.open_minor), 0)::bigint as amount
       from (values (1, '0-30'), (2, '31-60'), (3, '61-90'), (4, '91-180'), (5, '180+')) as b(i, bucket)
       left join (select ${openAmount({ claim: "cl", kase: "cs" })} as open_minor, ($2::date - cl.due_date) as age
                    from claims cl left join cases cs on cs.claim_id = cl.id
                   where cl.creditor_id = $1 and ${isOverdue({ claim: "cl", kase: "cs" }, "$2::date")}) x
         on b.bucket = case when x.age <= 30 then '0-30' when x.age <= 60 then '31-60' when x.age <= 90 then '61-90' when x.age <= 180 then '91-180' else '180+' end
      group by b.i, b.bucket order by b.i`,
    [creditorId, on],
  );
  const months = await db.query<{ month: string; amount: number }>(
    `select to_char(m, 'YYYY-MM') as month, coalesce(sum(p.amount_minor), 0)::bigint as amount
       from generate_series(date_trunc('month', $2::date) - interval '11 months', date_trunc('month', $2::date), interval '1 month') m
       left join payments p on p.creditor_id = $1 and p.channel in ('agency', 'creditor') and date_trunc('month', p.received_on) = m and p.received_on <= $2::date
      group by m order by m`,
    [creditorId, on],
  );
  return {
    currency: creditor!.currency,
    overdueByAge: buckets.map((b) => ({ bucket: b.bucket, count: b.n, amountMinor: Number(b.amount) })),
    collectedByMonth: months.map((m) => ({ month: m.month, amountMinor: Number(m.amount) })),
  };
}
