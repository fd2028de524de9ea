import { agencyFromEnv } from "../../collection/agency.js";
import { upsertCreditor, type CreditorInput } from "../../collection/cases/register.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import { loadRuleBook } from "../../platform/rule-book.js";
import { connectorFactory } from "../connector-for.js";
import type { FetchLike } from "../poweroffice/connector/transport.js";
import { addLedgerIntegration } from "../sync/integrations.js";
import { syncCreditor, type CreditorSyncResult, type SyncDeps } from "../sync/sync-creditor.js";
import { simulatedSleep } from "../connector-test-kit.js";
import { procountorRig, type ProcountorRig } from "./connector/connector-test-kit.js";
import type { ProcountorSandboxOptions } from "./sandbox/index.js";

/**
 * A creditor in a test database connected to a Procountor sandbox company, on the sandbox's
 * manual clock: `sync()` is what the CLI and the daily job call. The creditor is Norwegian (NOK)
 * unless `creditor` says otherwise; `connect: false` leaves the integration to the test (e.g. to
 * `activateFromProcountor`, with `credentialsRef` "sandbox:procountor" and `settings.baseUrl`).
 */
export interface ProcountorSyncRig {
  readonly rig: ProcountorRig;
  readonly database: Database;
  readonly creditorId: string;
  /** null with `connect: false`. */
  readonly integrationId: string | null;
  readonly clock: Clock & { advance(ms: number): void };
  readonly deps: SyncDeps;
  sync(): Promise<CreditorSyncResult>;
  interceptFetch(wrap: (inner: FetchLike) => FetchLike): void;
  close(): Promise<void>;
}

export { syncUntilSettled } from "../sync/sync-test-kit.js";

const rules = loadRuleBook();
let creditorNo = 0;

export async function procountorSyncRig(
  database: Database,
  options: Omit<ProcountorSandboxOptions, "clock"> & { connector?: { timeoutMs?: number; maxAttempts?: number }; start?: string; creditor?: Omit<CreditorInput, "code">; connect?: boolean } = {},
): Promise<ProcountorSyncRig> {
  const rig = await procountorRig(options);
  rig.sandbox.ledger.setCollectionPartner("Fordring");
  const clock = { now: () => rig.clock.now(), today: () => LocalDate.parse(rig.clock.now().toISOString().slice(0, 10)), advance: (ms: number) => rig.clock.advance(ms) };
  const code = `PC${++creditorNo}`;
  const creditorId = await upsertCreditor(database, { code, ...(options.creditor ?? { name: `Testkreditor ${code} AS`, orgNumber: "974760673", address: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo", country: "NO" } }) });
  const integration = options.connect === false ? null : await addLedgerIntegration(database, { creditorId, kind: "procountor", credentialsRef: "sandbox:procountor", settings: { baseUrl: rig.url }, canCreateCases: true });
  let fetch: FetchLike = rig.fetch;
  const sleep = simulatedSleep(rig.clock);
  const connectorFor = connectorFactory({
    fetch: (url, init) => fetch(url, init),
    credentials: () => ({ clientId: rig.sandbox.clientId, clientSecret: rig.sandbox.clientSecret, apiKey: rig.sandbox.ledger.company.apiKey }),
    procountor: { clock: rig.clock, sleep, random: () => 0.5, timeoutMs: options.connector?.timeoutMs ?? 2_000, maxAttempts: options.connector?.maxAttempts ?? 6 },
  });
  const deps: SyncDeps = { clock, rules, agency: agencyFromEnv(), connectorFor };
  return {
    rig,
    database,
    creditorId,
    integrationId: integration?.id ?? null,
    clock,
    deps,
    sync: () => syncCreditor(database, creditorId, deps),
    interceptFetch: (wrap) => {
      fetch = wrap(rig.fetch);
    },
    close: () => rig.close(),
  };
}
