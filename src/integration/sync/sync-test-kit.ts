import { LocalDate } from "../../domain/calendar/local-date.js";
import { upsertCreditor } from "../../collection/cases/register.js";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import { loadRuleBook } from "../../platform/rule-book.js";
import { connectorFactory } from "../connector-for.js";
import { connectorRig, type ConnectorRig } from "../poweroffice/connector/connector-test-kit.js";
import type { FetchLike } from "../poweroffice/connector/transport.js";
import type { PowerOfficeSandboxOptions, SandboxClientOptions } from "../poweroffice/sandbox/index.js";
import { DEMO_CLIENT } from "../poweroffice/sandbox/index.js";
import { addLedgerIntegration } from "./integrations.js";
import { syncCreditor, type CreditorSyncResult, type SyncDeps } from "./sync-creditor.js";
import { agencyFromEnv } from "../../collection/agency.js";

/**
 * A creditor in a test database connected to a PowerOffice sandbox (one client per
 * integration), on the sandbox's manual clock: `sync()` is what the CLI and the daily job call.
 */
export const SECOND_CLIENT: SandboxClientOptions = {
  applicationKey: DEMO_CLIENT.applicationKey,
  clientKey: "5A0E2C1B-7D34-4F6A-9B8E-1C2D3E4F5A6B",
  clientName: "Demo Kreditor AS (gammel klient)",
  organizationNumber: "974760673",
};

const rules = loadRuleBook();
let creditorNo = 0;

/** Two customers of the sandbox ledger with their addresses: a business and a person. */
export const CUSTOMERS = [
  { code: 10001, name: "Bjørnstad Rør AS", organizationNumber: "974760673", mailAddress: { address1: "Strandgata 5", zipCode: "9008", city: "TROMSØ", countryCode: "NO" } },
  { code: 10002, name: "Åse Ødegård", isPerson: true, firstName: "Åse", lastName: "Ødegård", dateOfBirth: "1979-05-17", mailAddress: { address1: "Bjørkeveien 12", zipCode: "6002", city: "ÅLESUND", countryCode: "NO" } },
];

export interface SyncRig {
  readonly rig: ConnectorRig;
  readonly database: Database;
  readonly creditorId: string;
  readonly clock: Clock & { advance(ms: number): void };
  readonly deps: SyncDeps;
  /** Integration ids by sandbox client key. */
  readonly integrations: Map<string, string>;
  sync(): Promise<CreditorSyncResult>;
  /** Replaces the fetch the connectors use (to garble chosen answers). */
  interceptFetch(wrap: (inner: FetchLike) => FetchLike): void;
  close(): Promise<void>;
}

export async function syncRig(
  database: Database,
  options: Omit<PowerOfficeSandboxOptions, "clock"> & { clientsWithIntegrations?: readonly SandboxClientOptions[]; connector?: { timeoutMs?: number; maxAttempts?: number } } = {},
): Promise<SyncRig> {
  const clients = options.clientsWithIntegrations ?? [DEMO_CLIENT];
  const rig = await connectorRig({ ...options, clients });
  const clock = {
    now: () => rig.clock.now(),
    today: () => LocalDate.parse(rig.clock.now().toISOString().slice(0, 10)),
    advance: (ms: number) => rig.clock.advance(ms),
  };
  const code = `T${++creditorNo}`;
  const creditorId = await upsertCreditor(database, {
    code,
    name: `Testkreditor ${code} AS`,
    orgNumber: "974760673",
    address: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo", country: "NO" },
  });
  const integrations = new Map<string, string>();
  for (const [i, client] of clients.entries()) {
    const integration = await addLedgerIntegration(database, { creditorId, kind: "poweroffice", credentialsRef: `sandbox:${client.clientKey}`, settings: { baseUrl: rig.url }, canCreateCases: i === 0 });
    integrations.set(client.clientKey, integration.id);
  }
  let fetch: FetchLike = rig.fetch;
  const sleep = async (ms: number) => {
    rig.clock.advance(ms);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const factory = () =>
    connectorFactory({
      fetch: (url, init) => fetch(url, init),
      credentials: (ref) => {
        const client = clients.find((c) => `sandbox:${c.clientKey}` === ref)!;
        return { applicationKey: client.applicationKey, clientKey: client.clientKey };
      },
      powerOffice: { clock: rig.clock, sleep, random: () => 0.5, timeoutMs: options.connector?.timeoutMs ?? 2_000, maxAttempts: options.connector?.maxAttempts ?? 6 },
    });
  const deps: SyncDeps = { clock, rules, agency: agencyFromEnv(), connectorFor: factory() };
  return {
    rig,
    database,
    creditorId,
    clock,
    deps,
    integrations,
    sync: () => syncCreditor(database, creditorId, deps),
    interceptFetch: (wrap) => {
      fetch = wrap(rig.fetch);
    },
    close: () => rig.close(),
  };
}

/** Syncs until a run is clean and nothing waits in the outbox (fault mode needs a few runs). */
export async function syncUntilSettled(r: Pick<SyncRig, "sync" | "database" | "creditorId" | "clock">, maxRuns = 15): Promise<number> {
  for (let run = 1; run <= maxRuns; run++) {
    const result = await r.sync();
    const clean = result.integrations.every((i) => i.status === "ok");
    const [pending] = await r.database.query<{ n: number }>("select count(*)::int as n from outbox where creditor_id = $1 and status = 'pending'", [r.creditorId]);
    if (clean && pending!.n === 0) return run;
    r.clock.advance(5_000);
  }
  throw new Error(`the sync did not settle in ${maxRuns} runs`);
}
