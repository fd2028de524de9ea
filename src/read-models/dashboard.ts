import type { Queryable } from "../platform/db/database.js";
import type { LocalDate } from "../domain/calendar/local-date.js";
import { CASE_ACTION_NEEDED } from "./case-balance.js";
import { sharedCurrency } from "./currency.js";
import { selectionSql, type CreditorSelection } from "./creditor-selection.js";
import { isOverdue, openAmount } from "./overdue.js";

/**
 * The dashboard's figures for a set of creditors (a firm's clients, or every creditor a caller
 * may see), per client and in total: overdue (`overdue.ts`), drafts waiting for approval, cases
 * needing a person, open cases, collected this month, ledger sync problems. Amounts in minor units.
 */
export interface DashboardCounts {
  overdueCount: number;
  overdueMinor: number;
  draftCount: number;
  draftMinor: number;
  actionNeeded: number;
  openCases: number;
}
export interface DashboardClient extends DashboardCounts {
  creditorId: string;
  code: string;
  name: string;
  status: string;
  currency: string;
  collectedThisMonthMinor: number;
  sync: { status: string | null; lastSyncAt: Date | null; problems: number };
}
export interface Dashboard {
  /** The currency the clients' amounts are in (`sharedCurrency`). */
  currency: string;
  today: string;
  /** Counts over every client; the money per currency in `byCurrency` (overdueMinor and draftMinor add every client only when they share one currency). */
  totals: DashboardCounts & { syncProblems: number; byCurrency: { currency: string; overdueMinor: number; draftMinor: number }[] };
  clients: DashboardClient[];
}

export async function dashboard(db: Queryable, selection: CreditorSelection, today: LocalDate): Promise<Dashboard> {
  const { condition, params } = selectionSql(selection, 2);
  const rows = await db.query<{
    id: string; code: string; name: string; status: string; currency: string; overdue_count: number; overdue_minor: number; draft_count: number; draft_minor: number;
    action_needed: number; open_cases: number; collected_minor: number; sync_status: string | null; last_sync_at: Date | null; sync_problems: number;
  }>(
    `select cr.id, cr.code, cr.name, cr.status, cr.currency,
            coalesce(o.n, 0)::int as overdue_count, coalesce(o.amount, 0)::bigint as overdue_minor,
            coalesce(d.n, 0)::int as draft_count, coalesce(d.amount, 0)::bigint as draft_minor,
            coalesce(k.action, 0)::int as action_needed, coalesce(k.open, 0)::int as open_cases,
            coalesce(p.amount, 0)::bigint as collected_minor,
            s.last_sync_status as sync_status, s.last_sync_at, coalesce(s.problems, 0)::int as sync_problems
       from creditors cr
       left join lateral (select count(*) as n, sum(${openAmount({ claim: "cl", kase: "cs" })}) as amount
                            from claims cl left join cases cs on cs.claim_id = cl.id
                           where cl.creditor_id = cr.id and ${isOverdue({ claim: "cl", kase: "cs" }, "$1::date")}) o on true
       left join lateral (select count(*) as n, sum(cl.open_minor) as amount from claims cl left join cases cs on cs.claim_id = cl.id
                           where cl.creditor_id = cr.id and cl.transfer_state = 'draft' and cs.id is null) d on true
       left join lateral (select count(*) filter (where c.closed_on is null) as open, count(*) filter (where ${CASE_ACTION_NEEDED}) as action
                            from cases c where c.creditor_id = cr.id) k on true
       left join lateral (select sum(amount_minor) as amount from payments where creditor_id = cr.id and channel in ('agency', 'creditor')
                             and received_on >= date_trunc('month', $1::date)::date and received_on <= $1::date) p on true
       left join lateral (select max(last_sync_at) as last_sync_at, (array_agg(last_sync_status order by last_sync_at desc nulls last))[1] as last_sync_status,
                                 count(*) filter (where last_sync_status in ('failed', 'partial')) as problems
                            from ledger_integrations where creditor_id = cr.id and active) s on true
      where ${condition}
      order by cr.name, cr.id`,
    [today.toString(), ...params],
  );
  const clients: DashboardClient[] = rows.map((r) => ({
    creditorId: r.id, code: r.code, name: r.name, status: r.status, currency: r.currency,
    overdueCount: r.overdue_count, overdueMinor: Number(r.overdue_minor), draftCount: r.draft_count, draftMinor: Number(r.draft_minor),
    actionNeeded: r.action_needed, openCases: r.open_cases, collectedThisMonthMinor: Number(r.collected_minor),
    sync: { status: r.sync_status, lastSyncAt: r.last_sync_at, problems: r.sync_problems },
  }));
  const total = (k: keyof DashboardCounts) => clients.reduce((a, c) => a + c[k], 0);
  return {
    currency: sharedCurrency(clients.map((c) => c.currency)),
    today: today.toString(),
    totals: {
      overdueCount: total("overdueCount"), overdueMinor: total("overdueMinor"), draftCount: total("draftCount"), draftMinor: total("draftMinor"),
      actionNeeded: total("actionNeeded"), openCases: total("openCases"), syncProblems: clients.reduce((a, c) => a + c.sync.problems, 0),
      byCurrency: [...new Set(clients.map((c) => c.currency))].sort().map((currency) => {
        const of = clients.filter((c) => c.currency === currency);
        return { currency, overdueMinor: of.reduce((a, c) => a + c.overdueMinor, 0), draftMinor: of.reduce((a, c) => a + c.draftMinor, 0) };
      }),
    },
    clients,
  };
}

/** How many bank payments wait in the manual-match queue (the agency's overview shows it). */
export async function unmatchedPaymentCount(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>("select count(*)::int as n from bank_payments where status = 'unmatched'");
  return row!.n;
}
