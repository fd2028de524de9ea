import type { SecretBox } from "../../access/secret-box.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Database } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { connectorFactory, credentialsFromEnv } from "../connector-for.js";
import type { LedgerConnector } from "../ledger-connector.js";
import { checkSettlementsBooked } from "./booked-check.js";
import { deliverOutbox } from "./deliver-outbox.js";
import { importInvoices } from "./import-invoices.js";
import { listIntegrations, type LedgerIntegration } from "./integrations.js";
import { readLedgerPayments } from "./ledger-payments.js";
import { takeRunLease } from "./run-lease.js";
import { RunReport, finishRun, startRun, type RunStatus } from "./sync-run.js";
import type { SyncContext } from "./sync-context.js";
import { DEFAULT_WATERMARK_OVERLAP_MS } from "./watermark.js";
import type { LetterAgency } from "../../collection/letters/letter-model.js";

/**
 * Sync with the creditor's ledgers, on demand and from the daily job, every step
 * idempotent. Per integration, the case-creating one first:
 *  1. new cases: AvailableInvoices → mirror → eligibility → open or reject (only the integration
 *     with `can_create_cases`; the others keep syncing the cases they hold);
 *  2. the outbox: rejections, case numbers, status texts and balances to the ledger;
 *  3. payments, credit notes, write-offs and reversals matched in the ledger since the watermark;
 *  4. the outbox again, for the status changes those payments made.
 * A failed step is recorded and the next one still runs; the run row says what happened.
 */
export interface SyncDeps {
  readonly clock: Clock;
  readonly rules: RuleBook;
  /** The letter sender (the agency's identity) for letters a recorded payment sends. */
  readonly agency: LetterAgency;
  readonly connectorFor: (integration: LedgerIntegration) => LedgerConnector;
  /** Default: FORDRING_PUBLIC_URL, else http://localhost:3000. */
  readonly publicUrl?: string;
  readonly trigger?: "on-demand" | "daily";
  readonly actor?: string;
  readonly watermarkOverlapMs?: number;
}

export interface IntegrationSyncResult {
  readonly integrationId: string;
  readonly kind: string;
  readonly runId: string | null;
  /** `skipped`: another sync of this integration was running. */
  readonly status: RunStatus | "skipped";
  readonly counts: Readonly<Record<string, number>>;
  readonly setAside: number;
}

export interface CreditorSyncResult {
  readonly creditorId: string;
  readonly integrations: IntegrationSyncResult[];
}

export async function syncCreditor(database: Database, creditorId: string, deps: SyncDeps): Promise<CreditorSyncResult> {
  const integrations = await listIntegrations(database, creditorId);
  const results: IntegrationSyncResult[] = [];
  for (const integration of integrations) results.push(await syncIntegration(database, integration, deps));
  return { creditorId, integrations: results };
}

/** The daily job: every creditor with an active ledger integration, one after the other. */
export async function syncAllCreditors(database: Database, deps: SyncDeps): Promise<CreditorSyncResult[]> {
  const creditors = await database.query<{ creditor_id: string }>("select distinct creditor_id from ledger_integrations where active order by creditor_id");
  const results: CreditorSyncResult[] = [];
  for (const { creditor_id } of creditors) results.push(await syncCreditor(database, creditor_id, { trigger: "daily", ...deps }));
  return results;
}

export async function syncIntegration(database: Database, integration: LedgerIntegration, deps: SyncDeps): Promise<IntegrationSyncResult> {
  const lease = await takeRunLease(database, integration.id);
  if (lease === null) return { integrationId: integration.id, kind: integration.kind, runId: null, status: "skipped", counts: {}, setAside: 0 };
  try {
    return await runIntegration(database, integration, deps);
  } finally {
    await lease.release();
  }
}

async function runIntegration(database: Database, integration: LedgerIntegration, deps: SyncDeps): Promise<IntegrationSyncResult> {
  const today = deps.clock.today();
  const runId = await startRun(database, { creditorId: integration.creditorId, integrationId: integration.id, trigger: deps.trigger ?? "on-demand", businessDate: today, now: deps.clock.now() });
  if (runId === null) return { integrationId: integration.id, kind: integration.kind, runId, status: "skipped", counts: {}, setAside: 0 };
  const report = new RunReport();
  try {
    const ctx: SyncContext = {
      database,
      integration,
      connector: deps.connectorFor(integration),
      report,
      today,
      now: () => deps.clock.now(),
      actor: deps.actor ?? `system:ledger-sync:${integration.kind}`,
      rules: deps.rules,
      agency: deps.agency,
      publicUrl: deps.publicUrl ?? "http://localhost:3000",
      runState: { openedInImport: new Set(), paymentsRead: false },
    };
    // Only an active creditor takes new cases; a registered (not yet activated) or deactivated one
    // keeps syncing the cases it has (a deactivation loses no open case).
    const [creditor] = await database.query<{ status: string }>("select status from creditors where id = $1", [integration.creditorId]);
    if (integration.canCreateCases && creditor?.status === "active") await report.step("invoices", () => importInvoices(ctx));
    const delivered = await report.step("outbox", () => deliverOutbox(ctx));
    await report.step("payments", () => readLedgerPayments(ctx, { overlapMs: deps.watermarkOverlapMs ?? DEFAULT_WATERMARK_OVERLAP_MS }));
    if (delivered) await report.step("outbox", () => deliverOutbox(ctx));
    // Read back from the ledger that the settlement vouchers delivered are booked (docs/SETTLEMENT.md).
    await report.step("outbox", () => checkSettlementsBooked(ctx));
  } catch (e) {
    report.stepFailed("setup", e);
  }
  const status = await finishRun(database, runId, integration.id, report, deps.clock.now());
  return { integrationId: integration.id, kind: integration.kind, runId, status, counts: report.counts, setAside: report.items.filter((i) => i.outcome === "error").length };
}

/**
 * The production wiring: the real `fetch`, PowerOffice keys from the configuration's environment
 * (`POWEROFFICE_APPLICATION_KEY`, and per integration the variable its `credentials_ref` names;
 * sealed keys opened with `secrets`), `FORDRING_PUBLIC_URL` for the case links.
 */
export function ledgerSyncDeps(o: {
  clock: Clock;
  rules: RuleBook;
  config: Pick<Config, "credentialVariables" | "publicUrl" | "agency">;
  secrets?: SecretBox;
  trigger?: "on-demand" | "daily";
}): SyncDeps {
  return {
    clock: o.clock,
    rules: o.rules,
    agency: o.config.agency,
    connectorFor: connectorFactory({ fetch: (url, init) => fetch(url, init), credentials: credentialsFromEnv(o.config.credentialVariables, o.secrets), powerOffice: { clock: o.clock } }),
    ...(o.config.publicUrl ? { publicUrl: o.config.publicUrl } : {}),
    ...(o.trigger ? { trigger: o.trigger } : {}),
  };
}
