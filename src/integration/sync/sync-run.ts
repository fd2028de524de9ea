import type { LocalDate } from "../../domain/calendar/local-date.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import { LedgerError } from "../ledger-connector.js";

/**
 * One sync of one integration, as a `sync_runs` row: started, finished, counts, and every item
 * set aside (with the ledger's raw response) or decided on (rejections, waiting invoices and drafts
 * with their reasons). A running row is unique per integration; one left behind by a process that was
 * killed is marked abandoned by the next run, which knows it from the run lease (run-lease.ts).
 */
export type SyncStep = "setup" | "invoices" | "outbox" | "payments";

export interface RunItem {
  readonly step: SyncStep;
  /** The ledger's id of the item (invoice id, match id) or an outbox row. */
  readonly ref: string;
  readonly outcome: "error" | "rejected" | "waiting" | "draft" | "pdf-too-large";
  readonly invoiceNumber?: string;
  readonly reasons?: readonly { code: string; text: { nb: string; sv?: string; en: string } }[];
  readonly eligibleOn?: string | null;
  readonly bytes?: number;
  readonly error?: ReturnType<typeof describeError>;
}

export type RunStatus = "ok" | "partial" | "failed";

export class RunReport {
  readonly counts: Record<string, number> = {};
  readonly items: RunItem[] = [];
  readonly stepErrors: { step: SyncStep; error: ReturnType<typeof describeError> }[] = [];
  private stepsRun = 0;

  /** Runs one step; a failure of the whole step is recorded and the next step still runs. */
  async step(step: SyncStep, run: () => Promise<void>): Promise<boolean> {
    this.stepsRun++;
    try {
      await run();
      return true;
    } catch (e) {
      this.stepFailed(step, e);
      return false;
    }
  }

  count(name: string, n = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + n;
  }
  item(item: RunItem): void {
    this.items.push(item);
  }
  setAside(step: SyncStep, ref: string, e: unknown, extra: Partial<RunItem> = {}): void {
    this.count("setAside");
    this.items.push({ ...extra, step, ref, outcome: "error", error: describeError(e) });
  }
  stepFailed(step: SyncStep, e: unknown): void {
    this.stepErrors.push({ step, error: describeError(e) });
  }
  status(): RunStatus {
    if (this.stepErrors.some((s) => s.step === "setup") || (this.stepsRun > 0 && this.stepErrors.length >= this.stepsRun)) return "failed";
    return this.stepErrors.length > 0 || this.items.some((i) => i.outcome === "error") ? "partial" : "ok";
  }
}

/** LedgerError as stored (raw response included); a DomainError names its field; anything else is a fault of ours. */
export function describeError(e: unknown): { code: string; retryable: boolean; detail: string; vendorCode?: string; response?: { status: number; body: string } } {
  if (e instanceof LedgerError) return e.toJSON();
  if (e instanceof DomainError) return { code: e.code, retryable: false, detail: e.message };
  return { code: "internal", retryable: true, detail: e instanceof Error ? e.message : String(e) };
}

/** Raw responses are kept up to 20,000 characters each; a run keeps its first 1,000 items and counts the rest. */
const MAX_STORED_ITEMS = 1_000;

/**
 * Inserts the running row; null when another sync of this integration is running. Called with the
 * integration's run lease held, so a `running` row still there belongs to a process that stopped.
 */
export async function startRun(db: Queryable, r: { creditorId: string; integrationId: string; trigger: string; businessDate: LocalDate; now: Date }): Promise<string | null> {
  await db.query(
    `update sync_runs set status = 'abandoned', finished_at = $2, error = 'no finish recorded (the process running it stopped)'
      where integration_id = $1 and status = 'running'`,
    [r.integrationId, r.now],
  );
  const [row] = await db.query<{ id: string }>(
    `insert into sync_runs (creditor_id, integration_id, trigger, business_date, started_at) values ($1, $2, $3, $4, $5)
     on conflict (integration_id) where status = 'running' do nothing returning id`,
    [r.creditorId, r.integrationId, r.trigger, r.businessDate.toString(), r.now],
  );
  return row?.id ?? null;
}

export async function finishRun(db: Queryable, runId: string, integrationId: string, report: RunReport, now: Date): Promise<RunStatus> {
  const status = report.status();
  const error = report.stepErrors.map((s) => `${s.step}: ${s.error.code}: ${s.error.detail}`).join("; ") || null;
  const items = [...report.stepErrors.map((s) => ({ step: s.step, ref: "step", outcome: "error", error: s.error })), ...report.items];
  const counts = items.length > MAX_STORED_ITEMS ? { ...report.counts, itemsNotStored: items.length - MAX_STORED_ITEMS } : report.counts;
  await db.query(
    `update sync_runs set status = $2, finished_at = $3, counts = $4, items = $5, error = $6 where id = $1`,
    [runId, status, now, JSON.stringify(counts), JSON.stringify(items.slice(0, MAX_STORED_ITEMS)), error],
  );
  await db.query("update ledger_integrations set last_sync_at = $2, last_sync_status = $3 where id = $1", [integrationId, now, status]);
  return status;
}
