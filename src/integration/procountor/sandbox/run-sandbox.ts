import { seedSwedishLedger, type SeedResult } from "./seed.js";
import { createProcountorSandbox, type ProcountorSandbox, type ProcountorSandboxOptions } from "./server.js";

/**
 * What `fordring sandbox procountor --port 4030` runs, and what the demo starts for its Swedish
 * creditor: a sandbox on 127.0.0.1 whose first company is seeded with a Swedish customer ledger
 * dated around `today` (unless `seed` is false).
 */
export interface RunProcountorSandboxOptions extends ProcountorSandboxOptions {
  readonly port?: number;
  readonly host?: string;
  /** The date the seeded invoices are placed around (YYYY-MM-DD); no seed when absent. */
  readonly seedToday?: string;
  readonly seedInvoices?: number;
}

export interface RunningProcountorSandbox {
  readonly sandbox: ProcountorSandbox;
  /** Use it where a client would use https://api.procountor.com/api */
  readonly url: string;
  readonly seeded: SeedResult | undefined;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The first (seeded) company's API key. */
  readonly apiKey: string;
}

export async function runProcountorSandbox(options: RunProcountorSandboxOptions = {}): Promise<RunningProcountorSandbox> {
  const sandbox = createProcountorSandbox(options);
  const seeded = options.seedToday ? seedSwedishLedger(sandbox.ledger, options.seedToday, options.seedInvoices === undefined ? {} : { invoices: options.seedInvoices }) : undefined;
  const url = await sandbox.listen(options.port ?? 4030, options.host ?? "127.0.0.1");
  return { sandbox, url, seeded, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, apiKey: sandbox.ledger.company.apiKey };
}

/**
 * The demo's Procountor ledger: the seeded Swedish company with "Fordring" chosen as its
 * collection partner, listening on `port` (0: any). The lead wires the demo's Swedish creditor to
 * it (an integration of kind "procountor" with `settings.baseUrl` = the URL).
 */
export async function startDemoProcountorSandbox(o: { today: string; port?: number; clock?: { now(): Date }; partnerName?: string; onWrite?: () => void }): Promise<RunningProcountorSandbox> {
  const running = await runProcountorSandbox({ port: o.port ?? 0, seedToday: o.today, ...(o.clock ? { clock: o.clock } : {}), ...(o.onWrite ? { onWrite: o.onWrite } : {}) });
  running.sandbox.ledger.setCollectionPartner(o.partnerName ?? "Fordring");
  return running;
}
