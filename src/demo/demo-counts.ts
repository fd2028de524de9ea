import type { Database } from "../platform/db/database.js";

/** What the seeded demo holds, for the terminal and the tests. */
export interface DemoCounts {
  readonly invoices: number;
  readonly cases: number;
  /** Open cases by stage, plus `closed:<reason>` for closed ones. */
  readonly casesByState: Record<string, number>;
  readonly paused: number;
  readonly disputed: number;
  /** Invoices rejected by the eligibility rules (a rejection sent to the ledger). */
  readonly blocked: number;
  /** Invoices waiting in the draft list for a person's approval. */
  readonly drafts: number;
  readonly letters: number;
  readonly payments: number;
  readonly bankFiles: number;
  readonly settlements: number;
}

export async function demoCounts(database: Database): Promise<DemoCounts> {
  const one = async (sql: string) => ((await database.query<{ n: number }>(sql))[0]?.n ?? 0);
  const states = await database.query<{ state: string; n: number }>(
    "select case when closed_on is null then stage else 'closed:' || coalesce(close_reason, 'other') end as state, count(*)::int as n from cases group by 1 order by 1",
  );
  return {
    invoices: await one("select count(*)::int as n from claims"),
    cases: await one("select count(*)::int as n from cases"),
    casesByState: Object.fromEntries(states.map((s) => [s.state, s.n])),
    paused: await one("select count(*)::int as n from cases where closed_on is null and hold_kind = 'paused'"),
    disputed: await one("select count(*)::int as n from cases where closed_on is null and hold_kind = 'disputed'"),
    blocked: await one("select count(*)::int as n from outbox where kind = 'ledger-rejection'"),
    drafts: await one("select count(*)::int as n from claims where transfer_state = 'draft'"),
    letters: await one("select count(*)::int as n from letters"),
    payments: await one("select count(*)::int as n from payments"),
    bankFiles: await one("select count(*)::int as n from bank_files"),
    settlements: await one("select count(*)::int as n from settlements"),
  };
}
