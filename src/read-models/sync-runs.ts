import type { Queryable } from "../platform/db/database.js";

/**
 * A creditor's latest ledger sync runs (50, newest first). `setAside` counts the run's items that
 * ended in an error — the same count the sync itself reports (`runIntegration`).
 */
export interface SyncRunView {
  runId: string;
  integrationId: string;
  trigger: string;
  businessDate: string;
  status: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: Record<string, number>;
  setAside: number;
  error: string | null;
}

export async function latestSyncRuns(db: Queryable, creditorId: string): Promise<SyncRunView[]> {
  const rows = await db.query<{ id: string; integration_id: string; trigger: string; business_date: string; status: string; started_at: Date | null; finished_at: Date | null; counts: Record<string, number>; set_aside: number; error: string | null }>(
    `select id, integration_id, trigger, business_date, status, started_at, finished_at, counts,
            (select count(*) from jsonb_array_elements(items) i where i->>'outcome' = 'error')::int as set_aside, error
       from sync_runs where creditor_id = $1 order by started_at desc limit 50`,
    [creditorId],
  );
  return rows.map((r) => ({ runId: r.id, integrationId: r.integration_id, trigger: r.trigger, businessDate: r.business_date, status: r.status, startedAt: r.started_at, finishedAt: r.finished_at, counts: r.counts, setAside: Number(r.set_aside), error: r.error }));
}
