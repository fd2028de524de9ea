import { LocalDate } from "../domain/calendar/local-date.js";
import { parseCurrency } from "../domain/money.js";
import type { Database } from "../platform/db/database.js";
import { clientMailLocale, weeklyListMail, type WeeklyListRow } from "./client-mails.js";
import type { Mailer } from "./mailer.js";
import { sendOnce } from "./send-once.js";

/** The ISO week before the one `today` is in: Monday to Sunday, its number and its year. */
export function previousIsoWeek(today: LocalDate): { from: LocalDate; to: LocalDate; week: number; weekYear: number } {
  const from = today.minusDays(today.dayOfWeek - 1 + 7);
  const thursday = from.plusDays(3);
  const dayOfYear = LocalDate.of(thursday.year, 1, 1).daysUntil(thursday) + 1;
  return { from, to: from.plusDays(6), week: Math.floor((dayOfYear - 1) / 7) + 1, weekYear: thursday.year };
}

/**
 * The weekly collection list (inkassoliste) to the creditors' and firms' people, Mondays: per
 * client they may see and per currency, the cases opened, the money paid in (to the agency or,
 * as the ledger reports, to the creditor) and the cases closed last week, and the cases open now
 * with their balance. A client with no cases is left out; a user with nothing to list gets no
 * e-mail. Not to users who turned the summaries off (`users.digest_opt_out`, the same switch as
 * the daily digest). Once per user and week (`notification_log`, kind `weekly-list`, key the
 * week's Monday).
 */
export async function sendWeeklyLists(database: Database, mailer: Mailer, o: { today: LocalDate; portalUrl: string }): Promise<{ sent: number; skipped: number }> {
  const week = previousIsoWeek(o.today);
  const rows = await database.query<{ user_id: string; email: string; name: string; locale: string; creditor: string; currency: string; opened: number; closed: number; open_cases: number; open_balance: string; paid: string }>(
    `with seen as (
       select distinct u.id as user_id, u.email, u.name, u.locale, cr.id as creditor_id, cr.name as creditor
         from users u join memberships m on m.user_id = u.id
         join creditors cr on (m.role in ('firm-admin', 'firm-accountant') and cr.firm_id = m.firm_id) or (m.role = 'creditor-user' and cr.id = m.creditor_id)
        where not u.disabled and not u.digest_opt_out),
     stats as (
       select c.creditor_id, c.currency,
              count(*) filter (where c.opened_on between $1 and $2)::int as opened,
              count(*) filter (where c.closed_on between $1 and $2)::int as closed,
              count(*) filter (where c.closed_on is null)::int as open_cases,
              coalesce(sum(c.balance_minor) filter (where c.closed_on is null), 0)::bigint as open_balance
         from cases c where c.creditor_id in (select creditor_id from seen) group by c.creditor_id, c.currency),
     paid as (
       select p.creditor_id, p.currency, sum(p.amount_minor)::bigint as paid
         from payments p where p.case_id is not null and p.channel in ('agency', 'creditor') and p.received_on between $1 and $2
        group by p.creditor_id, p.currency)
     select s.user_id, s.email, s.name, s.locale, s.creditor, st.currency, st.opened, st.closed, st.open_cases, st.open_balance, coalesce(pd.paid, 0) as paid
       from seen s join stats st on st.creditor_id = s.creditor_id
       left join paid pd on pd.creditor_id = s.creditor_id and pd.currency = st.currency
      order by s.user_id, s.creditor, st.currency`,
    [week.from.toString(), week.to.toString()],
  );
  const byUser = new Map<string, { email: string; name: string; locale: string; rows: WeeklyListRow[] }>();
  for (const r of rows) {
    const u = byUser.get(r.user_id) ?? { email: r.email, name: r.name, locale: r.locale, rows: [] };
    const row: WeeklyListRow = { creditor: r.creditor, currency: parseCurrency(r.currency), opened: r.opened, closed: r.closed, openCases: r.open_cases, openBalanceMinor: Number(r.open_balance), paidMinor: Number(r.paid) };
    if (row.opened + row.closed + row.openCases > 0 || row.paidMinor !== 0) u.rows.push(row);
    byUser.set(r.user_id, u);
  }
  let sent = 0;
  let skipped = 0;
  for (const [userId, u] of byUser) {
    if (u.rows.length === 0) {
      skipped++;
      continue;
    }
    const mail = weeklyListMail(clientMailLocale(u.locale), { name: u.name, week: week.week, weekYear: week.weekYear, from: week.from.toString(), to: week.to.toString(), rows: u.rows, portalUrl: o.portalUrl });
    if (await sendOnce(database, mailer, { userId, kind: "weekly-list", key: week.from.toString() }, { to: u.email, ...mail })) sent++;
    else skipped++;
  }
  return { sent, skipped };
}
