import path from "node:path";
import { upsertCreditor } from "../collection/cases/register.js";
import type { LocalDate } from "../domain/calendar/local-date.js";
import { startDemoProcountorSandbox, type RunningProcountorSandbox } from "../integration/procountor/sandbox/run-sandbox.js";
import { SWEDISH_COMPANIES } from "../integration/procountor/sandbox/server.js";
import { addLedgerIntegration } from "../integration/sync/integrations.js";
import { DEMO_COMPANIES, runVismaNetSandbox, type CompanySnapshot as VismaNetCompanySnapshot, type RunningVismaNetSandbox } from "../integration/visma-net/sandbox/index.js";
import type { Database } from "../platform/db/database.js";
import { DEMO_FIRM } from "./demo-profiles.js";
import { SWEDISH_CUSTOMER_REFS } from "./demo-sweden.js";
import { restoreCompany, snapshotCompany, type CompanySnapshot as ProcountorCompanySnapshot } from "../integration/procountor/sandbox/snapshot.js";
import { startKeptSandbox } from "./state-file.js";

/**
 * The demo's other two ledgers, beside the PowerOffice Go one (issues 17 and 18): a Procountor
 * sandbox whose seeded Swedish company is the Swedish client's (UPPSALA) ledger, and a Visma.net
 * sandbox whose first seeded Norwegian company is a fourth, small Norwegian client's. Both listen
 * on 127.0.0.1 and are reached by the real sync (connector + integration row, `env:NAME`
 * credentials), so the firm sees three ledger kinds side by side. Like the PowerOffice ledgers they
 * are kept in the data directory (`demo-procountor.json`, `demo-visma-net.json`; written after
 * every write request and when stopped, read on start), so what the syncs wrote (notes, case
 * numbers, journals, payments) survives a restart.
 */
export const PROCOUNTOR_STATE_FILE = "demo-procountor.json";
export const VISMA_NET_STATE_FILE = "demo-visma-net.json";
const STATE_VERSION = 1;

interface ProcountorState {
  readonly companies: ProcountorCompanySnapshot[];
}

interface VismaNetState {
  readonly companies: VismaNetCompanySnapshot[];
}

/** Where a sandbox's state is kept: `<dataDir>/<name>`, or nowhere without a data directory. */
function stateFile(dataDir: string | undefined, name: string): string | null {
  return dataDir === undefined ? null : path.join(dataDir, name);
}

/**
 * The demo's Procountor sandbox, seeded as of `seededOn`, with its state kept in
 * `<dataDir>/demo-procountor.json` when `dataDir` is given: restored from the file if there is
 * one and `restore` is not false (a corrupt file is an error naming it), saved after every write
 * request and on `stop`.
 */
export async function startDemoProcountor(o: { seededOn: LocalDate; clock: { now(): Date }; dataDir?: string | undefined; restore?: boolean }): Promise<RunningProcountorSandbox & { stop(): Promise<void> }> {
  const kept = await startKeptSandbox<ProcountorState, RunningProcountorSandbox>({
    file: stateFile(o.dataDir, PROCOUNTOR_STATE_FILE),
    restore: o.restore,
    what: "Procountor ledger",
    version: STATE_VERSION,
    start: (onWrite) => startDemoProcountorSandbox({ today: o.seededOn.toString(), clock: o.clock, onWrite }),
    close: (r) => r.sandbox.close(),
    apply: (r, state) => {
      if (!Array.isArray(state.companies)) throw new Error("it has no companies");
      for (const c of state.companies) restoreCompany(r.sandbox.ledgerFor(c.apiKey).company, c);
    },
    // Every company of the demo's sandbox (it runs with the default ones), not only UPPSALA's.
    snapshot: (r) => ({ companies: SWEDISH_COMPANIES.map((c) => snapshotCompany(r.sandbox.ledgerFor(c.apiKey).company)) }),
  });
  return { ...kept.running, stop: kept.stop };
}

/** The demo's Visma.net sandbox (RORLEGGER's ledger), kept in `<dataDir>/demo-visma-net.json` as the Procountor one is. */
export async function startDemoVismaNet(o: { seededOn: LocalDate; clock: { now(): Date }; dataDir?: string | undefined; restore?: boolean }): Promise<RunningVismaNetSandbox & { stop(): Promise<void> }> {
  const kept = await startKeptSandbox<VismaNetState, RunningVismaNetSandbox>({
    file: stateFile(o.dataDir, VISMA_NET_STATE_FILE),
    restore: o.restore,
    what: "Visma.net ledger",
    version: STATE_VERSION,
    start: (onWrite) => runVismaNetSandbox({ port: 0, clock: o.clock, onWrite, generate: { ...VISMA_NET_SEED, today: o.seededOn.toString() } }),
    close: (r) => r.sandbox.close(),
    apply: (r, state) => {
      if (!Array.isArray(state.companies)) throw new Error("it has no companies");
      for (const c of state.companies) r.sandbox.companyFor(c.tenantId).restore(c);
    },
    snapshot: (r) => ({ companies: DEMO_COMPANIES.map((c) => r.sandbox.companyFor(c.tenantId).snapshot()) }),
  });
  return { ...kept.running, stop: kept.stop };
}

