import { agencyFromEnv } from "../../collection/agency.js";
import { upsertCreditor } from "../../collection/cases/register.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import { loadRuleBook } from "../../platform/rule-book.js";
import { connectorFactory } from "../connector-for.js";
import type { FetchLike } from "../poweroffice/connector/transport.js";
import { addLedgerIntegration } from "../sync/integrations.js";
import { syncCreditor, type CreditorSyncResult, type SyncDeps } from "../sync/sync-creditor.js";
import { vismaConnectorRig, type VismaConnectorRig } from "./connector/connector-test-kit.js";
import { DEMO_COMPANIES, type VismaNetSandboxOptions } from "./sandbox/index.js";

/**
 * A creditor in a test database connected to a Visma.net sandbox company, on the sandbox's manual
 * clock: `sync()` is what the CLI and the daily job call.
 */
export interface VismaSyncRig {
  readonly rig: VismaConnectorRig;
  readonly creditorId: string;
  readonly integrationId: string;
  readonly clock: Clock & { advance(ms: number): void };
  readonly deps: SyncDeps;
  sync(): Promise<CreditorSyncResult>;
  interceptFetch(wrap: (inner: FetchLike) => FetchLike): void;
  close(): Promise<void>;
}

let creditorNo = 0;

export async function vismaSyncRig(database: Database, options: Omit<VismaNetSandboxOptions, "clock"> & { connector?: { timeoutMs?: number; maxAttempts?: number; backgroundPolls?: number }; settings?: Record<string, unknown> } = {}): Promise<VismaSyncRig> {
  const rig = await vismaConnectorRig(options);
  const company = DEMO_COMPANIES[0]!;
  const clock = { now: () => rig.clock.now(), today: () => LocalDate.parse(rig.clock.now().toISOString().slice(0, 10)), advance: (ms: number) => rig.clock.advance(ms) };
  const code = `V${++creditorNo}`;
  const creditorId = await upsertCreditor(database, { code, name: `Testkreditor ${code} AS`, orgNumber: "974760673", address: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo", country: "NO" } });
  const integration = await addLedgerIntegration(database, { creditorId, kind: "visma-net", credentialsRef: `sandbox:${company.tenantId}`, settings: { baseUrl: rig.url, ...options.settings }, canCreateCases: true });
  let fetch: FetchLike = rig.fetch;
  const connectorFor = connectorFactory({
    fetch: (url, init) => fetch(url, init),
    credentials: (ref) => {
      const c = DEMO_COMPANIES.find((x) => `sandbox:${x.tenantId}` === ref)!;
      return { clientId: c.clientId, clientSecret: c.clientSecret, tenantId: c.tenantId };
    },
    vismaNet: { backgroundWrites: true, clock: rig.clock, sleep: rig.sleep, random: () => 0.5, timeoutMs: options.connector?.timeoutMs ?? 2_000, maxAttempts: options.connector?.maxAttempts ?? 6, backgroundPolls: options.connector?.backgroundPolls ?? 6 },
  });
  const deps: SyncDeps = { clock, rules: loadRuleBook(), agency: agencyFromEnv(), connectorFor };
  return {
    rig,
    creditorId,
    integrationId: integration.id,
    clock,
    deps,
    sync: () => syncCreditor(database, creditorId, deps),
    interceptFetch: (wrap) => {
      fetch = wrap(rig.fetch);
    },
    close: () => rig.close(),
  };
}
