import type { Queryable } from "../../platform/db/database.js";
import { instant } from "./integrations.js";
import type { RunItem } from "./sync-run.js";

/**
 * What an operator or the creditor needs to see of the ledger sync: per integration the last run
 * (counts, what was set aside and why, with the ledger's response), what waits in the outbox or
 * failed there, and the invoices the agency rejected with their reasons.
 */
export interface IntegrationStatus {
  readonly creditorId: string;
  readonly creditorCode: string;
  readonly integrationId: string;
  readonly kind: string;
  readonly canCreateCases: boolean;
  readonly watermark: Date | null;
  readonly lastSyncAt: Date | null;
  readonly lastSyncStatus: string | null;
  readonly lastRun: {
    readonly id: string;
    readonly trigger: string;
    readonly businessDate: string;
    readonly status: string;
    readonly startedAt: Date | null;
    readonly finishedAt: Date | null;
    readonly counts: Readonly<Record<string, number>>;
    readonly setAside: RunItem[];
    readonly error: string | null;
  } | null;
  readonly outbox: { readonly pending: Readonly<Record<string, number>>; readonly failed: { kind: string; key: string; attempts: number; lastError: string | null }[] };
  readonly rejections: { invoiceNumber: string; decidedOn: string; delivered: boolean; reasons: { code: string; text: { nb: string; en: string } }[] }[];
}

export async function syncStatus(db: Queryable, options: { creditorId?: string; rejections?: number } = {}): Promise<IntegrationStatus[]> {
  const integrations = await db.query<{
    id: string; creditor_id: string; code: string; kind: string; can_create_cases: boolean; watermark: Date | null; last_sync_at: Date | null; last_sync_status: string | null;
  }>(
    `select i.id, i.creditor_id, c.code, i.kind, i.can_create_cases, i.watermark, i.last_sync_at, i.last_sync_status
       from ledger_integrations i join creditors c on c.id = i.creditor_id
      where i.active and ($1::uuid is null or i.creditor_id = $1)
      order by c.code, i.can_create_cases desc, i.created_at`,
    [options.creditorId ?? null],
  );
  const out: IntegrationStatus[] = [];
  for (const i of integrations) {
    const [run] = await db.query<{ id: string; trigger: string; business_date: string; status: string; started_at: Date; finished_at: Date | null; counts: Record<string, number>; items: RunItem[]; error: string | null }>(
      "select id, trigger, business_date, status, started_at, finished_at, counts, items, error from sync_runs where integration_id = $1 order by started_at desc, id desc limit 1",
      [i.id],
    );
    const outbox = await db.query<{ kind: string; idempotency_key: string; status: string; attempts: number; last_error: string | null }>(
      `select o.kind, o.idempotency_key, o.status, o.attempts, o.last_error from outbox o
        where o.creditor_id = $1 and o.status in ('pending', 'failed')
          and ((o.kind = 'ledger-rejection' and o.payload->>'integrationId' = $2)
            or (o.kind in ('case-opened', 'case-status') and exists (
                  select 1 from case_events e where e.case_id = (o.payload->>'caseId')::uuid and e.type = 'ledger-invoice-linked' and e.data->>'integrationId' = $2)))`,
      [i.creditor_id, i.id],
    );
    const pending: Record<string, number> = {};
    for (const o of outbox) if (o.status === "pending") pending[o.kind] = (pending[o.kind] ?? 0) + 1;
    const rejections = await db.query<{ payload: { invoiceNumber: string; decidedOn: string; reasons: { code: string; text: { nb: string; en: string } }[] }; status: string }>(
      `select payload, status from outbox where creditor_id = $1 and kind = 'ledger-rejection' and payload->>'integrationId' = $2 order by id desc limit $3`,
      [i.creditor_id, i.id, options.rejections ?? 50],
    );
    out.push({
      creditorId: i.creditor_id,
      creditorCode: i.code,
      integrationId: i.id,
      kind: i.kind,
      canCreateCases: i.can_create_cases,
      watermark: instant(i.watermark),
      lastSyncAt: instant(i.last_sync_at),
      lastSyncStatus: i.last_sync_status,
      lastRun: run
        ? { id: run.id, trigger: run.trigger, businessDate: run.business_date, status: run.status, startedAt: instant(run.started_at), finishedAt: instant(run.finished_at), counts: run.counts, setAside: run.items.filter((x) => x.outcome === "error"), error: run.error }
        : null,
      outbox: { pending, failed: outbox.filter((o) => o.status === "failed").map((o) => ({ kind: o.kind, key: o.idempotency_key, attempts: o.attempts, lastError: o.last_error })) },
      rejections: rejections.map((r) => ({ invoiceNumber: r.payload.invoiceNumber, decidedOn: r.payload.decidedOn, delivered: r.status === "delivered", reasons: r.payload.reasons.map((x) => ({ code: x.code, text: x.text })) })),
    });
  }
  return out;
}