export const VISMA_NET_CLIENT = {
  code: "RORLEGGER",
  name: DEMO_COMPANIES[0]!.name,
  orgNumber: DEMO_COMPANIES[0]!.organizationNumber,
  address: { line1: "Sjøgata 14", postcode: "9008", city: "Tromsø", country: "NO" },
  bankAccount: { accountNumber: "15038877663", bic: "DNBANOKK", active: true },
} as const;

/** The `env:NAME` variables that hold the sandboxes' keys (JSON objects, credentialsFromEnv). */
export const PROCOUNTOR_CREDENTIALS_ENV = "DEMO_PROCOUNTOR_UPPSALA";
export const VISMA_NET_CREDENTIALS_ENV = "DEMO_VISMANET_RORLEGGER";

/** Small: a few customers with three invoices each, some overdue at a dunning level (the sandbox's generator, docs/DEMO.md). */
const VISMA_NET_SEED = { customers: 8, invoicesPerCustomer: 3, seed: 4_711 } as const;

export interface DemoExtraLedgers {
  readonly procountorUrl: string;
  readonly vismaNetUrl: string;
  /** For Config.credentialVariables (the syncs' `env:NAME`). */
  readonly credentials: Record<string, string>;
  stop(): Promise<void>;
}

/** Both sandboxes seeded as of `seededOn` (the demo's seeding day), stamping with `clock`; the Procountor one kept in `dataDir`. */
export async function startDemoExtraLedgers(o: { seededOn: LocalDate; clock: { now(): Date }; dataDir?: string | undefined; restore?: boolean }): Promise<DemoExtraLedgers> {
  const procountor = await startDemoProcountor(o);
  let visma: RunningVismaNetSandbox & { stop(): Promise<void> };
  try {
    visma = await startDemoVismaNet(o);
  } catch (e) {
    await procountor.stop();
    throw e;
  }
  const company = DEMO_COMPANIES[0]!;
  return {
    procountorUrl: procountor.url,
    vismaNetUrl: visma.url,
    credentials: {
      // The sandbox's own client id and secret win over a configured PROCOUNTOR_CLIENT_ID (keys named as connector-for.ts reads them).
      [PROCOUNTOR_CREDENTIALS_ENV]: JSON.stringify({ procountorClientId: procountor.clientId, procountorClientSecret: procountor.clientSecret, apiKey: procountor.apiKey }),
      [VISMA_NET_CREDENTIALS_ENV]: JSON.stringify({ clientId: company.clientId, clientSecret: company.clientSecret, tenantId: company.tenantId }),
    },
    stop: async () => {
      const results = await Promise.allSettled([procountor.stop(), visma.stop()]);
      for (const r of results) if (r.status === "rejected") throw r.reason;
    },
  };
}

/** The Visma.net client: active, under the firm, with its payout account (its integration: `connectDemoExtraLedgers`). */
export async function registerVismaNetClient(database: Database, firmId: string): Promise<{ id: string; code: string; name: string }> {
  const c = VISMA_NET_CLIENT;
  const id = await upsertCreditor(database, { code: c.code, name: c.name, orgNumber: c.orgNumber, address: c.address, firmId, transfer: { preset: "visma-net-dunning" } });
  await database.query("update creditors set status = 'active', active = true, activated_at = now(), bank_account = $2, contact = $3 where id = $1", [
    id,
    JSON.stringify(c.bankAccount),
    JSON.stringify({ name: DEMO_FIRM.contact.name, email: DEMO_FIRM.contact.email }),
  ]);
  return { id, code: c.code, name: c.name };
}

/**
 * The Swedish client's cases from before its ledger was connected (demo-sweden.ts) have debtors
 * with the demo's own customer numbers, which Procountor does not know: their lines in the monthly
 * settlement vouchers go on the receivables account (BAS 1510) without a partner.
 */
const PROCOUNTOR_ACCOUNT_MAP: Readonly<Record<string, string>> = Object.fromEntries(SWEDISH_CUSTOMER_REFS.map((ref) => [ref, "1510"]));

/** The Swedish client's Procountor integration and the Visma.net client's, pointed at the sandboxes. */
export async function connectDemoExtraLedgers(database: Database, o: { swedishCreditorId: string; vismaNetCreditorId: string; ledgers: DemoExtraLedgers }): Promise<void> {
  await addLedgerIntegration(database, { creditorId: o.swedishCreditorId, kind: "procountor", credentialsRef: `env:${PROCOUNTOR_CREDENTIALS_ENV}`, settings: { baseUrl: o.ledgers.procountorUrl, accountMap: PROCOUNTOR_ACCOUNT_MAP }, canCreateCases: true });
  await addLedgerIntegration(database, { creditorId: o.vismaNetCreditorId, kind: "visma-net", credentialsRef: `env:${VISMA_NET_CREDENTIALS_ENV}`, settings: { baseUrl: o.ledgers.vismaNetUrl }, canCreateCases: true });
}

/** After a restart the sandboxes listen on other ports: the integrations follow. */
export async function pointExtraLedgersAt(database: Database, ledgers: DemoExtraLedgers): Promise<void> {
  for (const [ref, url] of [
    [`env:${PROCOUNTOR_CREDENTIALS_ENV}`, ledgers.procountorUrl],
    [`env:${VISMA_NET_CREDENTIALS_ENV}`, ledgers.vismaNetUrl],
  ] as const) {
    await database.query(`update ledger_integrations set settings = jsonb_set(settings, '{baseUrl}', to_jsonb($1::text)) where credentials_ref = $2`, [url, ref]);
  }
}
